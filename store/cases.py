"""Data functions for cases. Every one takes the workspace and filters on it: tenancy is here.

The caller owns the transaction (see store.db.Database.run); these only read and write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, case, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.records import OPEN_STATUSES, Actor, CaseRecord, EventRecord, OfferRecord, WordsRecord
from store.models import Case, CaseEvent, CaseWords, Offer, Workspace
from store.prepared import Prepared

CASES = cast(Table, Case.__table__)
EVENTS = cast(Table, CaseEvent.__table__)
OFFERS = cast(Table, Offer.__table__)
WORKSPACES = cast(Table, Workspace.__table__)
WORDS = cast(Table, CaseWords.__table__)


_TAKE_NUMBER = (update(WORKSPACES).where(WORKSPACES.c.id == bindparam("workspace"))
                .values(next_case_number=WORKSPACES.c.next_case_number + 1)
                .returning(WORKSPACES.c.next_case_number))
_INSERT_CASE = insert(CASES).returning(*CASES.c)
_INSERT_EVENT = insert(EVENTS)
_INSERT_OFFER = insert(OFFERS).returning(*OFFERS.c)
_CASE_COLUMNS = ("workspace_id", "number", "status", "scenario", "confidence", "runner_up", "team",
                 "severity", "text", "customer_ref", "amount_paid_cents", "currency", "given_cents",
                 "reporter_id", "reporter_role", "owner_id", "platform", "channel_id", "source_key",
                 "created_at", "due_at", "language", "also", "safety", "confirmed",
                 "amount_disputed_cents")
_CASE_DEFAULTS: dict[str, Any] = {"root_cause": None, "outcome": None, "resolution_note": None, "resolved_at": None,
                                  "corrected_cents": 0, "voided_at": None, "void_reason": None,
                                  "merged_into": None}
_CASE_READING: dict[str, Any] = {"language": "en", "also": (), "safety": False, "confirmed": True,
                                 "amount_disputed_cents": None}
"""What the engine read beyond the scenario, when a caller (an older one, a test) doesn't say."""
_EVENT_COLUMNS = ("case_id", "workspace_id", "kind", "actor_id", "actor_role", "platform",
                  "channel_id", "at", "detail")
_FAST_TAKE = Prepared(_TAKE_NUMBER)
_FAST_CASE = Prepared(insert(CASES), _CASE_COLUMNS)
_FAST_EVENT = Prepared(insert(EVENTS), _EVENT_COLUMNS)


def ensure_workspace(conn: Connection, workspace_id: str, platform: str, now: datetime) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(WORKSPACES).values(
        id=workspace_id, platform=platform, timezone="UTC", next_case_number=1, created_at=now)
    conn.execute(statement.on_conflict_do_nothing(index_elements=["id"]))


def take_case_number(conn: Connection, workspace_id: str, platform: str, now: datetime) -> int:
    """Atomic per workspace: the row lock (PostgreSQL) or the write lock (SQLite) orders takers.
    A workspace's first case creates its row."""
    taken = _take(conn, workspace_id)
    if taken is None:
        ensure_workspace(conn, workspace_id, platform, now)
        taken = _take(conn, workspace_id)
    return int(taken) - 1


def _take(conn: Connection, workspace_id: str) -> Any:
    if conn.dialect.name == "sqlite":
        row = _FAST_TAKE.run(conn, {"workspace": workspace_id}).fetchone()
        return row[0] if row else None
    return conn.execute(_TAKE_NUMBER, {"workspace": workspace_id}).scalar()


def insert_case(conn: Connection, values: dict[str, Any]) -> CaseRecord:
    """On SQLite the insert runs prepared on the driver (the report path's cost is mostly
    per-statement overhead); elsewhere through Core with RETURNING."""
    values = {**_CASE_READING, **values}
    if conn.dialect.name == "sqlite":
        cursor = _FAST_CASE.run(conn, values)
        row: dict[str, Any] = {**_CASE_DEFAULTS, **values, "id": int(cursor.lastrowid)}
        return CaseRecord(**row)
    return CaseRecord.from_row(conn.execute(_INSERT_CASE, values).one())


def case_by_source(conn: Connection, workspace_id: str, source_key: str) -> CaseRecord | None:
    row = conn.execute(select(CASES).where(CASES.c.workspace_id == workspace_id,
                                           CASES.c.source_key == source_key)).first()
    return CaseRecord.from_row(row) if row else None


