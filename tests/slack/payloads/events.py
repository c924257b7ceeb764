"""Events API payloads: the ``event_callback`` envelope and the events the app handles."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from tests.slack.ids import (
    APP_ID,
    BOT_USER_ID,
    CHANNEL_ID,
    TEAM_ID,
    USER_ID,
    VERIFICATION_TOKEN,
    new_event_id,
    new_ts,
)


def event_callback_payload(
    event: Mapping[str, Any],
    *,
    team_id: str = TEAM_ID,
    event_id: str | None = None,
    api_app_id: str = APP_ID,
    event_time: int | None = None,
    bot_user_id: str = BOT_USER_ID,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any]:
    """The JSON body of an Events API ``event_callback`` (also the Socket Mode ``events_api`` payload)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "enterprise_id": enterprise_id,
        "api_app_id": api_app_id,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": enterprise_id,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": is_enterprise_install,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{uuid.uuid4().hex}",
    }


def message_event(
    text: str,
    *,
    user_id: str = USER_ID,
    channel_id: str = "D0001",
    channel_type: str = "im",
    ts: str | None = None,
    thread_ts: str | None = None,
    team_id: str = TEAM_ID,
    subtype: str | None = None,
    bot_id: str | None = None,
) -> dict[str, Any]:
    """A ``message`` event (default: a DM from ``user_id`` to the bot)."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "user": user_id,
        "text": text,
        "ts": ts,
        "team": team_id,
        "channel": channel_id,
        "event_ts": ts,
        "channel_type": channel_type,
        "client_msg_id": str(uuid.uuid4()),
        "blocks": [
            {
                "type": "rich_text",
                "block_id": uuid.uuid4().hex[:5],
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
            }
        ],
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    if subtype is not None:
        event["subtype"] = subtype
    if bot_id is not None:
        event["bot_id"] = bot_id
        event.pop("client_msg_id")
    return event


def app_mention_event(
    text: str,
    *,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    ts: str | None = None,
    thread_ts: str | None = None,
    team_id: str = TEAM_ID,
    bot_user_id: str = BOT_USER_ID,
) -> dict[str, Any]:
    """An ``app_mention`` event; ``text`` is prefixed with ``<@UBOT>`` unless it already mentions the bot."""
    mention = f"<@{bot_user_id}>"
    full = text if mention in text else f"{mention} {text}"
    event = message_event(full, user_id=user_id, channel_id=channel_id, ts=ts, thread_ts=thread_ts, team_id=team_id)
    event["type"] = "app_mention"
    event.pop("channel_type")
    return event


def app_home_opened_event(
    user_id: str = USER_ID,
    *,
    channel_id: str | None = None,
    tab: str = "home",
    view: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user_id,
        "channel": channel_id or f"D{user_id}",
        "tab": tab,
        "event_ts": f"{time.time():.6f}",
    }
    if view is not None:
        event["view"] = dict(view)
    return event
