"""Events: mentions and DMs are reports, listened feedback channels raise alerts, App Home.

Slack retries an event it thinks was not delivered; the event_id becomes the case's source key,
which is unique per workspace, so a retry never creates a second case. Slack's markup (mentions,
channel links, links, entities) is turned into plain text here, before the core sees the words.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

from bot.messages import Message
from bot.replies import Notice, Reported
from handlers.slack.blocks import reply_blocks
from handlers.slack.markup import plain_text
from handlers.slack.payload import MalformedPayload, optional_text, text_at
from handlers.slack.runtime import SlackRuntime
from handlers.slack.timezones import local_time
from handlers.slack.views import home_view

log = logging.getLogger(__name__)


def register(app: AsyncApp, runtime: SlackRuntime,
             installations: AsyncInstallationStore | None) -> None:
    @app.event("app_mention")
    async def mention(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
        text = plain_text(optional_text(event, "text"))
        await _report_or_answer(runtime, context, text, event, text_at(body, "event_id"))

    @app.event("message")
    async def message(event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext) -> None:
        channel = event.get("channel", "")
        if channel in runtime.section.listen_channels:
            await _listen(runtime, context, event, text_at(body, "event_id"))
        elif _a_person_wrote_to_the_bot(event):
            text = plain_text(optional_text(event, "text"))
            await _report_or_answer(runtime, context, text, event, text_at(body, "event_id"))

    @app.event("app_home_opened")
    async def home(event: dict[str, Any], context: AsyncBoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        user = text_at(event, "user")
        incoming = await runtime.incoming(context, "", user=user)
        overview = await runtime.amends.overview(incoming)
        if isinstance(overview, Notice):
            log.warning("App Home not published: %s", overview.text)
            return
        view = home_view(mine=overview.mine, team=overview.team, overdue_ids=set(overview.overdue),
                         awaiting=overview.awaiting, is_manager=overview.is_approver)
        zone = await runtime.zones.zone_of(user, context.client)
        updated = local_time(runtime.amends.clock.now(), zone)
        view["blocks"].insert(1, {"type": "context", "elements": [
            {"type": "mrkdwn", "text": f"Updated {updated}"}]})
        view["blocks"] = view["blocks"][:100]
        runtime.background.run(context.client.views_publish(user_id=user, view=view),
                               "App Home")

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    async def uninstalled(context: AsyncBoltContext) -> None:
        if installations is None:
            return
        await installations.async_delete_all(enterprise_id=context.enterprise_id,
                                             team_id=context.team_id)
        log.info("removed the installation of workspace %s", context.team_id)


async def _report_or_answer(runtime: SlackRuntime, context: AsyncBoltContext, text: str,
                            event: dict[str, Any], event_id: str) -> None:
    incoming = await runtime.incoming(context, text, channel=text_at(event, "channel"),
                                      user=text_at(event, "user"), source_key=event_id)
    reply = await runtime.amends.handle(incoming)
    if isinstance(reply, Reported):
        if reply.duplicate or event.get("channel_type") == "im":
            return
        note = (f"Logged as case #{reply.case.number}. What to say and offer is in your DM "
                "with me.")
        runtime.background.run(context.client.chat_postEphemeral(
            channel=incoming.channel, user=incoming.user, text=note), "mention receipt")
        return
    fallback, blocks = reply_blocks(reply)
    if event.get("channel_type") == "im":
        runtime.background.run(context.client.chat_postMessage(
            channel=incoming.channel, text=fallback, blocks=blocks), "DM answer")
    else:
        runtime.background.run(context.client.chat_postEphemeral(
            channel=incoming.channel, user=incoming.user, text=fallback, blocks=blocks),
            "mention answer")


async def _listen(runtime: SlackRuntime, context: AsyncBoltContext, event: dict[str, Any],
                  event_id: str) -> None:
    """Feedback tools post as bots, often in attachments; a failure becomes an unowned case
    and an alert in the responding team's channel, where someone takes it."""
    if event.get("subtype") in ("message_changed", "message_deleted"):
        return
    text = feedback_text(event)
    if not text:
        return
    workspace = context.team_id or context.enterprise_id
    if not workspace:
        raise MalformedPayload("the event names no workspace")
    incoming = Message(workspace=workspace, channel=text_at(event, "channel"),
                       user=optional_text(event, "user") or optional_text(event, "bot_id") or "feedback",
                       role=runtime.amends.playbook.lowest_role.name, text=text, platform="slack",
                       source_key=event_id)
    await runtime.amends.listen(incoming)


def _a_person_wrote_to_the_bot(event: dict[str, Any]) -> bool:
    """A new DM from a person is a report; replies in a thread (under a case card or a nudge)
    are conversation about an existing case, not a new one."""
    thread = event.get("thread_ts")
    return (event.get("channel_type") == "im" and not event.get("subtype")
            and not event.get("bot_id") and (thread is None or thread == event.get("ts")))


def feedback_text(event: Mapping[str, Any]) -> str:
    """The message and its attachments' words, as plain text (feedback tools post attachments)."""
    parts = [optional_text(event, "text")]
    attachments = event.get("attachments") or []
    for attachment in attachments if isinstance(attachments, list) else []:
        if isinstance(attachment, Mapping):
            parts += [optional_text(attachment, key) for key in ("pretext", "title", "text")]
    return plain_text(" ".join(part for part in parts if part))
