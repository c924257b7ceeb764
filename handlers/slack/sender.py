"""Delivers the outbox to Slack: case cards in DMs, team alerts and threads, approval requests.

Cards are rendered from the case as it is when sent, so a delayed send shows the latest state.
A 429 is retried after its Retry-After without counting as a failed attempt; other failures
back off and, after the last attempt, stay in the outbox marked failed (never dropped).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse
from sqlalchemy import Connection

from bot import followups
from bot.clock import Clock
from bot.engine import OfflineEngine
from bot.money import from_cents
from bot.playbook import Playbook
from bot.schedules import DIGEST, DigestPlan
from bot.settings import Settings
from bot.suggestion import Suggestion
from handlers.slack.alert_blocks import alert_blocks, approval_decided_blocks, approval_request_blocks
from handlers.slack.blocks import case_card_blocks
from handlers.slack.clients import ClientNotAvailable, WorkspaceClients
from handlers.slack.digest_sender import SlackDigests
from handlers.slack.nudge_blocks import nudge_blocks
from store import cases as case_store
from store import deliveries as outbox
from store.db import Database, DatabaseUnavailable
from store.deliveries import DeliveryRecord
from store.records import CaseRecord, OfferRecord

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


class SlackSender:
    """One claim per tick (APScheduler runs it every second; new work also wakes it): each
    recipient gets at most its earliest due message per tick, and different recipients are
    served concurrently."""

    def __init__(self, *, database: Database, clients: WorkspaceClients, settings: Settings,
                 playbook: Playbook, engine: OfflineEngine | None, clock: Clock,
                 batch: int = 2000, concurrency: int = 64, spacing: float = 1.02) -> None:
        self.database, self.clients, self.settings = database, clients, settings
        self.playbook, self.engine, self.clock = playbook, engine, clock
        self.batch, self.concurrency = batch, concurrency
        self._busy = False
        self.running = False
        self._woken = False
        self._last_tick = 0.0
        self._tasks: set[asyncio.Task[None]] = set()
        self._dms: dict[str, str] = {}
        self.plan_of_digests = DigestPlan(settings.digest_schedules, settings.digest_teams)
        self.digests = SlackDigests(self)
        self._last_sent: dict[str, float] = {}
        self.spacing = spacing

    def wake(self) -> None:
        """New work: tick soon rather than at the next second. Wakes are coalesced (at most one
        pending, a quarter second apart) so a burst of reports costs one claim, not one each.
        Only once the scheduler runs; tests drive `drain_once` themselves."""
        if not self.running or self._woken:
            return
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            self._woken = True
            delay = max(0.0, self._last_tick + 0.25 - loop.time())
            loop.call_later(delay, self._woke)

    def _woke(self) -> None:
        self._woken = False
        task = asyncio.get_running_loop().create_task(self.tick())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def tick(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._last_tick = asyncio.get_running_loop().time()
        try:
            await self.drain_once()
        except DatabaseUnavailable as error:
            log.warning("outbox paused, database unavailable: %s", error)
        finally:
            self._busy = False

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.clients.close()

    async def drain_once(self) -> int:
        """Sends what is due now; returns how many deliveries it settled (sent, rescheduled,
        cancelled or failed). The database is read once and written once per round."""
        now = self.clock.now()
        batch = await self.database.run(lambda conn: outbox.claim_due(
            conn, "slack", now, limit=self.batch, one_per_recipient=True))
        if not batch:
            return 0
        digests = [d for d in batch if d.kind == DIGEST]
        batch = [d for d in batch if d.kind != DIGEST]
        for delivery in digests:
            await self.digests.send(delivery)
        if not batch:
            return len(digests)
        states = await self.database.run(lambda conn: _load_all(conn, batch, now))
        gate = asyncio.Semaphore(self.concurrency)

        async def settle(delivery: DeliveryRecord) -> Settled:
            async with gate:
                return await self._settle(delivery, states.get(delivery.id))

        ordered = sorted(batch, key=_pacing_order)
        settled = await asyncio.gather(*(settle(delivery) for delivery in ordered))
        await self.database.run(lambda conn: self._record(conn, list(zip(ordered, settled, strict=True)),
                                                          states, self.clock.now()))
        return len(batch) + len(digests)

    async def _post(self, client: AsyncWebClient, **message: Any) -> AsyncSlackResponse:
        """About one message a second per channel, as Slack allows: wait out the rest of the
        second since the last post there rather than collect a 429. The second counts from the
        answer, which Slack sent after it counted the post."""
        loop = asyncio.get_running_loop()
        channel = str(message["channel"])
        last = self._last_sent.get(channel)
        if last is not None and (wait := last + self.spacing - loop.time()) > 0:
            await asyncio.sleep(wait)
        try:
            return await client.chat_postMessage(**message)
        finally:
            self._last_sent[channel] = loop.time()

    async def _settle(self, delivery: DeliveryRecord, state: State | None) -> Settled:
        if state is None:
            return ("skip", None)
        try:
            return ("sent", await self._deliver(delivery, *state))
        except SlackApiError as error:
            retry_after = error.response.headers.get("Retry-After") if error.response.status_code == 429 else None
            if retry_after is not None:
                return ("ratelimited", float(retry_after))
            return ("error", f"slack: {error.response.get('error')}")
        except (aiohttp.ClientError, OSError, TimeoutError, ClientNotAvailable) as error:
            return ("error", f"{type(error).__name__}: {error}")

    def _record(self, conn: Connection, settled: list[tuple[DeliveryRecord, Settled]],
                states: dict[int, State | None], now: datetime) -> None:
        for delivery, (how, detail) in settled:
            state = states.get(delivery.id)
            if how == "sent":
                if detail is not None and state is not None:
                    kind, channel, ts, offer_id = detail  # type: ignore[misc]
                    outbox.save_case_message(conn, state[0], kind, channel, ts, now, offer_id)
                if not followups.after_sent(conn, self.playbook, delivery, now):
                    outbox.mark_sent(conn, delivery.id, now)
            elif how == "ratelimited":
                outbox.mark_retry(conn, delivery.id, now + timedelta(seconds=float(detail)),  # type: ignore[arg-type]
                                  "ratelimited", count_attempt=False)
            elif how == "error":
                self._failed(conn, delivery, str(detail), now)

    def _failed(self, conn: Connection, delivery: DeliveryRecord, error: str, now: datetime) -> None:
        if delivery.attempts + 1 >= MAX_ATTEMPTS:
            log.error("delivery %s (%s) failed for good: %s", delivery.id, delivery.kind, error)
            outbox.mark_failed(conn, delivery.id, now, error)
            return
        backoff = timedelta(seconds=min(5 * 2 ** delivery.attempts, 3600))
        log.warning("delivery %s (%s) failed, retrying in %s: %s", delivery.id, delivery.kind,
                    backoff, error)
        outbox.mark_retry(conn, delivery.id, now + backoff, error)

    async def _deliver(self, delivery: DeliveryRecord, case: CaseRecord, offers: list[OfferRecord],
                       posted: dict[str, tuple[str, str]]) -> Remembered:
        handler = getattr(self, f"_send_{delivery.kind}", None)
        if handler is None:
            raise ClientNotAvailable(f"no Slack sender for {delivery.kind}")
        result: Remembered = await handler(delivery, case, offers, posted)
        return result

    async def _send_case_card(self, delivery: DeliveryRecord, case: CaseRecord,
                              offers: list[OfferRecord], posted: Posted) -> Remembered:
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = case_card_blocks(case, offers, suggestion=self._suggestion(case))
        if "dm" in posted:
            channel, ts = posted["dm"]
            await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            return None
        channel = await self._dm_channel(client, delivery.recipient)
        sent = await self._post(client, channel=channel, text=text, blocks=blocks)
        return ("dm", channel, sent["ts"], None)

    async def _send_team_alert(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: Posted) -> Remembered:
        channel = self.settings.channel_for(case.workspace_id, case.team)
        if channel is None:
            return None
        client = await self.clients.client_for(case.workspace_id)
        if "team" in posted:
            await self._post(client, channel=posted["team"][0], thread_ts=posted["team"][1],
                                          text=delivery.text)
            return None
        text, blocks = case_card_blocks(case, offers, headline=delivery.text)
        sent = await self._post(client, channel=channel, text=text, blocks=blocks)
        return ("team", channel, sent["ts"], None)

    _send_sla_alert = _send_team_alert

    async def _send_feedback_alert(self, delivery: DeliveryRecord, case: CaseRecord,
                                   offers: list[OfferRecord], posted: Posted) -> Remembered:
        channel = self.settings.channel_for(case.workspace_id, case.team)
        if channel is None or "team" in posted:
            return None
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = alert_blocks(case, case.text, source_channel=case.channel_id, source_ts="",
                                    alert_id=str(case.number))
        sent = await self._post(client, channel=channel, text=text, blocks=blocks)
        return ("team", channel, sent["ts"], None)

    async def _send_escalation(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: Posted) -> Remembered:
        remembered = await self._send_team_alert(delivery, case, offers, posted)
        managers = self.settings.channel_for(case.workspace_id, "managers")
        if managers and managers != self.settings.channel_for(case.workspace_id, case.team):
            client = await self.clients.client_for(case.workspace_id)
            text, blocks = case_card_blocks(case, offers, headline=delivery.text)
            await self._post(client, channel=managers, text=text, blocks=blocks)
        return remembered

    async def _send_card_update(self, delivery: DeliveryRecord, case: CaseRecord,
                                offers: list[OfferRecord], posted: Posted) -> Remembered:
        client = await self.clients.client_for(case.workspace_id)
        if "dm" in posted:
            text, blocks = case_card_blocks(case, offers, suggestion=self._suggestion(case))
            await client.chat_update(channel=posted["dm"][0], ts=posted["dm"][1], text=text, blocks=blocks)
        if "team" in posted:
            channel, ts = posted["team"]
            text, blocks = case_card_blocks(case, offers)
            await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            if delivery.text:
                await self._post(client, channel=channel, thread_ts=ts, text=delivery.text)
        return None

    async def _send_approval_request(self, delivery: DeliveryRecord, case: CaseRecord,
                                     offers: list[OfferRecord], posted: Posted) -> Remembered:
        offer = next(o for o in offers if o.id == delivery.offer_id)
        key = f"approval:{offer.id}"
        if key in posted:
            return None
        channel = self._approvers_channel(case, "managers")
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_request_blocks(case, offer, offer.requested_by, delivery.text)
        sent = await self._post(client, channel=channel, text=text, blocks=blocks)
        return (key, channel, sent["ts"], offer.id)

    async def _send_approval_reminder(self, delivery: DeliveryRecord, case: CaseRecord,
                                      offers: list[OfferRecord], posted: Posted) -> Remembered:
        """First to the managers' channel again; at level 1, to the next role up's channel."""
        offer = next(o for o in offers if o.id == delivery.offer_id)
        channel = self._approvers_channel(case, delivery.recipient)
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_request_blocks(case, offer, offer.requested_by, delivery.text)
        sent = await self._post(client, channel=channel, text=text, blocks=blocks)
        return (f"approval:{offer.id}:reminder{delivery.level}", channel, sent["ts"], offer.id)

    async def _send_approval_decided(self, delivery: DeliveryRecord, case: CaseRecord,
                                     offers: list[OfferRecord], posted: Posted) -> Remembered:
        """Every message that asked for this approval (the request and its reminders) loses its
        buttons and shows the decision."""
        offer = next(o for o in offers if o.id == delivery.offer_id)
        asked = [where for kind, where in posted.items()
                 if kind == f"approval:{offer.id}" or kind.startswith(f"approval:{offer.id}:")]
        if not asked:
            return None
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_decided_blocks(case, offer, offer.decided_by or "", offer.status == "given")
        for channel, ts in asked:
            await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        return None

    async def _send_nudge_open(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: Posted) -> Remembered:
        """Threaded under the case's card in the owner's DM when there is one."""
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = nudge_blocks(case, delivery)
        if "dm" in posted and delivery.recipient == case.reporter_id:
            channel, ts = posted["dm"]
            await self._post(client, channel=channel, thread_ts=ts, text=text, blocks=blocks)
            return None
        channel = await self._dm_channel(client, delivery.recipient)
        await self._post(client, channel=channel, text=text, blocks=blocks)
        return None

    _send_nudge_outcome = _send_nudge_open

    def _approvers_channel(self, case: CaseRecord, role_or_managers: str) -> str:
        channel = (self.settings.channel_for(case.workspace_id, role_or_managers)
                   or self.settings.channel_for(case.workspace_id, "managers")
                   or self.settings.channel_for(case.workspace_id, case.team))
        if channel is None:
            raise ClientNotAvailable("no managers channel is configured ([channels] managers = ...)")
        return channel

    async def _dm_channel(self, client: AsyncWebClient, user: str) -> str:
        channel = self._dms.get(user)
        if channel is None:
            opened = await client.conversations_open(users=user)
            channel = self._dms[user] = str(opened["channel"]["id"])
        return channel

    def _suggestion(self, case: CaseRecord) -> Suggestion | None:
        if self.engine is None or not self.playbook.has_role(case.reporter_role):
            return None
        paid = None if case.amount_paid_cents is None else from_cents(case.amount_paid_cents)
        return self.engine.suggest(case.text, self.playbook.role(case.reporter_role),
                                   given=from_cents(case.given_cents), paid=paid,
                                   scenario_id=case.scenario)


def _pacing_order(delivery: DeliveryRecord) -> str:
    """The same order every tick, so each recipient's messages fall about a second apart."""
    return delivery.recipient


