"""The outbox's data functions: enqueue in the causing transaction, claim, settle.

Claims are leases (`claimed_until`): a sender that dies mid-send leaves rows that another
claims after the lease. On PostgreSQL the claim skips rows another replica has locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.records import CaseRecord, as_utc
from store.models import CaseMessage, Delivery, Workspace
from store.prepared import Prepared

DELIVERIES = cast(Table, Delivery.__table__)
CASE_MESSAGES = cast(Table, CaseMessage.__table__)
_INSERT = insert(DELIVERIES)
_FAST_INSERT = Prepared(_INSERT, ("workspace_id", "platform", "kind", "case_id", "offer_id", "recipient",
                                  "text", "due_at", "attempts", "created_at", "level"))

_MARK_SENT = (update(DELIVERIES).where(DELIVERIES.c.id == bindparam("delivery_id"))
              .values(sent_at=bindparam("sent_now"), claimed_until=None, attempts=DELIVERIES.c.attempts + 1))
_FAST_MARK_SENT = Prepared(_MARK_SENT)


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    id: int
    workspace_id: str
    platform: str
    kind: str
    case_id: int | None
    offer_id: int | None
    recipient: str
    text: str
    due_at: datetime
    attempts: int
    level: int = 0
    sent: bool = False
    cancelled: bool = False

    @classmethod
    def from_row(cls, row: Any) -> DeliveryRecord:
        data = row._mapping
        return cls(id=data["id"], workspace_id=data["workspace_id"], platform=data["platform"],
                   kind=data["kind"], case_id=data["case_id"], offer_id=data["offer_id"],
                   recipient=data["recipient"], text=data["text"], due_at=as_utc(data["due_at"]),
                   attempts=data["attempts"], level=data["level"],
                   sent=data["sent_at"] is not None, cancelled=data["cancelled_at"] is not None)


def enqueue(conn: Connection, case: CaseRecord, kind: str, recipient: str, now: datetime, *,
            text: str = "", offer_id: int | None = None, due_at: datetime | None = None) -> None:
    values = {"workspace_id": case.workspace_id, "platform": case.platform, "kind": kind,
              "case_id": case.id, "offer_id": offer_id, "recipient": recipient, "text": text,
              "due_at": due_at or now, "attempts": 0, "created_at": now, "level": 0}
    if conn.dialect.name == "sqlite":
        _FAST_INSERT.run(conn, values)
    else:
        conn.execute(_INSERT, values)


def enqueue_card_update(conn: Connection, case: CaseRecord, now: datetime, *, text: str = "") -> None:
    """A change to a case is one row per post: the reporter's DM card updated, the team's card
    updated, and the change noted in the team card's thread; each is sent and recorded alone."""
    enqueue(conn, case, "card_update_dm", case.reporter_id, now)
    enqueue(conn, case, "card_update_team", case.team, now)
    if text:
        enqueue(conn, case, "thread_note", case.team, now, text=text)


def claim_due(conn: Connection, platform: str, now: datetime, *, limit: int = 100,
              lease: timedelta = timedelta(seconds=60),
              one_per_recipient: bool = False) -> list[DeliveryRecord]:
    """Claims due rows for this sender. With `one_per_recipient`, only each recipient's
    earliest row: a channel gets at most one message per claim, which paces it to the
    platform's per-channel rate when claims run once a second. Only the oldest `limit * 20`
    due rows are considered, so a backlog behind a few busy channels costs a bounded scan."""
    due = and_(DELIVERIES.c.platform == platform, DELIVERIES.c.sent_at.is_(None),
               DELIVERIES.c.failed_at.is_(None), DELIVERIES.c.cancelled_at.is_(None),
               DELIVERIES.c.due_at <= now,
               DELIVERIES.c.claimed_until.is_(None) | (DELIVERIES.c.claimed_until < now))
    if one_per_recipient:
        window = (select(DELIVERIES.c.id, DELIVERIES.c.recipient, DELIVERIES.c.due_at)
                  .where(due).order_by(DELIVERIES.c.due_at, DELIVERIES.c.id)
                  .limit(limit * 20).subquery())
        first = (select(window.c.id, func.row_number().over(
                     partition_by=window.c.recipient,
                     order_by=(window.c.due_at, window.c.id)).label("place"))
                 .subquery())
        candidates = select(first.c.id).where(first.c.place == 1).limit(limit)
        locked = select(DELIVERIES.c.id).where(DELIVERIES.c.id.in_(candidates), due)
    else:
        locked = select(DELIVERIES.c.id).where(due).order_by(DELIVERIES.c.due_at,
                                                             DELIVERIES.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        locked = locked.with_for_update(skip_locked=True)
    ids = list(conn.execute(locked).scalars())
    if not ids:
        return []
    rows = conn.execute(update(DELIVERIES).where(DELIVERIES.c.id.in_(ids))
                        .values(claimed_until=now + lease).returning(*DELIVERIES.c))
    return sorted((DeliveryRecord.from_row(row) for row in rows), key=lambda d: (d.due_at, d.id))


def mark_sent(conn: Connection, delivery_id: int, now: datetime) -> None:
    """Run once per post, in a transaction of its own: compiled once on SQLite (store/prepared.py)."""
    values = {"delivery_id": delivery_id, "sent_now": now}
    if conn.dialect.name == "sqlite":
        _FAST_MARK_SENT.run(conn, values)
    else:
        conn.execute(_MARK_SENT, values)


def mark_retry(conn: Connection, delivery_id: int, due_at: datetime, error: str, *,
               count_attempt: bool = True) -> None:
    """A rate-limited send is not a failed attempt: only real failures use up the attempts."""
    values: dict[str, Any] = {"due_at": due_at, "claimed_until": None, "last_error": error[:2000]}
    if count_attempt:
        values["attempts"] = DELIVERIES.c.attempts + 1
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id).values(**values))


