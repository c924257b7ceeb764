"""Teams' transport for the outbox: each delivery is one post (or one in-place update) through
the Bot Connector, proactively, with `continue_conversation` on a stored conversation reference.

A person is reached in their 1:1 chat with Amends (created through the connector when they
were only seen in a channel); a team key, "managers" or a digest reaches the channel or chat
`[teams.channels]` names, through the tenant's service URL. The connector's 429, 412, 502 and
504 (and 500, 503) answer `Retry`, with its Retry-After when it gives one, so the outbox backs
off with jitter and never drops a message; a 4xx about the message itself answers `Failed`,
which keeps it in the outbox, marked, counted in the digest.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, assert_never

import aiohttp
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from msrest.exceptions import ClientRequestError, HttpOperationError

from bot.chart import digest_chart
from bot.clock import Clock
from bot.outbox import Failed, Kind, OutboundPost, Posted, Retry, Sent
from bot.records import CaseRecord
from bot.settings import PlatformSection
from handlers.teams import references
from handlers.teams.cards import Card
from handlers.teams.case_cards import case_card
from handlers.teams.post_cards import (
    alert_card,
    approval_decided_card,
    approval_request_card,
    chart_card,
    digest_card,
    note_card,
    nudge_card,
)
from handlers.teams.turns import card_activity
from store import conversations
from store.conversations import ConversationRecord
from store.db import Database

log = logging.getLogger(__name__)
Outcome = Sent | Retry | Failed
RETRIED = frozenset({408, 412, 429, 500, 502, 503, 504})
CHART_SIZE = (640, 320)
_WORDS = re.compile(r"[\w:@.\-]{3,}")


class NotReachable(Exception):
    """Nobody to send to yet (no conversation reference, no channel configured for a key)."""


class TeamsTransport:
    platform = references.PLATFORM

    def __init__(self, *, adapter: CloudAdapter, app_id: str | None, database: Database,
                 section: PlatformSection, clock: Clock) -> None:
        self.adapter, self.app_id, self.database, self.section = adapter, app_id, database, section
        self.clock = clock

    async def send(self, post: OutboundPost) -> Outcome:
        try:
            return await self._send(post)
        except HttpOperationError as error:
            return connector_failure(error)
        except (ClientRequestError, aiohttp.ClientError, OSError, TimeoutError) as error:
            return Retry(f"teams: {type(error).__name__}: {str(error)[:200]}")
        except NotReachable as error:
            return Retry(f"teams: {error}")

    async def _send(self, post: OutboundPost) -> Outcome:
        match post.kind:
            case Kind.CASE_CARD | Kind.CARD_UPDATE_DM:
                return await self._reporter_card(post)
            case Kind.TEAM_ALERT | Kind.ESCALATION | Kind.SLA_ALERT | Kind.FEEDBACK_ALERT:
                return await self._team_card(post)
            case Kind.ESCALATION_MANAGERS:
                return await self._managers_card(post)
            case Kind.CARD_UPDATE_TEAM:
                if "team" not in post.posted:
                    return Sent()  # no team card (no channel, or its alert still held): nothing to update
                return await self._update(post, "team", await self._case_card(post, team=True))
            case Kind.THREAD_NOTE:
                return await self._thread_note(post)
            case Kind.APPROVAL_REQUEST | Kind.APPROVAL_REMINDER:
                return await self._approval_request(post)
            case Kind.APPROVAL_DECIDED:
                return await self._approval_decided(post)
            case Kind.NUDGE_OPEN | Kind.NUDGE_OUTCOME:
                card = nudge_card(_case(post), post, await self._names(post))
                known = await self._conversation_with(post.workspace, post.recipient)
                return await self._to_person(post.workspace, post.recipient, card, known)
            case Kind.DIGEST | Kind.DIGEST_CHART:
                return await self._digest(post)
            case _:
                assert_never(post.kind)

    # --- what each kind becomes ---------------------------------------------------------------

    async def _reporter_card(self, post: OutboundPost) -> Outcome:
        """The reporter's card: posted once (a report made in the 1:1 chat already has it: its
        answer), then updated in place; an update before the card exists has nothing to do,
        since the card is posted as the case is then."""
        if "dm" in post.posted:
            if post.kind is Kind.CASE_CARD:
                return Sent()
            return await self._update(post, "dm", await self._case_card(post, team=False))
        if post.kind is Kind.CARD_UPDATE_DM:
            return Sent()
        known = await self._conversation_with(post.workspace, post.recipient)
        if _answered_in_chat(post, known):
            return Sent()
        return await self._to_person(post.workspace, post.recipient, await self._case_card(post, team=False), known)

    async def _team_card(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        channel = self.section.channel_for(case.workspace_id, case.team)
        if channel is None:
            return Sent()
        if "team" in post.posted:
            if post.kind is Kind.FEEDBACK_ALERT:
                return Sent()
            return await self._in_thread(case.workspace_id, post.posted["team"], await self._note(post))
        names = await self._names(post)
        card = alert_card(case, post.text, names) if post.kind is Kind.FEEDBACK_ALERT \
            else case_card(case, post.offers, headline=post.text, names=names)
        return await self._to_channel(case.workspace_id, channel, card)

    async def _managers_card(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        managers = self.section.managers_apart(case.workspace_id, case.team)
        if managers is None:
            return Sent()
        card = case_card(case, post.offers, headline=post.text, names=await self._names(post))
        await self._to_channel(case.workspace_id, managers, card)
        return Sent()

    async def _thread_note(self, post: OutboundPost) -> Outcome:
        case = _case(post)
        if "team" not in post.posted or not post.text:
            return Sent()
        return await self._in_thread(case.workspace_id, post.posted["team"], await self._note(post))

    async def _approval_request(self, post: OutboundPost) -> Outcome:
        case, offer = _case(post), post.offer
        if offer is None:
            return Failed(f"{post.kind} row {post.id} has no offer")
        if post.kind is Kind.APPROVAL_REQUEST and f"approval:{offer.id}" in post.posted:
            return Sent()
        channel = self.section.approvers_channel(case.workspace_id, post.recipient, case.team)
        if channel is None:
            raise NotReachable('no managers channel is configured ([teams.channels."*"] managers = "19:…")')
        card = approval_request_card(case, offer, offer.requested_by, post.text, await self._names(post))
        return await self._to_channel(case.workspace_id, channel, card)

    async def _approval_decided(self, post: OutboundPost) -> Outcome:
        """Every card that asked for this approval shows the decision, buttons gone (updates in
        place: doing them twice changes nothing)."""
        case, offer = _case(post), post.offer
        if offer is None:
            return Failed(f"{post.kind} row {post.id} has no offer")
        asked = [where for key, where in post.posted.items()
                 if key == f"approval:{offer.id}" or key.startswith(f"approval:{offer.id}:")]
        card = approval_decided_card(case, offer, offer.decided_by or "", offer.status == "given",
                                     await self._names(post))
        for where in asked:
            await self._edit(case.workspace_id, where, card)
        return Sent()

    async def _digest(self, post: OutboundPost) -> Outcome:
        digest = post.digest
        if digest is None:
            return Failed(f"{post.kind} row {post.id} has no figures")
        channel = self.section.digest_channel(post.workspace, digest.team)
        if channel is None:
            return Sent()
        if post.kind is Kind.DIGEST:
            people = {p for case in digest.worth_a_look for p in (case.reporter_id, case.owner_id) if p}
            card = digest_card(digest, names=await references.names_of(self.database, post.workspace, people))
        else:
            card = chart_card(digest, digest_chart(digest, width=CHART_SIZE[0], height=CHART_SIZE[1]))
        await self._to_channel(post.workspace, channel, card)
        return Sent()

    async def _note(self, post: OutboundPost) -> Card:
        """What changed, in the thread: the core's line, with names for ids and whatever
        someone typed in it (a note, a reason) shown as text, never as links or formatting."""
        said = {word.strip(":.") for word in _WORDS.findall(post.text)[:200]}  # the actor may be anyone
        people = self._people(post) | said
        names = await references.names_of(self.database, post.workspace, people)
        return note_card(post.text, self._people(post), names)

    async def _case_card(self, post: OutboundPost, *, team: bool) -> Card:
        case = _case(post)
        names = await self._names(post)
        if team:
            return case_card(case, post.offers, names=names)
        return case_card(case, post.offers, words=post.words, options=post.options, names=names)

    @staticmethod
    def _people(post: OutboundPost) -> set[str]:
        case = post.case
        people = {post.recipient}
        if case is not None:
            people |= {case.reporter_id, case.owner_id}
        people |= {p for offer in post.offers for p in (offer.requested_by, offer.decided_by or "")}
        if post.offer is not None:
            people |= {post.offer.requested_by, post.offer.decided_by or ""}
        return {p for p in people if p}

    async def _names(self, post: OutboundPost) -> dict[str, str]:
        return await references.names_of(self.database, post.workspace, self._people(post))

    # --- how it is sent -------------------------------------------------------------------------

    async def _conversation_with(self, tenant: str, person: str) -> ConversationRecord | None:
        return await self.database.run(lambda conn: conversations.find(conn, references.PLATFORM, tenant, person))

    async def _to_person(self, tenant: str, person: str, card: Card,
                         known: ConversationRecord | None) -> Outcome:
        if known is None or known.reference is None:
            raise NotReachable(f"no conversation with {person} yet: they haven't installed Amends or "
                               "written to it")
        reference = references.reference_from(known.reference)
        if known.kind == "personal":
            return await self._post(reference, card)
        return await self._open_chat(tenant, person, reference, card)

    async def _open_chat(self, tenant: str, person: str, seen: ConversationReference, card: Card) -> Outcome:
        """A 1:1 chat with someone seen only in a channel: created once, then kept."""
        if seen.user is None or not seen.user.id:
            raise NotReachable(f"no Teams id for {person} yet")
        parameters = ConversationParameters(
            is_group=False, bot=seen.bot, members=[ChannelAccount(id=seen.user.id)], tenant_id=tenant,
            channel_data={"tenant": {"id": tenant}})
        result: list[Posted] = []

        async def first_message(ctx: TurnContext) -> None:
            reference = TurnContext.get_conversation_reference(ctx.activity)
            reference.user = seen.user
            data = reference.serialize()
            await self.database.run(lambda conn: conversations.remember(
                conn, platform=references.PLATFORM, workspace=tenant, key=person, kind="personal", name="",
                reference=data, now=self.clock.now()))
            sent = await send_new(ctx, card_activity(card))
            result.append(Posted(str(ctx.activity.conversation.id), str(getattr(sent, "id", "") or "")))

        await self.adapter.create_conversation(self.app_id, first_message, parameters, "msteams", seen.service_url)
        return Sent(result[0] if result and result[0].message_id else None)

    async def _to_channel(self, tenant: str, channel: str, card: Card) -> Outcome:
        return await self._post(await self._channel_reference(tenant, channel), card)

    async def _in_thread(self, tenant: str, where: Posted, card: Card) -> Outcome:
        reference = await self._channel_reference(tenant, where.channel)
        assert reference.conversation is not None
        reference.conversation.id = f"{where.channel};messageid={where.message_id}"
        await self._post(reference, card)
        return Sent()

    async def _update(self, post: OutboundPost, key: str, card: Card) -> Outcome:
        await self._edit(post.workspace, post.posted[key], card)
        return Sent()

    async def _edit(self, tenant: str, where: Posted, card: Card) -> None:
        reference = await self._reference_for(tenant, where.channel)
        activity = card_activity(card)
        activity.id = where.message_id

        async def edit(ctx: TurnContext) -> None:
            await ctx.update_activity(activity)

        await self._continue(reference, edit)

    async def _post(self, reference: ConversationReference, card: Card) -> Outcome:
        posted: list[Any] = []

        async def post(ctx: TurnContext) -> None:
            posted.append(await send_new(ctx, card_activity(card)))

        await self._continue(reference, post)
        message_id = str(getattr(posted[0], "id", "") or "") if posted else ""
        conversation = reference.conversation.id if reference.conversation else ""
        return Sent(Posted(str(conversation), message_id) if message_id else None)

    async def _continue(self, reference: ConversationReference,
                        logic: Callable[[TurnContext], Awaitable[None]]) -> None:
        await self.adapter.continue_conversation(reference, logic, self.app_id)

    async def _reference_for(self, tenant: str, conversation_id: str) -> ConversationReference:
        """The stored reference of a conversation (a 1:1 chat, a channel), else the channel's."""
        known = await self.database.run(
            lambda conn: conversations.find(conn, references.PLATFORM, tenant, conversation_id))
        if known is not None and known.reference is not None and known.kind != "person":
            return references.reference_from(known.reference)
        return await self._channel_reference(tenant, conversation_id)

    async def _channel_reference(self, tenant: str, channel: str) -> ConversationReference:
        """A channel or chat Amends may never have been spoken to in: reached through the
        tenant's service URL, as the bot that the tenant's latest conversation knows."""
        latest = await self.database.run(
            lambda conn: conversations.latest_reference(conn, references.PLATFORM, tenant))
        if latest is None or latest.reference is None:
            raise NotReachable(f"Amends hasn't been installed or spoken to in tenant {tenant} yet")
        seen = references.reference_from(latest.reference)
        return ConversationReference(
            channel_id=seen.channel_id or "msteams", service_url=seen.service_url, bot=seen.bot,
            conversation=ConversationAccount(id=channel, is_group=True, conversation_type="channel",
                                             tenant_id=tenant))


