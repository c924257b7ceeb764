"""Bolt's one error handler (`app.error`): listeners and middleware alike end here.

A payload that lacks what its type promises is the caller's error (400, nothing changed).
Anything else is ours: it is logged with its traceback under a short reference, and the person
who acted is told "Something went wrong on our side; nothing was recorded. Please try again.
(ref …)" where Slack lets us reach them: in place for a command, on the form for a modal,
through response_url for a button, in the channel or DM for a mention or a message. The answer
to Slack is 200, so Slack neither shows its own error nor retries an event into the same fault.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse

from handlers.errors import Oops, unexpected
from handlers.slack.background import Background
from handlers.slack.payload import MalformedPayload

log = logging.getLogger(__name__)


def register(app: AsyncApp, background: Background) -> None:
    async def failed(error: Exception, body: dict[str, Any], context: AsyncBoltContext) -> BoltResponse:
        return answer(error, body if isinstance(body, dict) else {}, context, background)

    app.error(failed)


def answer(error: Exception, body: dict[str, Any], context: AsyncBoltContext,
           background: Background) -> BoltResponse:
    if isinstance(error, MalformedPayload):
        log.info("malformed Slack payload refused: %s", error)
        return BoltResponse(status=400, body={"ok": False, "error": f"malformed payload: {error}"})
    kind = str(body.get("type") or ("slash_command" if "command" in body else "request"))
    oops = unexpected(error, f"a Slack {kind}")
    if "command" in body:
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": oops.text})
    if kind == "view_submission":
        return BoltResponse(status=200, body=_on_the_form(body, oops))
    _tell_them(kind, body, context, oops, background)
    return BoltResponse(status=200, body="")


def _on_the_form(body: dict[str, Any], oops: Oops) -> dict[str, Any]:
    """Shown under the form's first input, so what they typed stays there to send again."""
    view = body.get("view") if isinstance(body.get("view"), dict) else {}
    inputs = [block.get("block_id") for block in (view or {}).get("blocks") or []
              if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id")]
    if inputs:
        return {"response_action": "errors", "errors": {str(inputs[0]): oops.text}}
    return {"response_action": "update", "view": {
        "type": "modal", "title": {"type": "plain_text", "text": "Amends"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [{"type": "section", "text": {"type": "plain_text", "text": oops.text}}]}}


def _tell_them(kind: str, body: dict[str, Any], context: AsyncBoltContext, oops: Oops,
               background: Background) -> None:
    event = body.get("event") if isinstance(body.get("event"), dict) else None
    if kind == "block_actions" and body.get("response_url") and context.respond is not None:
        background.run(context.respond(text=oops.text, response_type="ephemeral", replace_original=False),
                       "error notice")
    elif kind in ("shortcut", "message_action") and body.get("trigger_id") and context.client is not None:
        background.run(context.client.views_open(trigger_id=body["trigger_id"], view={
            "type": "modal", "title": {"type": "plain_text", "text": "Amends"},
            "close": {"type": "plain_text", "text": "Close"},
            "blocks": [{"type": "section", "text": {"type": "plain_text", "text": oops.text}}]}),
            "error notice")
    elif event is not None and context.client is not None and _a_person_is_waiting(event):
        channel, user = str(event["channel"]), str(event["user"])
        if event.get("channel_type") == "im":
            background.run(context.client.chat_postMessage(channel=channel, text=oops.text), "error notice")
        else:
            background.run(context.client.chat_postEphemeral(channel=channel, user=user, text=oops.text),
                           "error notice")


def _a_person_is_waiting(event: dict[str, Any]) -> bool:
    """A mention or a DM from a person expects an answer; App Home or a listened channel does not."""
    kind, channel, user = event.get("type"), event.get("channel"), event.get("user")
    if not (isinstance(channel, str) and isinstance(user, str) and channel and user):
        return False
    return kind == "app_mention" or (kind == "message" and event.get("channel_type") == "im"
                                     and not event.get("bot_id"))