def mark_failed(conn: Connection, delivery_id: int, now: datetime, error: str) -> None:
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id)
                 .values(failed_at=now, claimed_until=None, last_error=error[:2000],
                         attempts=DELIVERIES.c.attempts + 1))


def case_messages_of_cases(conn: Connection, case_ids: set[int]) -> dict[int, dict[str, tuple[str, str]]]:
    found: dict[int, dict[str, tuple[str, str]]] = {}
    if case_ids:
        rows = conn.execute(select(CASE_MESSAGES.c.case_id, CASE_MESSAGES.c.kind, CASE_MESSAGES.c.channel_id,
                                   CASE_MESSAGES.c.message_id)
                            .where(CASE_MESSAGES.c.case_id.in_(case_ids)).order_by(CASE_MESSAGES.c.id))
        for case_id, kind, channel, message in rows:
            found.setdefault(case_id, {})[kind] = (channel, message)
    return found


def remember_message(conn: Connection, case: CaseRecord, kind: str, channel_id: str,
                     message_id: str, now: datetime, offer_id: int | None = None) -> None:
    """Where a lasting message of the case lives. Idempotent: a post recorded twice (after a
    crash, or a reminder posted again) keeps the first place and never fails the record."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(CASE_MESSAGES).values(
        case_id=case.id, workspace_id=case.workspace_id, platform=case.platform, kind=kind,
        channel_id=channel_id, message_id=message_id, offer_id=offer_id, created_at=now)
        .on_conflict_do_nothing(index_elements=["case_id", "kind", "channel_id"]))


def cancel_pending(conn: Connection, case: CaseRecord, kinds: tuple[str, ...], now: datetime, *,
                   offer_id: int | None = None) -> int:
    """Follow-ups that no longer apply (the case moved on) are cancelled, not deleted: the
    outbox keeps what was planned and why it stopped."""
    statement = (update(DELIVERIES)
                 .where(DELIVERIES.c.workspace_id == case.workspace_id,
                        DELIVERIES.c.case_id == case.id, DELIVERIES.c.kind.in_(kinds),
                        DELIVERIES.c.sent_at.is_(None), DELIVERIES.c.cancelled_at.is_(None),
                        DELIVERIES.c.failed_at.is_(None))
                 .values(cancelled_at=now))
    if offer_id is not None:
        statement = statement.where(DELIVERIES.c.offer_id == offer_id)
    return int(conn.execute(statement).rowcount or 0)


def pending_delivery(conn: Connection, workspace_id: str, delivery_id: int) -> DeliveryRecord | None:
    row = conn.execute(select(DELIVERIES).where(
        DELIVERIES.c.workspace_id == workspace_id, DELIVERIES.c.id == delivery_id)).first()
    return DeliveryRecord.from_row(row) if row else None


def reschedule(conn: Connection, delivery_id: int, due_at: datetime, *, level: int | None = None,
               recipient: str | None = None) -> None:
    """Puts a follow-up back in the queue (snoozed, or escalated to its next level)."""
    values: dict[str, Any] = {"due_at": due_at, "sent_at": None, "claimed_until": None,
                              "cancelled_at": None}
    if level is not None:
        values["level"] = level
    if recipient is not None:
        values["recipient"] = recipient
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id).values(**values))


def cancel_many(conn: Connection, delivery_ids: list[int], now: datetime) -> None:
    if delivery_ids:
        conn.execute(update(DELIVERIES).where(DELIVERIES.c.id.in_(delivery_ids),
                                              DELIVERIES.c.cancelled_at.is_(None))
                     .values(cancelled_at=now, claimed_until=None))


def release(conn: Connection, delivery_id: int) -> None:
    """Gives a claimed row back untouched (it was not attempted): the next claim takes it."""
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id).values(claimed_until=None))


def cancel(conn: Connection, delivery_id: int, now: datetime) -> None:
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id,
                                          DELIVERIES.c.cancelled_at.is_(None))
                 .values(cancelled_at=now, claimed_until=None))


def enqueue_once(conn: Connection, *, workspace: str, platform: str, kind: str, recipient: str,
                 due_at: datetime, dedupe_key: str, now: datetime) -> int:
    """A row not tied to a case (a digest), created once however many planners race to it."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(DELIVERIES).values(
        workspace_id=workspace, platform=platform, kind=kind, case_id=None, offer_id=None,
        recipient=recipient, text="", due_at=due_at, attempts=0, level=0, dedupe_key=dedupe_key,
        created_at=now).on_conflict_do_nothing(index_elements=["dedupe_key"])
    return int(conn.execute(statement).rowcount or 0)


