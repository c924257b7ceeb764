"""Slash commands: answered in place and privately within Slack's 3 seconds, after the case
is written. Slack does not retry slash commands, so every /recover is a new report. The text
comes as plain text (Slack's escaping and markup undone by handlers/slack/markup.py)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext

from handlers.slack.blocks import reply_blocks
from handlers.slack.markup import plain_text
from handlers.slack.payload import optional_text, text_at
from handlers.slack.runtime import SlackRuntime


def register(app: AsyncApp, runtime: SlackRuntime) -> None:
    async def answer(ack: AsyncAck, command: dict[str, Any], context: AsyncBoltContext) -> None:
        text = f"{text_at(command, 'command')} {plain_text(optional_text(command, 'text'))}"
        message = await runtime.incoming(context, text, channel=optional_text(command, "channel_id"))
        fallback, blocks = reply_blocks(await runtime.amends.handle(message))
        await ack(text=fallback, blocks=blocks, response_type="ephemeral")

    app.command("/recover")(answer)
    app.command("/case")(answer)