def case_by_id(conn: Connection, workspace_id: str, case_id: int) -> CaseRecord | None:
    row = conn.execute(select(CASES).where(CASES.c.workspace_id == workspace_id,
                                           CASES.c.id == case_id)).first()
    return CaseRecord.from_row(row) if row else None


def cases_by_ids(conn: Connection, ids: set[int]) -> list[CaseRecord]:
    """For the outbox, which checks each row's workspace against the delivery's own."""
    if not ids:
        return []
    return [CaseRecord.from_row(row) for row in conn.execute(select(CASES).where(CASES.c.id.in_(ids)))]


def offers_of_cases(conn: Connection, case_ids: set[int]) -> dict[int, list[OfferRecord]]:
    found: dict[int, list[OfferRecord]] = {}
    if case_ids:
        for row in conn.execute(select(OFFERS).where(OFFERS.c.case_id.in_(case_ids)).order_by(OFFERS.c.id)):
            offer = OfferRecord.from_row(row)
            found.setdefault(offer.case_id, []).append(offer)
    return found


def case_by_number(conn: Connection, workspace_id: str, number: int, *,
                   lock: bool = False) -> CaseRecord | None:
    """With `lock`, the case row stays locked until the transaction ends (PostgreSQL's
    `FOR UPDATE`; SQLite's single writer already orders transactions): every change to a case's
    money or state reads it this way, so two requests sent at once are applied one after the
    other and the second sees what the first did."""
    statement = select(CASES).where(CASES.c.workspace_id == workspace_id, CASES.c.number == number)
    if lock and conn.dialect.name == "postgresql":
        statement = statement.with_for_update()
    row = conn.execute(statement).first()
    return CaseRecord.from_row(row) if row else None


def cases_by_reference(conn: Connection, workspace_id: str, reference: str,
                       limit: int = 20) -> list[CaseRecord]:
    rows = conn.execute(select(CASES).where(CASES.c.workspace_id == workspace_id,
                                            CASES.c.customer_ref == reference)
                        .order_by(CASES.c.number.desc()).limit(limit))
    return [CaseRecord.from_row(row) for row in rows]


def count_cases_by_reference(conn: Connection, workspace_id: str, reference: str) -> int:
    return int(conn.execute(select(func.count()).select_from(CASES).where(
        CASES.c.workspace_id == workspace_id, CASES.c.customer_ref == reference)).scalar_one())


def cases_of_user(conn: Connection, workspace_id: str, user_id: str,
                  limit: int = 20, *, offset: int = 0) -> list[CaseRecord]:
    is_open = CASES.c.status.in_(OPEN_STATUSES)
    rows = conn.execute(select(CASES).where(CASES.c.workspace_id == workspace_id,
                                            (CASES.c.reporter_id == user_id)
                                            | (CASES.c.owner_id == user_id))
                        .order_by(is_open.desc(), CASES.c.number.desc())
                        .offset(offset).limit(limit))
    return [CaseRecord.from_row(row) for row in rows]


SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def open_cases(conn: Connection, workspace_id: str, limit: int = 20, *, offset: int = 0,
               now: datetime | None = None) -> list[CaseRecord]:
    """Most urgent first: a safety case (the flag, whatever the scenario) or critical
    severity, then by severity, then overdue ones (by `now`), then by due time."""
    severity = case(SEVERITY_RANK, value=CASES.c.severity, else_=4)
    urgent = case((CASES.c.safety.is_(True), 0), else_=severity)
    order: list[Any] = [urgent]
    if now is not None:
        order.append(case((CASES.c.due_at < now, 0), else_=1))
    rows = conn.execute(select(CASES).where(CASES.c.workspace_id == workspace_id,
                                            CASES.c.status.in_(OPEN_STATUSES))
                        .order_by(*order, CASES.c.due_at, CASES.c.number)
                        .offset(offset).limit(limit))
    return [CaseRecord.from_row(row) for row in rows]


def count_open_cases(conn: Connection, workspace_id: str) -> int:
    return int(conn.execute(select(func.count()).select_from(CASES).where(
        CASES.c.workspace_id == workspace_id, CASES.c.status.in_(OPEN_STATUSES))).scalar_one())


def count_cases_of_user(conn: Connection, workspace_id: str, user_id: str) -> int:
    return int(conn.execute(select(func.count()).select_from(CASES).where(
        CASES.c.workspace_id == workspace_id,
        (CASES.c.reporter_id == user_id) | (CASES.c.owner_id == user_id))).scalar_one())