async def send_new(ctx: TurnContext, activity: Activity) -> Any:
    """A new message in the turn's conversation (a channel: a new thread; a channel thread's
    id: a reply in it), not a reply to the proactive turn's made-up activity id, which
    `send_activity` would send."""
    conversation = ctx.activity.conversation
    activity.conversation, activity.from_property = conversation, ctx.activity.recipient
    activity.channel_id, activity.service_url = ctx.activity.channel_id, ctx.activity.service_url
    connector = ctx.turn_state[ctx.adapter.BOT_CONNECTOR_CLIENT_KEY]
    return await connector.conversations.send_to_conversation(conversation.id, activity)


def connector_failure(error: HttpOperationError) -> Retry | Failed:
    """429: wait the connector's Retry-After (no attempt used); a passing fault: back off; a
    refusal of the message itself: failed for good, kept."""
    response = getattr(error, "response", None)
    status = int(getattr(response, "status_code", 0) or 0)
    reason = f"teams: HTTP {status or '?'}: {str(error)[:200]}"
    if status == 429:
        after = retry_after(getattr(response, "headers", None))
        return Retry(reason, after=None if after is None else timedelta(seconds=after))
    if status in RETRIED or status == 0:
        return Retry(reason)
    return Failed(reason)


def retry_after(headers: Any) -> float | None:
    try:
        items = dict(headers or {}).items()
    except (TypeError, ValueError):
        return None
    for name, value in items:
        if str(name).lower() == "retry-after":
            try:
                return max(1.0, float(value))
            except (TypeError, ValueError):
                return None
    return None


def _answered_in_chat(post: OutboundPost, known: ConversationRecord | None) -> bool:
    """The case was reported in the reporter's 1:1 chat with Amends, where its answer is its
    card (the turn records it as such once Teams has it)."""
    if known is None or known.kind != "personal" or known.reference is None:
        return False
    chat = references.reference_from(known.reference).conversation
    case = _case(post)
    return chat is not None and chat.id == case.channel_id and post.recipient == case.reporter_id


def _case(post: OutboundPost) -> CaseRecord:
    if post.case is None:
        raise NotReachable(f"{post.kind} row {post.id} has no case")
    return post.case
