"""The outbox loop: how every message to other people leaves, on every platform.

Rows are written in the transaction of the change that causes them (store/deliveries.py), one
row per post. Each round claims due rows under a lease (each recipient's earliest only, which
paces a recipient to one message a round), cancels follow-ups that no longer apply, hands each
row to the platform's transport (bot/transport.py) and records each answer in a transaction of
its own as soon as the transport gives it. So one row's trouble never touches another's record,
and a crash can repeat at most the posts in flight at that moment. A rate-limited row waits
for the platform's Retry-After in the outbox, not in the client, without using up an attempt;
other failures back off, with jitter, and after the last attempt, stay in the outbox marked failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import assert_never

from sqlalchemy import Connection

from bot import followups
from bot.clock import Clock
from bot.digest import Digest, build_digest
from bot.playbook import Playbook
from bot.records import CaseRecord, OfferRecord, WordsRecord
from bot.schedules import DigestPlan, parse_recipient, plan_digests
from bot.suggestion import reporter_options
from bot.transport import (
    ABOUT_AN_OFFER,
    LEGACY_CARD_UPDATE,
    Failed,
    Kind,
    MemoryTransport,
    OutboundPost,
    Outcome,
    Posted,
    Retry,
    Sent,
    Transport,
    lasting_key,
)
from bot.words import words_from_record
from bot.zones import workspace_timezone
from store import cases as case_store
from store import deliveries as outbox
from store.db import Database, DatabaseUnavailable
from store.deliveries import DeliveryRecord

__all__ = ["Failed", "Kind", "MemoryTransport", "OutboundPost", "OutboxLoop", "Posted", "Retry",
           "Sent", "Transport"]

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)
SEND_MARGIN = timedelta(seconds=25)
"""A row not started this long before its lease ends goes back unsent, so a slow round never
sends a row that another replica may already have claimed again."""


def reference() -> str:
    """A short id that ties what a person or the outbox sees to the full story in the log."""
    return secrets.token_hex(4)


@dataclass(frozen=True, slots=True)
class Claimed:
    row: DeliveryRecord
    post: OutboundPost | None
    """None for digests, whose figures are built in a transaction of their own when sent."""


@dataclass(frozen=True, slots=True)
class Slots:
    sending: asyncio.Semaphore
    unrecorded: asyncio.Semaphore


@dataclass(frozen=True, slots=True)
class Claim:
    ready: list[Claimed]
    settled: int
    """Rows finished at claim time: cancelled as moot, or failed as unknown."""


class OutboxLoop:
    """One loop per platform and process; replicas on one PostgreSQL never claim the same row."""

    def __init__(self, *, database: Database, transport: Transport, playbook: Playbook,
                 clock: Clock, batch: int = 2000, concurrency: int = 64, in_flight: int = 64,
                 spacing: float = 0.0,
                 max_attempts: int = MAX_ATTEMPTS, lease: timedelta = LEASE,
                 digest_plan: DigestPlan | None = None,
                 timezones: Mapping[str, str] | None = None,
                 jitter: Callable[[], float] = random.random) -> None:
        self.database, self.transport, self.playbook, self.clock = database, transport, playbook, clock
        self.batch, self.concurrency, self.max_attempts, self.lease = batch, concurrency, max_attempts, lease
        self.in_flight = in_flight
        """At most this many rows sent and not yet recorded: all a crash can ever repeat."""
        self.spacing = spacing
        """Seconds between two messages to one recipient (real time: it is the platform's rate)."""
        self.digest_plan = digest_plan
        """When set, a sent digest plans its next occurrence."""
        self.timezones: Mapping[str, str] = timezones or {}
        self.jitter = jitter
        """A number in [0, 1) per failed attempt: rows that failed together (a platform's
        outage) retry spread out, between half the backoff and all of it, never later."""
        self.running = False
        """True once a scheduler drives `tick`; only then does `wake` schedule rounds."""
        self._busy = self._woken = False
        self._last_tick = 0.0
        self._tasks: set[asyncio.Task[None]] = set()
        self._last_sent: dict[str, float] = {}

    @property
    def platform(self) -> str:
        return self.transport.platform

    def wake(self) -> None:
        """New work: run a round soon rather than at the next tick. Wakes are coalesced (at most
        one pending, a quarter second apart), so a burst of reports costs one claim."""
        if not self.running or self._woken:
            return
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            self._woken = True
            loop.call_later(max(0.0, self._last_tick + 0.25 - loop.time()), self._woke)

    def _woke(self) -> None:
        self._woken = False
        task = asyncio.get_running_loop().create_task(self.tick())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def tick(self) -> None:
        """One round, never two at once; whatever goes wrong is logged and the next tick runs."""
        if self._busy:
            return
        self._busy = True
        self._last_tick = asyncio.get_running_loop().time()
        try:
            await self.drain_once()
        except DatabaseUnavailable as error:
            log.warning("outbox paused, database unavailable: %s", error)
        except Exception:
            log.exception("outbox round failed; the next tick tries again [ref %s]", reference())
        finally:
            self._busy = False

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def plan_digests(self) -> int:
        """Queues the next digest of every workspace on this platform (idempotent: run at start
        and every few minutes); how many were queued. Nothing to do without a digest plan."""
        plan = self.digest_plan
        if plan is None:
            return 0
        now = self.clock.now()

        def queue(conn: Connection) -> int:
            return sum(plan_digests(conn, plan, workspace=workspace, platform=self.platform,
                                    tz=workspace_timezone(conn, workspace, self.timezones), now=now)
                       for workspace in outbox.workspaces_of(conn, self.platform))

        return await self.database.run(queue)

    async def drain_once(self) -> int:
        """Sends what is due now; how many rows it settled (sent, rescheduled, cancelled, failed)."""
        now = self.clock.now()
        claim = await self.database.run(lambda conn: self._claim(conn, now))
        if claim.ready:
            start_by = now + max(self.lease - SEND_MARGIN, self.lease / 2)
            slots = Slots(sending=asyncio.Semaphore(self.concurrency),
                         unrecorded=asyncio.Semaphore(self.in_flight))
            ordered = sorted(claim.ready, key=lambda claimed: claimed.row.recipient)
            done = await asyncio.gather(*(self._deliver(claimed, slots, start_by) for claimed in ordered),
                                        return_exceptions=True)
            for claimed, result in zip(ordered, done, strict=True):
                if isinstance(result, Exception):
                    log.error("outbox row %s failed in the loop [ref %s]", claimed.row.id, reference(),
                              exc_info=result)
        return claim.settled + len(claim.ready)

    async def _deliver(self, claimed: Claimed, slots: Slots, start_by: datetime) -> None:
        """A row takes one of `in_flight` places before it is sent and gives it back only once
        its answer is recorded, so at any moment at most that many rows are between "the
        platform accepted it" and "it is marked sent"; sends themselves use one of
        `concurrency` slots, freed as soon as the platform answers."""
        row = claimed.row
        await self._pace(row.recipient)
        async with slots.unrecorded:
            async with slots.sending:
                if self.clock.now() >= start_by:
                    await self._quietly(row, "giving back", lambda conn: outbox.release(conn, row.id))
                    return
                post = claimed.post or await self._digest_post(row)
                outcome = await self._send(post) if isinstance(post, OutboundPost) else post
                self._last_sent[row.recipient] = asyncio.get_running_loop().time()
            await self._record(row, post if isinstance(post, OutboundPost) else None, outcome)

    async def _pace(self, recipient: str) -> None:
        """About `spacing` seconds between two messages to one recipient: wait out the rest
        rather than collect a rate limit. Only this recipient's message waits."""
        last = self._last_sent.get(recipient)
        if last is not None and self.spacing > 0:
            wait = last + self.spacing - asyncio.get_running_loop().time()
            if wait > 0:
                await asyncio.sleep(wait)

    async def _send(self, post: OutboundPost) -> Outcome:
        try:
            return await self.transport.send(post)
        except Exception:
            ref = reference()
            log.exception("outbox: %s row %s to %s failed unexpectedly [ref %s]", post.kind, post.id,
                          post.recipient, ref)
            return Retry(f"unexpected error [ref {ref}]")

    async def _record(self, row: DeliveryRecord, post: OutboundPost | None, outcome: Outcome) -> None:
        """In a transaction of its own. If the full record fails, a sent row is still marked
        sent on its own, so only a lost database can make it go out again."""
        now = self.clock.now()
        try:
            await self.database.run(lambda conn: self._settle(conn, row, post, outcome, now))
            return
        except Exception:
            log.exception("outbox: recording %s row %s failed [ref %s]", row.kind, row.id, reference())
        if isinstance(outcome, Sent):
            await self._quietly(row, "marking sent", lambda conn: outbox.mark_sent(conn, row.id, now))

    async def _quietly(self, row: DeliveryRecord, what: str, work: Callable[[Connection], None]) -> None:
        try:
            await self.database.run(work)
        except Exception:
            log.exception("outbox: %s row %s failed; it is claimed again once its lease ends "
                          "[ref %s]", what, row.id, reference())

    def _settle(self, conn: Connection, row: DeliveryRecord, post: OutboundPost | None,
                outcome: Outcome, now: datetime) -> None:
        match outcome:
            case Sent(where=where):
                if post is not None:
                    self._remember(conn, row, post, where, now)
                if not followups.after_sent(conn, self.playbook, row, now):
                    outbox.mark_sent(conn, row.id, now)
            case Retry(reason=reason, after=after) if after is not None:
                outbox.mark_retry(conn, row.id, now + after, reason, count_attempt=False)
            case Retry(reason=reason):
                self._failed_attempt(conn, row, reason, now)
            case Failed(reason=reason):
                log.error("outbox: %s row %s to %s cannot be delivered: %s", row.kind, row.id,
                          row.recipient, reason)
                outbox.mark_failed(conn, row.id, now, reason)
            case _:
                assert_never(outcome)

    def _remember(self, conn: Connection, row: DeliveryRecord, post: OutboundPost, where: Posted | None,
                  now: datetime) -> None:
        key = lasting_key(post)
        if key is not None and where is not None and post.case is not None:
            outbox.remember_message(conn, post.case, key, where.channel, where.message_id, now,
                                    post.offer.id if post.offer else None)
        if post.kind is Kind.DIGEST:
            self._digest_sent(conn, row, now)

    def _failed_attempt(self, conn: Connection, row: DeliveryRecord, error: str, now: datetime) -> None:
        if row.attempts + 1 >= self.max_attempts:
            log.error("outbox: %s row %s failed for good after %s attempts: %s", row.kind, row.id,
                      row.attempts + 1, error)
            outbox.mark_failed(conn, row.id, now, error)
            return
        nominal = min(5 * 2 ** row.attempts, 3600)
        backoff = timedelta(seconds=round(nominal * (0.5 + 0.5 * self.jitter()), 3))
        log.warning("outbox: %s row %s failed, retrying in %s: %s", row.kind, row.id, backoff, error)
        outbox.mark_retry(conn, row.id, now + backoff, error)

    def _claim(self, conn: Connection, now: datetime) -> Claim:
        """Claims due rows and reads what rendering them needs, in one transaction. A row that
        no longer applies is cancelled; one of a kind nobody knows is failed, loudly."""
        rows = outbox.claim_due(conn, self.platform, now, limit=self.batch, lease=self.lease,
                                one_per_recipient=True)
        if not rows:
            return Claim([], 0)
        case_ids = {row.case_id for row in rows if row.case_id is not None}
        cases = {case.id: case for case in case_store.cases_by_ids(conn, case_ids)}
        offers = case_store.offers_of_cases(conn, case_ids)
        posted = {case_id: {key: Posted(*where) for key, where in found.items()}
                  for case_id, found in outbox.case_messages_of_cases(conn, case_ids).items()}
        shown = case_store.latest_words_of_cases(conn, list(cases.values()))
        ready: list[Claimed] = []
        moot: list[int] = []
        for row in rows:
            case = cases.get(row.case_id) if row.case_id is not None else None
            try:
                claimed = self._claimed(conn, row, case, offers, posted, now)
                if isinstance(claimed, Claimed) and claimed.post is not None and case is not None:
                    claimed = self._with_words(claimed, case, shown)
            except Exception:
                ref = reference()
                log.exception("outbox: %s row %s cannot be prepared [ref %s]", row.kind, row.id, ref)
                outbox.mark_failed(conn, row.id, now, f"cannot be prepared [ref {ref}]")
                continue
            if claimed is None:
                moot.append(row.id)
            elif isinstance(claimed, Claimed):
                ready.append(claimed)
        outbox.cancel_many(conn, moot, now)
        return Claim(ready, len(rows) - len(ready))

    def _with_words(self, claimed: Claimed, case: CaseRecord, shown: dict[int, WordsRecord]) -> Claimed:
        """The reporter's card shows the words they were last shown (stored, never re-written
        here) and the options their role may give now."""
        assert claimed.post is not None
        stored = shown.get(case.id)
        return Claimed(claimed.row, dataclasses.replace(
            claimed.post, words=None if stored is None else words_from_record(stored),
            options=reporter_options(self.playbook, case)))

    def _claimed(self, conn: Connection, row: DeliveryRecord, case: CaseRecord | None,
                 offers: dict[int, list[OfferRecord]], posted: dict[int, dict[str, Posted]],
                 now: datetime) -> Claimed | str | None:
        """The claimed row ready to send; None when it no longer applies (a row from before the
        split is replaced by one row per post); a string when it failed here."""
        if row.kind == LEGACY_CARD_UPDATE:
            if case is not None:
                outbox.enqueue_card_update(conn, case, now, text=row.text)
            return None
        try:
            kind = Kind(row.kind)
        except ValueError:
            log.error("outbox: row %s has a delivery kind nobody knows: %r", row.id, row.kind)
            outbox.mark_failed(conn, row.id, now, f"unknown delivery kind {row.kind!r}")
            return "failed"
        if kind in (Kind.DIGEST, Kind.DIGEST_CHART):
            return Claimed(row, None)
        if case is None or case.workspace_id != row.workspace_id:
            return None
        of_case = offers.get(case.id, [])
        if row.kind in followups.FOLLOW_UPS and not followups.still_applies(row, case, of_case):
            return None
        offer = next((o for o in of_case if o.id == row.offer_id), None)
        if kind in ABOUT_AN_OFFER and offer is None:
            return None
        return Claimed(row, OutboundPost(
            id=row.id, kind=kind, workspace=row.workspace_id, platform=row.platform,
            recipient=row.recipient, text=row.text, level=row.level, case=case,
            offers=tuple(of_case), offer=offer, posted=posted.get(case.id, {})))

    async def _digest_post(self, row: DeliveryRecord) -> OutboundPost | Retry:
        """A digest's figures, built when it falls due, as of its due time."""
        try:
            digest = await self.database.run(lambda conn: self._build_digest(conn, row))
        except Exception:
            ref = reference()
            log.exception("outbox: digest row %s could not be built [ref %s]", row.id, ref)
            return Retry(f"could not build the digest [ref {ref}]")
        return OutboundPost(id=row.id, kind=Kind(row.kind), workspace=row.workspace_id,
                            platform=row.platform, recipient=row.recipient, text=row.text,
                            digest=digest)

    def _build_digest(self, conn: Connection, row: DeliveryRecord) -> Digest:
        team, period = parse_recipient(row.recipient)
        return build_digest(conn, self.playbook, workspace=row.workspace_id, team=team, period=period,
                            now=row.due_at, tz=workspace_timezone(conn, row.workspace_id, self.timezones))

    def _digest_sent(self, conn: Connection, row: DeliveryRecord, now: datetime) -> None:
        """The chart follows as a row of its own (one post each), built as of the same moment,
        and the next digest is planned."""
        outbox.enqueue_once(conn, workspace=row.workspace_id, platform=row.platform,
                            kind=Kind.DIGEST_CHART, recipient=row.recipient, due_at=row.due_at,
                            dedupe_key=f"{Kind.DIGEST_CHART}:{row.workspace_id}:{row.recipient}:"
                                       f"{row.due_at.isoformat()}", now=now)
        if self.digest_plan is not None:
            plan_digests(conn, self.digest_plan, workspace=row.workspace_id, platform=row.platform,
                         tz=workspace_timezone(conn, row.workspace_id, self.timezones),
                         now=max(now, row.due_at))
