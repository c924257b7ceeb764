"""Tokens, blocks and a Bolt app shared by the harness's own tests (web API, signed requests, Socket Mode)."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_sdk.web.async_client import AsyncWebClient

from tests.slack import requests as slack_requests
from tests.slack.fake_api import FakeSlackApi

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-1-test"
BLOCKS: list[dict[str, Any]] = [
    {"type": "section", "block_id": "intro", "text": {"type": "mrkdwn", "text": "*Sorry* about the soup"}},
    {
        "type": "actions",
        "block_id": "choices",
        "elements": [
            {"type": "button", "action_id": "offer_refund", "text": {"type": "plain_text", "text": "Refund"}},
        ],
    },
]


def bolt_app(api: FakeSlackApi) -> AsyncApp:
    app = AsyncApp(
        signing_secret=slack_requests.SIGNING_SECRET,
        client=AsyncWebClient(token=BOT_TOKEN, base_url=api.base_url),
    )

    @app.command("/recover")
    async def recover(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, say: AsyncSay) -> None:
        await ack()
        await respond(text=f"heard: {command['text']}")
        await say(text="case opened", blocks=BLOCKS)

    @app.action("offer_refund")
    async def refund(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        await respond(text=f"refund {body['actions'][0]['value']}", replace_original=True)

    @app.view("recover_modal")
    async def submitted(ack: AsyncAck, view: dict[str, Any]) -> None:
        note = view["state"]["values"]["note"]["note_input"]["value"]
        await ack(response_action="errors", errors={"note": f"too short: {note}"})

    @app.shortcut("recover_message")
    async def shortcut(ack: AsyncAck, shortcut: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(
            trigger_id=shortcut["trigger_id"],
            view={"type": "modal", "callback_id": "recover_modal", "title": {"type": "plain_text", "text": "Recover"}},
        )

    @app.event("app_mention")
    async def mention(event: dict[str, Any], say: AsyncSay) -> None:
        await say(text=f"hi <@{event['user']}>", thread_ts=event["ts"])

    return app
