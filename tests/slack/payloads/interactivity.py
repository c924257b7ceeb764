"""Interactivity payloads: ``block_actions``, message shortcuts and global shortcuts.

Shapes follow Slack's documented payloads (docs.slack.dev/reference/interaction-payloads).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from tests.slack.ids import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    TEAM_DOMAIN,
    TEAM_ID,
    USER_ID,
    USER_NAME,
    VERIFICATION_TOKEN,
    new_response_url,
    new_trigger_id,
    new_ts,
)
from tests.slack.payloads.parts import enterprise, plain, team


def block_actions(
    action_id: str,
    value: str | None = None,
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    channel_id: str = CHANNEL_ID,
    message_ts: str | None = None,
    trigger_id: str | None = None,
    response_url: str | None = None,
    view: Mapping[str, Any] | None = None,
    block_id: str = "actions",
    *,
    user_name: str = USER_NAME,
    team_domain: str = TEAM_DOMAIN,
    channel_name: str = CHANNEL_NAME,
    message: Mapping[str, Any] | None = None,
    action_type: str = "button",
    action_text: str = "Button",
    selected_option: Mapping[str, Any] | None = None,
    action: Mapping[str, Any] | None = None,
    state_values: Mapping[str, Any] | None = None,
    is_ephemeral: bool = False,
    api_app_id: str = APP_ID,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any]:
    """A ``block_actions`` payload.

    Without ``view`` the action comes from a message in ``channel_id`` (container type ``message``,
    with ``channel``, ``message`` and ``response_url``). With ``view`` (a view dict as returned by
    ``views.open``/``views.publish`` or :func:`modal_view`) it comes from that modal/home tab
    (container type ``view``; no channel, message or response_url).
    ``action`` entries override/extend the generated action element.
    """
    now = time.time()
    act: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "type": action_type}
    if action_type == "button":
        act["text"] = plain(action_text)
        if value is not None:
            act["value"] = value
    elif selected_option is not None:
        act["selected_option"] = dict(selected_option)
    elif action_type.endswith("static_select") and value is not None:
        act["selected_option"] = {"text": plain(action_text), "value": value}
    elif value is not None:
        act["value"] = value
    act["action_ts"] = f"{now:.6f}"
    if action:
        act.update(action)

    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
    }
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id", "V0001")}
    else:
        ts = message_ts or (str(message["ts"]) if message and "ts" in message else new_ts())
        payload["container"] = {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel_id,
            "is_ephemeral": is_ephemeral,
        }
    payload["trigger_id"] = trigger_id or new_trigger_id()
    payload["team"] = team(team_id, team_domain, enterprise_id)
    payload["enterprise"] = enterprise(enterprise_id)
    payload["is_enterprise_install"] = is_enterprise_install
    if view is not None:
        payload["view"] = dict(view)
    else:
        ts = payload["container"]["message_ts"]
        payload["channel"] = {"id": channel_id, "name": channel_name}
        if not is_ephemeral:
            payload["message"] = (
                dict(message)
                if message is not None
                else {
                    "type": "message",
                    "subtype": "bot_message",
                    "text": "",
                    "user": BOT_USER_ID,
                    "bot_id": BOT_ID,
                    "app_id": api_app_id,
                    "team": team_id,
                    "ts": ts,
                    "blocks": [],
                }
            )
        payload["state"] = {"values": dict(state_values or {})}
        payload["response_url"] = response_url or new_response_url(team_id).replace("/commands/", "/actions/")
    payload["actions"] = [act]
    return payload


def message_shortcut(
    callback_id: str,
    message_text: str = "",
    message_ts: str | None = None,
    channel_id: str = CHANNEL_ID,
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
    *,
    message_user_id: str = "U0002",
    message_blocks: list[dict[str, Any]] | None = None,
    thread_ts: str | None = None,
    user_name: str = USER_NAME,
    team_domain: str = TEAM_DOMAIN,
    channel_name: str = CHANNEL_NAME,
    response_url: str | None = None,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any]:
    """A ``message_action`` payload (a message shortcut run on a message by ``message_user_id``)."""
    ts = message_ts or new_ts()
    message: dict[str, Any] = {
        "client_msg_id": str(uuid.uuid4()),
        "type": "message",
        "text": message_text,
        "user": message_user_id,
        "ts": ts,
        "team": team_id,
        "blocks": message_blocks
        if message_blocks is not None
        else [
            {
                "type": "rich_text",
                "block_id": uuid.uuid4().hex[:5],
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": message_text}]}],
            }
        ],
    }
    if thread_ts is not None:
        message["thread_ts"] = thread_ts
    return {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": team(team_id, team_domain, enterprise_id),
        "user": {"id": user_id, "username": user_name, "team_id": team_id, "name": user_name},
        "channel": {"id": channel_id, "name": channel_name},
        "is_enterprise_install": is_enterprise_install,
        "enterprise": enterprise(enterprise_id),
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
        "response_url": response_url or new_response_url(team_id).replace("/commands/", "/app/"),
        "message_ts": ts,
        "message": message,
    }


def global_shortcut(
    callback_id: str,
    *,
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    trigger_id: str | None = None,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any]:
    """A global ``shortcut`` payload (no channel, no response_url)."""
    return {
        "type": "shortcut",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": team(team_id, team_domain, enterprise_id),
        "user": {"id": user_id, "username": user_name, "team_id": team_id},
        "is_enterprise_install": is_enterprise_install,
        "enterprise": enterprise(enterprise_id),
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
    }