def workspaces_of(conn: Connection, platform: str) -> list[str]:
    table = cast(Table, Workspace.__table__)
    return list(conn.execute(select(table.c.id).where(table.c.platform == platform)).scalars())


def failed_for_good(conn: Connection, workspace: str | None = None,
                    limit: int = 200) -> list[tuple[DeliveryRecord, str, datetime]]:
    """Messages that failed for good (newest first), with why and when."""
    statement = (select(DELIVERIES).where(DELIVERIES.c.failed_at.is_not(None),
                                          DELIVERIES.c.cancelled_at.is_(None))
                 .order_by(DELIVERIES.c.failed_at.desc(), DELIVERIES.c.id.desc()).limit(limit))
    if workspace is not None:
        statement = statement.where(DELIVERIES.c.workspace_id == workspace)
    return [(DeliveryRecord.from_row(row), str(row._mapping["last_error"] or ""),
             as_utc(row._mapping["failed_at"])) for row in conn.execute(statement)]


def retry_failed(conn: Connection, delivery_id: int, now: datetime) -> DeliveryRecord | None:
    """A message that failed for good, sent again from scratch (its attempts counted anew)."""
    row = conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id,
                                                DELIVERIES.c.failed_at.is_not(None),
                                                DELIVERIES.c.cancelled_at.is_(None))
                       .values(failed_at=None, attempts=0, due_at=now, claimed_until=None,
                               last_error=None)
                       .returning(*DELIVERIES.c)).first()
    return DeliveryRecord.from_row(row) if row else None


def discard_failed(conn: Connection, delivery_id: int, now: datetime) -> DeliveryRecord | None:
    """A message that failed for good, set aside for good (kept, marked cancelled)."""
    row = conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == delivery_id,
                                                DELIVERIES.c.failed_at.is_not(None),
                                                DELIVERIES.c.cancelled_at.is_(None))
                       .values(cancelled_at=now).returning(*DELIVERIES.c)).first()
    return DeliveryRecord.from_row(row) if row else None


def upcoming(conn: Connection, case: CaseRecord, kinds: tuple[str, ...]) -> list[tuple[int, str, datetime]]:
    """A case's follow-ups not sent yet, soonest first: (number, kind, due)."""
    rows = conn.execute(select(DELIVERIES.c.id, DELIVERIES.c.kind, DELIVERIES.c.due_at).where(
        DELIVERIES.c.workspace_id == case.workspace_id, DELIVERIES.c.case_id == case.id,
        DELIVERIES.c.kind.in_(kinds), DELIVERIES.c.sent_at.is_(None),
        DELIVERIES.c.cancelled_at.is_(None), DELIVERIES.c.failed_at.is_(None))
        .order_by(DELIVERIES.c.due_at, DELIVERIES.c.id))
    return [(int(row.id), str(row.kind), as_utc(row.due_at)) for row in rows]