Posted = dict[str, tuple[str, str]]
Remembered = tuple[str, str, str, int | None] | None
State = tuple[CaseRecord, list[OfferRecord], Posted]
Settled = tuple[str, object]
"""("sent", Remembered) | ("ratelimited", seconds) | ("error", message) | ("skip", None)"""


def _load_all(conn: Connection, batch: list[DeliveryRecord], now: datetime) -> dict[int, State | None]:
    """Each delivery's case as it is now, its offers and where its messages live; None when
    there is nothing to send (the case is gone, or a follow-up no longer applies, which is
    cancelled here)."""
    case_ids = {d.case_id for d in batch if d.case_id is not None}
    cases = {case.id: case for case in case_store.cases_by_ids(conn, case_ids)}
    offers = case_store.offers_of_cases(conn, case_ids)
    posted = outbox.case_messages_of_cases(conn, case_ids)
    states: dict[int, State | None] = {}
    for delivery in batch:
        case = cases.get(delivery.case_id or -1)
        if case is None or case.workspace_id != delivery.workspace_id or (
                delivery.kind in followups.FOLLOW_UPS
                and not followups.still_applies(delivery, case, offers.get(case.id, []))):
            outbox.cancel(conn, delivery.id, now)
            states[delivery.id] = None
            continue
        states[delivery.id] = (case, offers.get(case.id, []), posted.get(case.id, {}))
    return states
