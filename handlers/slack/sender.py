"""Delivers the outbox to Slack: case cards in DMs, team alerts and threads, approval requests.

Cards are rendered from the case as it is when sent, so a delayed send shows the latest state.
A 429 is retried after its Retry-After without counting as a failed attempt; other failures
back off and, after the last attempt, stay in the outbox marked failed (never dropped).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from sqlalchemy import Connection

from bot.clock import Clock
from bot.engine import OfflineEngine
from bot.money import from_cents
from bot.playbook import Playbook
from bot.settings import Settings
from bot.suggestion import Suggestion
from handlers.slack.blocks import alert_blocks, approval_decided_blocks, approval_request_blocks, case_card_blocks
from handlers.slack.clients import ClientNotAvailable, WorkspaceClients
from store import cases as case_store
from store import deliveries as outbox
from store.db import Database, DatabaseUnavailable
from store.deliveries import DeliveryRecord
from store.records import CaseRecord, OfferRecord

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


class SlackSender:
    def __init__(self, *, database: Database, clients: WorkspaceClients, settings: Settings,
                 playbook: Playbook, engine: OfflineEngine | None, clock: Clock) -> None:
        self.database, self.clients, self.settings = database, clients, settings
        self.playbook, self.engine, self.clock = playbook, engine, clock
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                sent = await self.drain_once()
            except DatabaseUnavailable as error:
                log.warning("outbox paused, database unavailable: %s", error)
                sent = 0
            if sent == 0:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=1.0)

    async def drain_once(self) -> int:
        """Sends what is due now; returns how many deliveries it settled (sent or rescheduled)."""
        now = self.clock.now()
        batch = await self.database.run(lambda conn: outbox.claim_due(conn, "slack", now, limit=50))
        for delivery in batch:
            await self._settle(delivery)
        return len(batch)

    async def _settle(self, delivery: DeliveryRecord) -> None:
        now = self.clock.now()
        try:
            await self._deliver(delivery)
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
        await self.database.run(lambda conn: outbox.mark_sent(conn, delivery.id, now))

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

    async def _deliver(self, delivery: DeliveryRecord) -> None:
        handler = getattr(self, f"_send_{delivery.kind}", None)
        if handler is None:
            raise SlackApiError(f"no sender for {delivery.kind}", {"ok": False, "error": "unknown_kind"})
        state = await self.database.run(lambda conn: _load(conn, delivery))
        if state is None:
            return
        await handler(delivery, *state)

    async def _send_case_card(self, delivery: DeliveryRecord, case: CaseRecord,
                              offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = case_card_blocks(case, offers, suggestion=self._suggestion(case))
        if "dm" in posted:
            channel, ts = posted["dm"]
            await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            return
        opened = await client.conversations_open(users=delivery.recipient)
        channel = opened["channel"]["id"]
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        await self._remember(case, "dm", channel, sent["ts"])

    async def _send_team_alert(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
        channel = self.settings.channel_for(case.workspace_id, case.team)
        if channel is None:
            return
        client = await self.clients.client_for(case.workspace_id)
        if "team" in posted:
            await client.chat_postMessage(channel=posted["team"][0], thread_ts=posted["team"][1],
                                          text=delivery.text)
            return
        text, blocks = case_card_blocks(case, offers, headline=delivery.text)
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        await self._remember(case, "team", channel, sent["ts"])

    async def _send_feedback_alert(self, delivery: DeliveryRecord, case: CaseRecord,
                                   offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
        channel = self.settings.channel_for(case.workspace_id, case.team)
        if channel is None or "team" in posted:
            return
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = alert_blocks(case, case.text, source_channel=case.channel_id, source_ts="",
                                    alert_id=str(case.number))
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        await self._remember(case, "team", channel, sent["ts"])

    async def _send_escalation(self, delivery: DeliveryRecord, case: CaseRecord,
                               offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
        await self._send_team_alert(delivery, case, offers, posted)
        managers = self.settings.channel_for(case.workspace_id, "managers")
        if managers and managers != self.settings.channel_for(case.workspace_id, case.team):
            client = await self.clients.client_for(case.workspace_id)
            text, blocks = case_card_blocks(case, offers, headline=delivery.text)
            await client.chat_postMessage(channel=managers, text=text, blocks=blocks)

    async def _send_card_update(self, delivery: DeliveryRecord, case: CaseRecord,
                                offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
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

    async def _send_approval_request(self, delivery: DeliveryRecord, case: CaseRecord,
                                     offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
        offer = next(o for o in offers if o.id == delivery.offer_id)
        key = f"approval:{offer.id}"
        if key in posted:
            return
        channel = (self.settings.channel_for(case.workspace_id, "managers")
                   or self.settings.channel_for(case.workspace_id, case.team))
        if channel is None:
            raise ClientNotAvailable("no managers channel is configured ([channels] managers = ...)")
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_request_blocks(case, offer, offer.requested_by, delivery.text)
        sent = await client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        await self._remember(case, key, channel, sent["ts"], offer.id)

    async def _send_approval_decided(self, delivery: DeliveryRecord, case: CaseRecord,
                                     offers: list[OfferRecord], posted: dict[str, tuple[str, str]]) -> None:
        offer = next(o for o in offers if o.id == delivery.offer_id)
        where = posted.get(f"approval:{offer.id}")
        if where is None:
            return
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_decided_blocks(case, offer, offer.decided_by or "", offer.status == "given")
        await client.chat_update(channel=where[0], ts=where[1], text=text, blocks=blocks)

    async def _remember(self, case: CaseRecord, kind: str, channel: str, ts: str,
                        offer_id: int | None = None) -> None:
        now = self.clock.now()
        await self.database.run(lambda conn: outbox.save_case_message(
            conn, case, kind, channel, ts, now, offer_id))

    def _suggestion(self, case: CaseRecord) -> Suggestion | None:
        if self.engine is None or not self.playbook.has_role(case.reporter_role):
            return None
        paid = None if case.amount_paid_cents is None else from_cents(case.amount_paid_cents)
        return self.engine.suggest(case.text, self.playbook.role(case.reporter_role),
                                   given=from_cents(case.given_cents), paid=paid,
                                   scenario_id=case.scenario)


def _load(conn: Connection, delivery: DeliveryRecord) -> tuple[Any, ...] | None:
    if delivery.case_id is None:
        return None
    case = case_store.case_by_id(conn, delivery.workspace_id, delivery.case_id)
    if case is None:
        return None
    return case, case_store.offers_of(conn, case), outbox.case_messages_of(conn, case.id)
