"""Slack's transport for the outbox: case cards in DMs, team alerts and threads, approval
requests, nudges and digests, each one post (or in-place update) per outbox row.

Cards are rendered from the case as it is when sent, so a delayed send shows the latest state.
A 429 answers `Retry` with Slack's Retry-After (the client never sleeps on it, so a
rate-limited channel holds up no one else); other failures answer `Retry` for the loop's
backoff, or `Failed` when the message itself can never be accepted. `SlackSender` is the core's
outbox loop (bot/outbox.py) over this transport, plus the digests' planner.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, assert_never

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chart import digest_chart
from bot.clock import Clock
from bot.digest import Digest
from bot.outbox import Failed, Kind, OutboundPost, OutboxLoop, Posted, Retry, Sent
from bot.playbook import Playbook
from bot.records import CaseRecord, OfferRecord
from bot.schedules import DigestPlan
from bot.settings import Settings
from handlers.slack.alert_blocks import alert_blocks, approval_decided_blocks, approval_request_blocks
from handlers.slack.case_blocks import case_card_blocks
from handlers.slack.clients import ClientNotAvailable, WorkspaceClients
from handlers.slack.digest_blocks import digest_blocks
from handlers.slack.digest_sender import SlackDigests
from handlers.slack.nudge_blocks import nudge_blocks
from store.db import Database

log = logging.getLogger(__name__)
SPACING = 1.02
"""Seconds between two messages to one recipient: Slack allows about one a second per channel."""
NEVER_ACCEPTED = frozenset({"invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text",
                            "too_many_attachments", "invalid_arguments"})
"""Slack's answers about the message itself: sending it again can only get the same answer."""
Outcome = Sent | Retry | Failed


class NotSendable(Exception):
    """The row lacks what its kind needs (its case or offer): a bug, not a Slack failure."""