def change_case(conn: Connection, case: CaseRecord, *, from_statuses: Sequence[str],
                **values: Any) -> CaseRecord | None:
    """Changes a case only if it is still in one of `from_statuses` and its money is still what
    the caller read: a repeated click that arrives after the first one finds the state already
    moved on and changes nothing, and a total can never be computed from a stale read."""
    row = conn.execute(update(CASES).where(CASES.c.id == case.id,
                                           CASES.c.workspace_id == case.workspace_id,
                                           CASES.c.status.in_(from_statuses),
                                           CASES.c.given_cents == case.given_cents)
                       .values(**values).returning(*CASES.c)).first()
    return CaseRecord.from_row(row) if row else None


def record_event(conn: Connection, case: CaseRecord, kind: str, actor: Actor, at: datetime,
                 detail: str = "") -> None:
    values = {"case_id": case.id, "workspace_id": case.workspace_id, "kind": kind,
              "actor_id": actor.user_id, "actor_role": actor.role, "platform": actor.platform,
              "channel_id": actor.channel_id, "at": at, "detail": detail}
    if conn.dialect.name == "sqlite":
        _FAST_EVENT.run(conn, values)
    else:
        conn.execute(_INSERT_EVENT, values)


def events_of(conn: Connection, case: CaseRecord) -> list[EventRecord]:
    rows = conn.execute(select(EVENTS).where(EVENTS.c.workspace_id == case.workspace_id,
                                             EVENTS.c.case_id == case.id).order_by(EVENTS.c.id))
    return [EventRecord.from_row(row) for row in rows]


def offers_of(conn: Connection, case: CaseRecord) -> list[OfferRecord]:
    rows = conn.execute(select(OFFERS).where(OFFERS.c.workspace_id == case.workspace_id,
                                             OFFERS.c.case_id == case.id).order_by(OFFERS.c.id))
    return [OfferRecord.from_row(row) for row in rows]


def insert_offer(conn: Connection, values: dict[str, Any]) -> OfferRecord:
    return OfferRecord.from_row(conn.execute(_INSERT_OFFER, values).one())


def decide_offer(conn: Connection, offer: OfferRecord, status: str, decided_by: str,
                 at: datetime, *, value_cents: int | None = None) -> OfferRecord | None:
    """`value_cents`: the amount approved, when the approver chose another than was asked
    (`requested_cents` keeps what was asked)."""
    values: dict[str, Any] = {"status": status, "decided_by": decided_by, "decided_at": at}
    if value_cents is not None and status == "given":
        values["value_cents"] = value_cents
    row = conn.execute(update(OFFERS).where(OFFERS.c.id == offer.id,
                                            OFFERS.c.workspace_id == offer.workspace_id,
                                            OFFERS.c.status == "pending")
                       .values(**values)
                       .returning(*OFFERS.c)).first()
    return OfferRecord.from_row(row) if row else None


def workspace_timezone(conn: Connection, workspace_id: str) -> str | None:
    """The workspace's IANA time zone, or None when the workspace does not exist."""
    row = conn.execute(select(WORKSPACES.c.timezone).where(WORKSPACES.c.id == workspace_id)).first()
    return None if row is None else str(row[0] or "UTC")


def set_workspace_timezone(conn: Connection, workspace_id: str, timezone: str) -> None:
    conn.execute(update(WORKSPACES).where(WORKSPACES.c.id == workspace_id).values(timezone=timezone))


def first_reporter(conn: Connection, workspace_id: str) -> str | None:
    return conn.execute(select(CASES.c.reporter_id).where(CASES.c.workspace_id == workspace_id)
                        .order_by(CASES.c.id).limit(1)).scalar()


_WORDS_COLUMNS = ("case_id", "workspace_id", "version", "writer", "prompt_version", "model", "language",
                  "apology", "explanation", "guide", "safety_steps", "recommended_option", "note",
                  "created_at")
_FAST_WORDS = Prepared(insert(WORDS), _WORDS_COLUMNS)
_INSERT_WORDS = insert(WORDS).returning(*WORDS.c)


