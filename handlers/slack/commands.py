"""Slash commands: answered in place and privately within Slack's 3 seconds, after the case
is written. Slack does not retry slash commands, so every /recover is a new report."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext

from handlers.slack.blocks import reply_blocks
from handlers.slack.runtime import SlackRuntime


def register(app: AsyncApp, runtime: SlackRuntime) -> None:
    async def answer(ack: AsyncAck, command: dict[str, Any], context: AsyncBoltContext) -> None:
        text = f"{command['command']} {command.get('text', '')}"
        message = await runtime.incoming(context, text, channel=command.get("channel_id"))
        fallback, blocks = reply_blocks(await runtime.amends.handle(message))
        await ack(text=fallback, blocks=blocks, response_type="ephemeral")

    app.command("/recover")(answer)
    app.command("/case")(answer)