class SlackTransport:
    platform = "slack"

    def __init__(self, *, clients: WorkspaceClients, settings: Settings, playbook: Playbook,
                 ) -> None:
        self.clients, self.settings, self.playbook = clients, settings, playbook
        self.channels = settings.platform("slack")
        self._dms: dict[str, str] = {}

    async def send(self, post: OutboundPost) -> Outcome:
        try:
            return await self._send(post)
        except SlackApiError as error:
            return slack_failure(error)
        except (aiohttp.ClientError, OSError, TimeoutError, ClientNotAvailable) as error:
            return Retry(f"{type(error).__name__}: {error}")
        except NotSendable as error:
            return Failed(str(error))

    async def _send(self, post: OutboundPost) -> Outcome:
        match post.kind:
            case Kind.CASE_CARD:
                return await self._case_card(post)
            case Kind.TEAM_ALERT | Kind.ESCALATION | Kind.SLA_ALERT:
                return await self._team_alert(post)
            case Kind.FEEDBACK_ALERT:
                return await self._feedback_alert(post)
            case Kind.ESCALATION_MANAGERS:
                return await self._managers_card(post)
            case Kind.CARD_UPDATE_DM:
                return await self._update_dm_card(post)
            case Kind.CARD_UPDATE_TEAM:
                return await self._update_team_card(post)
            case Kind.THREAD_NOTE:
                return await self._thread_note(post)
            case Kind.APPROVAL_REQUEST | Kind.APPROVAL_REMINDER:
                return await self._approval_request(post)
            case Kind.APPROVAL_DECIDED:
                return await self._approval_decided(post)
            case Kind.NUDGE_OPEN | Kind.NUDGE_OUTCOME:
                return await self._nudge(post)
            case Kind.DIGEST:
                return await self._digest(post)
            case Kind.DIGEST_CHART:
                return await self._digest_chart(post)
            case _:
                assert_never(post.kind)

    async def _case_card(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = case_card_blocks(case, post.offers, words=post.words, options=post.options)
        if "dm" in post.posted:
            channel, ts = post.posted["dm"]
            await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            return Sent()
        channel = await self._dm_channel(client, post.recipient)
        return await self._post(client, channel=channel, text=text, blocks=blocks)

    async def _team_alert(self, post: OutboundPost) -> Outcome:
        """The case's card in its team's channel; when the card is there already, the news goes
        in its thread."""
        case = _case(post)
        channel = self.channels.channel_for(case.workspace_id, case.team)
        if channel is None:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        if "team" in post.posted:
            where = post.posted["team"]
            await self._post(client, channel=where.channel, thread_ts=where.message_id, text=post.text)
            return Sent()
        text, blocks = case_card_blocks(case, post.offers, headline=post.text)
        return await self._post(client, channel=channel, text=text, blocks=blocks)

    async def _feedback_alert(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        channel = self.channels.channel_for(case.workspace_id, case.team)
        if channel is None or "team" in post.posted:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = alert_blocks(case, case.text, source_channel=case.channel_id, source_ts="",
                                    alert_id=str(case.number))
        return await self._post(client, channel=channel, text=text, blocks=blocks)

    async def _managers_card(self, post: OutboundPost) -> Outcome:
        """The escalated case's card for the managers, unless their channel is the team's."""
        case = _case(post)
        managers = self.channels.managers_apart(case.workspace_id, case.team)
        if managers is None:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = case_card_blocks(case, post.offers, headline=post.text)
        await self._post(client, channel=managers, text=text, blocks=blocks)
        return Sent()

    async def _update_dm_card(self, post: OutboundPost) -> Outcome:
        """Nothing to update before the card is posted; it is rendered as the case is then."""
        case = _case(post)
        if "dm" not in post.posted:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = case_card_blocks(case, post.offers, words=post.words, options=post.options)
        await client.chat_update(channel=post.posted["dm"].channel, ts=post.posted["dm"].message_id,
                                 text=text, blocks=blocks)
        return Sent()

    async def _update_team_card(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        if "team" not in post.posted:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = case_card_blocks(case, post.offers)
        await client.chat_update(channel=post.posted["team"].channel,
                                 ts=post.posted["team"].message_id, text=text, blocks=blocks)
        return Sent()

    async def _thread_note(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        if "team" not in post.posted or not post.text:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        where = post.posted["team"]
        await self._post(client, channel=where.channel, thread_ts=where.message_id, text=post.text)
        return Sent()

    async def _approval_request(self, post: OutboundPost) -> Outcome:
        """The request to the managers' channel; its reminders there again and, at level 1, to
        the next role up's channel."""
        case, offer = _case(post), _offer(post)
        if post.kind is Kind.APPROVAL_REQUEST and f"approval:{offer.id}" in post.posted:
            return Sent()
        channel = self._approvers_channel(case, post.recipient)
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_request_blocks(case, offer, offer.requested_by, post.text)
        return await self._post(client, channel=channel, text=text, blocks=blocks)

    async def _approval_decided(self, post: OutboundPost) -> Outcome:
        """Every message that asked for this approval loses its buttons and shows the decision
        (in-place updates: doing them twice changes nothing)."""
        case, offer = _case(post), _offer(post)
        asked = [where for key, where in post.posted.items()
                 if key == f"approval:{offer.id}" or key.startswith(f"approval:{offer.id}:")]
        if not asked:
            return Sent()
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = approval_decided_blocks(case, offer, offer.decided_by or "", offer.status == "given")
        for channel, ts in asked:
            await client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        return Sent()

    async def _nudge(self, post: OutboundPost) -> Outcome:
        """Threaded under the case's card in the owner's DM when there is one."""
        case = _case(post)
        client = await self.clients.client_for(case.workspace_id)
        text, blocks = nudge_blocks(case, post)
        if "dm" in post.posted and post.recipient == case.reporter_id:
            where = post.posted["dm"]
            await self._post(client, channel=where.channel, thread_ts=where.message_id, text=text,
                             blocks=blocks)
            return Sent()
        channel = await self._dm_channel(client, post.recipient)
        await self._post(client, channel=channel, text=text, blocks=blocks)
        return Sent()

    async def _digest(self, post: OutboundPost) -> Outcome:
        target = await self._digest_target(post)
        if target is None:
            return Sent()
        digest, channel, client = target
        text, blocks = digest_blocks(digest)
        await self._post(client, channel=channel, text=text, blocks=blocks)
        return Sent()

    async def _digest_chart(self, post: OutboundPost) -> Outcome:
        target = await self._digest_target(post)
        if target is None:
            return Sent()
        digest, channel, client = target
        await client.files_upload_v2(channel=channel, content=digest_chart(digest),
                                     filename=f"amends-{digest.period}-{digest.start:%Y-%m-%d}.png",
                                     title=f"Cases and recovery, {digest.period}")
        return Sent()

    async def _digest_target(self, post: OutboundPost) -> tuple[Digest, str, AsyncWebClient] | None:
        """The digest's figures, its channel and the workspace's client; None when the
        workspace has no channel for it (nothing to send, nothing to retry)."""
        digest = post.digest
        if digest is None:
            raise NotSendable(f"{post.kind} row {post.id} has no figures")
        channel = self.channels.digest_channel(post.workspace, digest.team)
        if channel is None:
            return None
        return digest, channel, await self.clients.client_for(post.workspace)
        client = await self.clients.client_for(post.workspace)
        await client.files_upload_v2(channel=channel, content=digest_chart(digest),
                                     filename=f"amends-{digest.period}-{digest.start:%Y-%m-%d}.png",
                                     title=f"Cases and recovery, {digest.period}")
        return Sent()

    async def _post(self, client: AsyncWebClient, **message: Any) -> Sent:
        """Slack accepted it; where it lives when Slack said (an answer without a ts is still a
        post that went out: it is recorded sent, with nothing to update later)."""
        answer = await client.chat_postMessage(**message)
        ts = answer.get("ts")
        if not ts:
            log.warning("Slack accepted a post to %s without a ts; it cannot be updated later",
                        message["channel"])
            return Sent()
        return Sent(Posted(str(message["channel"]), str(ts)))

    def _approvers_channel(self, case: CaseRecord, role_or_managers: str) -> str:
        channel = self.channels.approvers_channel(case.workspace_id, role_or_managers, case.team)
        if channel is None:
            raise ClientNotAvailable("no managers channel is configured ([channels] managers = ...)")
        return channel

    async def _dm_channel(self, client: AsyncWebClient, user: str) -> str:
        channel = self._dms.get(user)
        if channel is None:
            opened = await client.conversations_open(users=user)
            channel = self._dms[user] = str(opened["channel"]["id"])
        return channel



def slack_failure(error: SlackApiError) -> Retry | Failed:
    response = error.response
    reason = f"slack: {response.get('error')}"
    if response.status_code == 429:
        return Retry(reason, after=timedelta(seconds=retry_after(response.headers)))
    if response.get("error") in NEVER_ACCEPTED:
        return Failed(reason)
    return Retry(reason)


def retry_after(headers: Any) -> float:
    """Slack's Retry-After in seconds (1 when it is missing or unreadable)."""
    for name, value in dict(headers or {}).items():
        if str(name).lower() == "retry-after":
            try:
                return max(1.0, float(value))
            except (TypeError, ValueError):
                break
    return 1.0


def _case(post: OutboundPost) -> CaseRecord:
    if post.case is None:
        raise NotSendable(f"{post.kind} row {post.id} has no case")
    return post.case


def _offer(post: OutboundPost) -> OfferRecord:
    if post.offer is None:
        raise NotSendable(f"{post.kind} row {post.id} has no offer")
    return post.offer


class SlackSender(OutboxLoop):
    """The outbox loop over Slack's transport. APScheduler runs `tick` every second and new work
    wakes it; each recipient gets at most its earliest due message a round, about a second
    apart, and different recipients are served concurrently."""

    def __init__(self, *, database: Database, clients: WorkspaceClients, settings: Settings,
                 playbook: Playbook, clock: Clock,
                 batch: int = 2000, concurrency: int = 64, in_flight: int = 64,
                 spacing: float = SPACING) -> None:
        self.clients, self.settings = clients, settings
        self.plan_of_digests = DigestPlan(settings.digest_schedules, settings.digest_teams)
        super().__init__(database=database, clock=clock, playbook=playbook,
                         transport=SlackTransport(clients=clients, settings=settings, playbook=playbook),
                         batch=batch, concurrency=concurrency, in_flight=in_flight, spacing=spacing,
                         digest_plan=self.plan_of_digests, timezones=settings.timezones)
        self.digests = SlackDigests(self)

    async def stop(self) -> None:
        await super().stop()
        await self.clients.close()