def record_words(conn: Connection, case: CaseRecord, values: dict[str, Any], at: datetime,
                 version: int | None = None) -> WordsRecord:
    """Stores one more version of the words the reporter was shown (`values`: writer,
    prompt_version, model, language, apology, explanation, guide, safety_steps,
    recommended_option, note). `version` is given when known (1 for the first answer);
    otherwise the next one. Two writers racing for a version fail on the unique constraint:
    callers that update words hold the case row (`case_by_number(..., lock=True)`)."""
    if version is None:
        latest = conn.execute(select(func.max(WORDS.c.version)).where(
            WORDS.c.workspace_id == case.workspace_id, WORDS.c.case_id == case.id)).scalar()
        version = int(latest or 0) + 1
    row: dict[str, Any] = {**values, "case_id": case.id, "workspace_id": case.workspace_id,
                           "version": version, "created_at": at}
    if conn.dialect.name == "sqlite":
        cursor = _FAST_WORDS.run(conn, row)
        stored = {**row, "id": int(cursor.lastrowid), "guide": dict(row["guide"]),
                  "safety_steps": tuple(row["safety_steps"])}
        return WordsRecord(**stored)
    return WordsRecord.from_row(conn.execute(_INSERT_WORDS, row).one())


def latest_words(conn: Connection, case: CaseRecord) -> WordsRecord | None:
    """The words the reporter was shown last: what cards and `/case N` show."""
    row = conn.execute(select(WORDS).where(WORDS.c.workspace_id == case.workspace_id,
                                           WORDS.c.case_id == case.id)
                       .order_by(WORDS.c.version.desc()).limit(1)).first()
    return WordsRecord.from_row(row) if row else None


def words_of(conn: Connection, case: CaseRecord) -> list[WordsRecord]:
    """Every version, oldest first: the history of what the reporter was shown."""
    rows = conn.execute(select(WORDS).where(WORDS.c.workspace_id == case.workspace_id,
                                            WORDS.c.case_id == case.id).order_by(WORDS.c.version))
    return [WordsRecord.from_row(row) for row in rows]


def latest_words_of_cases(conn: Connection, cases: Sequence[CaseRecord]) -> dict[int, WordsRecord]:
    """For the outbox, which renders many cases' cards in one round: case id -> latest words.
    Each case's own workspace is part of the filter."""
    found: dict[int, WordsRecord] = {}
    by_id = {case.id: case.workspace_id for case in cases}
    if not by_id:
        return found
    rows = conn.execute(select(WORDS).where(WORDS.c.case_id.in_(by_id)).order_by(WORDS.c.version))
    for row in rows:
        record = WordsRecord.from_row(row)
        if by_id.get(record.case_id) == record.workspace_id:
            found[record.case_id] = record
    return found


def withdraw_offer(conn: Connection, offer: OfferRecord) -> bool:
    """An offer given by mistake, taken back (kept, marked `withdrawn`); False if it moved."""
    row = conn.execute(update(OFFERS).where(OFFERS.c.id == offer.id,
                                            OFFERS.c.workspace_id == offer.workspace_id,
                                            OFFERS.c.status == "given")
                       .values(status="withdrawn").returning(OFFERS.c.id)).first()
    return row is not None


def revive_offer(conn: Connection, offer: OfferRecord, values: dict[str, Any]) -> OfferRecord:
    """An undone (withdrawn) offer given or asked for again: the same row, new values."""
    changes = {**values, "decided_by": None, "decided_at": None}
    return OfferRecord.from_row(conn.execute(
        update(OFFERS).where(OFFERS.c.id == offer.id, OFFERS.c.workspace_id == offer.workspace_id,
                             OFFERS.c.status == "withdrawn")
        .values(**changes).returning(*OFFERS.c)).one())


def awaiting_approval(conn: Connection, workspace_id: str, limit: int = 500) -> list[CaseRecord]:
    """Cases with a request waiting for a decision, oldest first."""
    rows = conn.execute(select(CASES).where(CASES.c.workspace_id == workspace_id,
                                            CASES.c.status == "awaiting_approval")
                        .order_by(CASES.c.created_at, CASES.c.number).limit(limit))
    return [CaseRecord.from_row(row) for row in rows]


def recent_open_case_for(conn: Connection, case: CaseRecord, since: datetime) -> CaseRecord | None:
    """Another open case, not a safety case, with `case`'s customer reference, reported since
    `since`: most likely the same problem reported twice."""
    if not case.customer_ref:
        return None
    row = conn.execute(select(CASES).where(
        CASES.c.workspace_id == case.workspace_id, CASES.c.customer_ref == case.customer_ref,
        CASES.c.id != case.id, CASES.c.status.in_(OPEN_STATUSES), CASES.c.safety.is_(False),
        CASES.c.created_at >= since).order_by(CASES.c.created_at.desc()).limit(1)).first()
    return CaseRecord.from_row(row) if row else None
