"""One Bot Framework turn: a message, a card's button, an install, or the compose box's
commands (handlers/teams/extension.py), turned into core calls and answered with cards.

Thin in both directions: the text goes to `Amends.handle` exactly as the console's and Slack's
does (commands without a slash, mentions removed), and every answer is a card rendered from
the core's reply. A button answers by replacing its card (Universal Actions: the invoke's
response; the Action.Submit fallback: an update of the message it sits on).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import Activity, ActivityTypes, Attachment, InvokeResponse

from bot.clock import Clock
from bot.commands import CaseAction, Command
from bot.core import Amends, snooze_until
from bot.messages import Message
from bot.replies import CaseCard, CaseList, Notice, Overview, Reply, Reported
from handlers.teams import references
from handlers.teams.actions import BadAction, CardAction, Snooze, read_action
from handlers.teams.cards import Card, reply_card
from handlers.teams.case_cards import case_card
from handlers.teams.markup import plain_text
from handlers.teams.post_cards import approval_decided_card
from handlers.teams.roles import TeamsRoles
from store import deliveries
from store.db import Database

log = logging.getLogger(__name__)

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
WELCOME = ("Hi, I'm Amends. When a customer is let down, tell me what happened, e.g. "
           "`recover the guest in 214 says the room was not cleaned`, and I'll say what to say "
           "and what you may give. Type `help` for the rest.")
CANT_READ = "That button's data isn't something Amends sent, so nothing was changed. Open the case with `case N`."


@dataclass
class TeamsRuntime:
    amends: Amends
    roles: TeamsRoles
    database: Database
    clock: Clock
    listen_channels: frozenset[str] = frozenset()
    home_tenant: str | None = None
    """A single-tenant bot's own tenant: activities from any other are ignored (None: local
    development, where the tenant is whatever the emulator or test says)."""


class TeamsTurns:
    def __init__(self, runtime: TeamsRuntime) -> None:
        self.runtime = runtime
        from handlers.teams.extension import ComposeExtension  # it builds on this module

        self.extension = ComposeExtension(self)

    async def on_turn(self, ctx: TurnContext) -> None:
        activity = ctx.activity
        tenant = references.tenant_of(activity)
        if tenant is None:
            log.info("Teams: a %s activity without a tenant was ignored", activity.type)
            if activity.type == ActivityTypes.invoke:
                await invoke_answer(ctx, 400, {"error": "no tenant"})
            return
        home = self.runtime.home_tenant
        if home is not None and tenant != home:
            log.warning("Teams: an activity from tenant %s was ignored: Amends is registered in %s only",
                        tenant[:64], home)
            if activity.type == ActivityTypes.invoke:
                await invoke_answer(ctx, 403, {"error": "another tenant"})
            return
        await references.remember(self.runtime.database, activity, tenant, self.runtime.clock.now())
        if activity.type == ActivityTypes.message:
            await self._message(ctx, tenant)
        elif activity.type == ActivityTypes.invoke:
            await self._invoke(ctx, tenant)
        elif activity.type == ActivityTypes.installation_update and activity.action == "add" \
                and references.conversation_kind(activity) == "personal":
            await ctx.send_activity(Activity(type=ActivityTypes.message, text=WELCOME))

    async def incoming(self, ctx: TurnContext, tenant: str, text: str, source_key: str | None = None) -> Message:
        activity = ctx.activity
        person = references.person_of(activity)
        sender_id = str(getattr(activity.from_property, "id", "") or "")

        async def upn() -> str | None:
            member = await TeamsInfo.get_member(ctx, sender_id)
            return getattr(member, "user_principal_name", None)

        role = await self.runtime.roles.role_of(person, sender_id, upn)
        channel = references.base_conversation(str(getattr(activity.conversation, "id", "") or ""))
        return Message(workspace=tenant, channel=channel, user=person, role=role, text=text,
                       platform=references.PLATFORM, source_key=source_key)

    async def _message(self, ctx: TurnContext, tenant: str) -> None:
        activity = ctx.activity
        if isinstance(activity.value, Mapping) and not (activity.text or "").strip():
            await self._submitted(ctx, tenant, activity.value)
            return
        text = plain_text(activity.text or "")
        if references.conversation_kind(activity) != "personal" and not mentions_the_bot(activity):
            await self._overheard(ctx, tenant, text)
            return
        if not text:
            await ctx.send_activity(Activity(type=ActivityTypes.message, text=WELCOME))
            return
        message = await self.incoming(ctx, tenant, text, source_key=f"teams:{activity.id}" if activity.id else None)
        reply = await self.runtime.amends.handle(message)
        sent = await ctx.send_activity(card_activity(await self.card_for(reply, tenant)))
        if isinstance(reply, Reported) and references.conversation_kind(activity) == "personal":
            await self._is_the_lasting_card(reply, message.channel, str(getattr(sent, "id", "") or ""))

    async def _is_the_lasting_card(self, reported: Reported, chat: str, message_id: str) -> None:
        """A report made in the 1:1 chat is answered there: that answer is the case's card in
        the reporter's chat, which later changes update, rather than a second card below it."""
        if not message_id:
            return
        case, now = reported.case, self.runtime.clock.now()
        await self.runtime.database.run(
            lambda conn: deliveries.remember_message(conn, case, "dm", chat, message_id, now))

    async def _overheard(self, ctx: TurnContext, tenant: str, text: str) -> None:
        """A channel message not addressed to Amends (it gets them with the team's consent to
        ChannelMessage.Read.Group): read only in a listened feedback channel, where one that
        reads as a failure becomes a case and an alert to its team; never answered."""
        channel = references.base_conversation(str(getattr(ctx.activity.conversation, "id", "") or ""))
        if not text or channel not in self.runtime.listen_channels:
            return
        message = await self.incoming(ctx, tenant, text,
                                      source_key=f"teams:{ctx.activity.id}" if ctx.activity.id else None)
        await self.runtime.amends.listen(message)

    async def _invoke(self, ctx: TurnContext, tenant: str) -> None:
        name = ctx.activity.name or ""
        if name == "adaptiveCard/action":
            await self._executed(ctx, tenant)
        elif name.startswith("composeExtension/"):
            await self.extension.invoke(ctx, tenant, name)
        else:
            await invoke_answer(ctx, 200, {})

    async def _executed(self, ctx: TurnContext, tenant: str) -> None:
        """Universal Actions: the card in place is the invoke's answer; a notice is shown to the
        clicker without touching the card."""
        value = ctx.activity.value if isinstance(ctx.activity.value, Mapping) else {}
        action = value.get("action")
        try:
            command = read_action(action.get("data") if isinstance(action, Mapping) else None)
        except BadAction as error:
            log.info("Teams: a card action was refused: %s", error)
            await invoke_answer(ctx, 400, {"statusCode": 400, "type": "application/vnd.microsoft.error",
                                           "value": {"code": "BadRequest", "message": CANT_READ}})
            return
        reply = await self.run(ctx, tenant, command)
        answer: dict[str, Any]
        if isinstance(reply, Notice):
            answer = {"statusCode": 200, "type": "application/vnd.microsoft.activity.message",
                      "value": reply.text}
        else:
            _, card = await self.in_place(reply, command, tenant)
            answer = {"statusCode": 200, "type": ADAPTIVE, "value": card}
            await self._answered_in_place(ctx, reply)
        await invoke_answer(ctx, 200, answer)

    async def _submitted(self, ctx: TurnContext, tenant: str, data: Mapping[str, Any]) -> None:
        """Action.Submit (older clients): the same action; its card is updated in place."""
        try:
            command = read_action(data)
        except BadAction as error:
            log.info("Teams: a card submit was refused: %s", error)
            await ctx.send_activity(Activity(type=ActivityTypes.message, text=CANT_READ))
            return
        reply = await self.run(ctx, tenant, command)
        if isinstance(reply, Notice) or not ctx.activity.reply_to_id:
            await ctx.send_activity(card_activity(await self.card_for(reply, tenant)))
            return
        update = card_activity(await self.in_place(reply, command, tenant))
        update.id = ctx.activity.reply_to_id
        await ctx.update_activity(update)
        await self._answered_in_place(ctx, reply)

    async def _answered_in_place(self, ctx: TurnContext, reply: Reply) -> None:
        """"Log it as a case" clicked in the 1:1 chat: the card it replaced is the case's card."""
        if isinstance(reply, Reported) and ctx.activity.reply_to_id \
                and references.conversation_kind(ctx.activity) == "personal":
            chat = references.base_conversation(str(ctx.activity.conversation.id))
            await self._is_the_lasting_card(reply, chat, str(ctx.activity.reply_to_id))

    async def run(self, ctx: TurnContext, tenant: str, command: CardAction) -> Reply:
        key = None
        if not isinstance(command, Snooze) and ctx.activity.reply_to_id:
            key = f"teams:card:{ctx.activity.reply_to_id}"  # "log it anyway" logs once per notice
        message = await self.incoming(ctx, tenant, "", source_key=key)
        if isinstance(command, Snooze):
            zone = zone_of(ctx.activity)
            until = snooze_until(command.until, self.runtime.clock.now(), zone) if command.until else None
            return await self.runtime.amends.follow_up(message, command.delivery, until, zone)
        return await self.runtime.amends.run(message, command)

    async def in_place(self, reply: Reply, command: Command | Snooze, tenant: str) -> Card:
        """What the clicked card becomes: an approval shows its decision; a case shows itself as
        it is now, with what the clicker may still do."""
        names = await self.names(reply, tenant)
        if isinstance(reply, CaseCard):
            if isinstance(command, CaseAction) and command.verb in ("approve", "decline"):
                decided = [offer for offer in reply.offers
                           if offer.decided_by and offer.status in ("given", "declined")]
                if decided:
                    offer = max(decided, key=lambda o: (o.decided_at or o.created_at, o.id))
                    return approval_decided_card(reply.case, offer, offer.decided_by or "",
                                                 offer.status == "given", names)
            return case_card(reply.case, reply.offers, headline=reply.headline, words=reply.words,
                             options=reply.options, names=names)
        return reply_card(reply, names)

    async def card_for(self, reply: Reply, tenant: str) -> Card:
        return reply_card(reply, await self.names(reply, tenant))

    async def names(self, reply: Reply, tenant: str) -> dict[str, str]:
        """Display names of everyone the reply may show, in one query."""
        return await references.names_of(self.runtime.database, tenant, people_in(reply))


