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

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Connection

from bot import followups
from bot.clock import Clock
from bot.engine import OfflineEngine
from bot.money import from_cents
from bot.playbook import Playbook
from bot.settings import Settings
from bot.suggestion import Suggestion
from handlers.slack.blocks import alert_blocks, approval_decided_blocks, approval_request_blocks, case_card_blocks
from handlers.slack.clients import ClientNotAvailable, WorkspaceClients
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
                 batch: int = 500, concurrency: int = 64) -> None:
        self.database, self.clients, self.settings = database, clients, settings
        self.playbook, self.engine, self.clock = playbook, engine, clock
        self.batch, self.concurrency = batch, concurrency
        self._busy = False
        self.running = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._dms: dict[str, str] = {}

    def wake(self) -> None:
        """New work: tick now rather than at the next second (only once the scheduler runs;
        tests drive `drain_once` themselves)."""
        if not self.running:
            return
        with contextlib.suppress(RuntimeError):
            task = asyncio.get_running_loop().create_task(self.tick())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def tick(self) -> None:
        if self._busy:
            return
        self._busy = True
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

    async def drain_once(self) -> int:
        """Sends what is due now; returns how many deliveries it settled (sent, rescheduled,
        cancelled or failed)."""
        now = self.clock.now()
        batch = await self.database.run(lambda conn: outbox.claim_due(
            conn, "slack", now, limit=self.batch, one_per_recipient=True))
        gate = asyncio.Semaphore(self.concurrency)

        async def settle(delivery: DeliveryRecord) -> None:
            async with gate:
                await self._settle(delivery)

        await asyncio.gather(*(settle(delivery) for delivery in batch))
        return len(batch)

    async def _settle(self, delivery: DeliveryRecord) -> None:
        now = self.clock.now()
        try:
            state = await self.database.run(lambda conn: _load(conn, delivery, now))
            remembered = None if state is None else await self._deliver(delivery, *state)
        except SlackApiError as error:
            retry_after = error.response.headers.get("Retry-After") if error.response.status_code == 429 else None
            if retry_after is not None:
                wait = timedelta(seconds=float(retry_after))
                await self.database.run(lambda conn: outbox.mark_retry(
                    conn, delivery.id, now + wait, "ratelimited", count_attempt=False))
                return
            await self._failed(delivery, f"slack: {error.response.get('error')}")
            return
        except (aiohttp.ClientError, OSError, TimeoutError, ClientNotAvailable) as error:
            await self._failed(delivery, f"{type(error).__name__}: {error}")
            return
        if state is None:
            return
        await self.database.run(lambda conn: self._finish(conn, delivery, state[0], remembered, now))

    def _finish(self, conn: Connection, delivery: DeliveryRecord, case: CaseRecord,
                remembered: tuple[str, str, str, int | None] | None, now: datetime) -> None:
        if remembered is not None:
            kind, channel, ts, offer_id = remembered
            outbox.save_case_message(conn, case, kind, channel, ts, now, offer_id)
        if not followups.after_sent(conn, self.playbook, delivery, now):
            outbox.mark_sent(conn, delivery.id, now)

    async def _failed(self, delivery: DeliveryRecord, error: str) -> None:
        now = self.clock.now()
        if delivery.attempts + 1 >= MAX_ATTEMPTS:
            log.error("delivery %s (%s) failed for good: %s", delivery.id, delivery.kind, error)
            await self.database.run(lambda conn: outbox.mark_failed(conn, delivery.id, now, error))
            return
        backoff = timedelta(seconds=min(5 * 2 ** delivery.attempts, 3600))
        log.warning("delivery %s (%s) failed, retrying in %s: %s", delivery.id, delivery.kind,
                    backoff, error)
        await self.database.run(lambda conn: outbox.mark_retry(conn, delivery.id, now + backoff, error))

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
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        return ("dm", channel, sent["ts"], None)

    async def _send_team_alert(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: Posted) -> Remembered:
        channel = self.settings.channel_for(case.workspace_id, case.team)
        if channel is None:
            return None
        client = await self.clients.client_for(case.workspace_id)
        if "team" in posted:
            await client.chat_postMessage(channel=posted["team"][0], thread_ts=posted["team"][1],
                                          text=delivery.text)
            return None
        text, blocks = case_card_blocks(case, offers, headline=delivery.text)
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
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
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        return ("team", channel, sent["ts"], None)

    async def _send_escalation(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: Posted) -> Remembered:
        remembered = await self._send_team_alert(delivery, case, offers, posted)
        managers = self.settings.channel_for(case.workspace_id, "managers")
        if managers and managers != self.settings.channel_for(case.workspace_id, case.team):
            client = await self.clients.client_for(case.workspace_id)
            text, blocks = case_card_blocks(case, offers, headline=delivery.text)
            await client.chat_postMessage(channel=managers, text=text, blocks=blocks)
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
                await client.chat_postMessage(channel=channel, thread_ts=ts, text=delivery.text)
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
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        return (key, channel, sent["ts"], offer.id)

    async def _send_approval_reminder(self, delivery: DeliveryRecord, case: CaseRecord,
                                      offers: list[OfferRecord], posted: Posted) -> Remembered:
        """First to the managers' channel again; at level 1, to the next role up's channel."""
        offer = next(o for o in offers if o.id == delivery.offer_id)
        channel = self._approvers_channel(case, delivery.recipient)
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_request_blocks(case, offer, offer.requested_by, delivery.text)
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
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
            await client.chat_postMessage(channel=channel, thread_ts=ts, text=text, blocks=blocks)
            return None
        channel = await self._dm_channel(client, delivery.recipient)
        await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
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


Posted = dict[str, tuple[str, str]]
Remembered = tuple[str, str, str, int | None] | None


def _load(conn: Connection, delivery: DeliveryRecord,
          now: datetime) -> tuple[CaseRecord, list[OfferRecord], Posted] | None:
    """The case as it is now, or None when there is nothing to send (gone, or a follow-up
    that no longer applies, which is cancelled here)."""
    if delivery.case_id is None or followups.is_moot(conn, delivery, now):
        return None
    case = case_store.case_by_id(conn, delivery.workspace_id, delivery.case_id)
    if case is None:
        outbox.cancel(conn, delivery.id, now)
        return None
    return case, case_store.offers_of(conn, case), outbox.case_messages_of(conn, case.id)