def people_in(reply: Reply | Overview) -> set[str]:
    """Everyone a reply may name, so their display names can be looked up in one query."""
    match reply:
        case Reported():
            cases = [reply.case] + ([reply.same_customer] if reply.same_customer else [])
            return {p for case in cases for p in (case.reporter_id, case.owner_id) if p}
        case CaseCard():
            people = {reply.case.reporter_id, reply.case.owner_id}
            people |= {p for offer in reply.offers for p in (offer.requested_by, offer.decided_by or "")}
            people |= {event.actor_id for event in reply.events}
            return {p for p in people if p}
        case CaseList():
            return {p for case in reply.cases for p in (case.reporter_id, case.owner_id) if p}
        case _:
            return set()


def mentions_the_bot(activity: Activity) -> bool:
    bot = getattr(activity.recipient, "id", None)
    for entity in activity.entities or ():
        extra = getattr(entity, "additional_properties", None) or {}
        mentioned = extra.get("mentioned") if isinstance(extra, Mapping) else None
        if getattr(entity, "type", None) == "mention" and isinstance(mentioned, Mapping) \
                and mentioned.get("id") == bot:
            return True
    return False


def card_activity(card: Card) -> Activity:
    summary, content = card
    return Activity(type=ActivityTypes.message, summary=summary[:250],
                    attachments=[Attachment(content_type=ADAPTIVE, content=content)])


async def invoke_answer(ctx: TurnContext, status: int, body: object) -> None:
    await ctx.send_activity(Activity(type=ActivityTypes.invoke_response,
                                     value=InvokeResponse(status=status, body=body)))


def zone_of(activity: Activity) -> tzinfo:
    """The clicker's own zone, which Teams sends with each activity ("tomorrow" is their 09:00)."""
    name = getattr(activity, "local_timezone", None)
    try:
        return ZoneInfo(name) if isinstance(name, str) and name else UTC
    except (ValueError, KeyError):
        return UTC
