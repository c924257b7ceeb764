"""Builders for requests exactly as Slack sends them to our HTTP endpoints.

Every ``slash_command`` / ``interactivity`` / ``event_callback`` / ``url_verification``
call returns a :class:`SlackRequest` whose ``body`` and ``headers`` can be posted as-is::

    r = requests.slash_command(text="cold soup", response_url=api.response_url("cmd"))
    async with session.post(url, data=r.body, headers=r.headers) as resp: ...

Signatures are computed with the real ``slack_sdk.signature.SignatureVerifier``.
Pass ``signing_secret=`` / ``timestamp=`` to build bad or stale signatures.

The ``*_payload`` builders and the interactivity payload builders (``block_actions``,
``message_shortcut``, ``global_shortcut``, ``view_submission``, ``view_closed``) return plain
dicts so the same shapes can be sent over Socket Mode (see ``socket_server.py``).
Shapes follow Slack's documented payloads (docs.slack.dev/reference/interaction-payloads).
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from slack_sdk.signature import SignatureVerifier

# Identifiers shared with fake_api.FakeSlackApi defaults, so payloads and API answers agree.
SIGNING_SECRET = "amends-test-signing-secret"
VERIFICATION_TOKEN = "amends-deprecated-verification-token"
TEAM_ID = "T0001"
TEAM_NAME = "Amends Test"
TEAM_DOMAIN = "amends-test"
APP_ID = "A0001"
BOT_ID = "B0001"
BOT_USER_ID = "UBOT"
USER_ID = "U0001"
USER_NAME = "frontline"
CHANNEL_ID = "C0001"
CHANNEL_NAME = "general"

SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

_counter = itertools.count(1)


@dataclass(frozen=True)
class SlackRequest:
    """A signed request body plus the headers Slack would send with it."""

    body: bytes
    headers: dict[str, str]
    timestamp: int
    data: dict[str, Any] = field(default_factory=dict)
    """The un-encoded content: form fields (slash commands), the payload (interactivity) or the JSON body."""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def content_type(self) -> str:
        return self.headers["Content-Type"]

    def form(self) -> dict[str, str]:
        """The body decoded as a form (for x-www-form-urlencoded requests)."""
        return dict(parse_qsl(self.text, keep_blank_values=True))

    def tampered(self, body: bytes | str) -> SlackRequest:
        """Same headers (so the same signature), different body: must fail verification."""
        raw = body.encode("utf-8") if isinstance(body, str) else body
        return SlackRequest(body=raw, headers=dict(self.headers), timestamp=self.timestamp, data=self.data)


# --------------------------------------------------------------------------- ids


def new_trigger_id() -> str:
    """A trigger_id shaped like Slack's (``<digits>.<digits>.<hex>``)."""
    n = next(_counter)
    return f"{1_000_000_000_000 + n}.{1_000_000_000 + n}.{uuid.uuid4().hex[:24]}"


def new_event_id() -> str:
    return f"Ev{next(_counter):09d}"


def new_ts(at: float | None = None) -> str:
    """A unique message timestamp like ``1700000000.000123``."""
    seconds = int(time.time() if at is None else at)
    return f"{seconds}.{next(_counter) % 1_000_000:06d}"


def new_response_url(team_id: str = TEAM_ID) -> str:
    """A realistic (but unreachable from tests) hooks.slack.com response URL.

    Tests that exercise ``respond()`` should pass ``response_url=api.response_url(name)`` instead.
    """
    n = next(_counter)
    return f"https://hooks.slack.com/commands/{team_id}/{1_000_000_000 + n}/{uuid.uuid4().hex[:24]}"


# --------------------------------------------------------------------------- signing


def sign(
    body: bytes | str,
    *,
    content_type: str,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    extra_headers: Mapping[str, str] | None = None,
    data: Mapping[str, Any] | None = None,
) -> SlackRequest:
    """Sign ``body`` the way Slack does (v0 HMAC-SHA256 of ``v0:<timestamp>:<body>``)."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    ts = int(time.time()) if timestamp is None else int(timestamp)
    signature = SignatureVerifier(signing_secret).generate_signature(timestamp=str(ts), body=raw)
    assert signature is not None
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature,
        "User-Agent": SLACK_USER_AGENT,
        "Accept": "application/json,*/*",
    }
    if extra_headers:
        headers.update(extra_headers)
    return SlackRequest(body=raw, headers=headers, timestamp=ts, data=dict(data or {}))


# --------------------------------------------------------------------------- slash commands


def slash_command_payload(
    command: str = "/recover",
    text: str = "",
    team_id: str = TEAM_ID,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    response_url: str | None = None,
    trigger_id: str | None = None,
    *,
    team_domain: str = TEAM_DOMAIN,
    channel_name: str = CHANNEL_NAME,
    user_name: str = USER_NAME,
    api_app_id: str = APP_ID,
    enterprise_id: str | None = None,
    enterprise_name: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, str]:
    """The form fields of a slash command invocation (also the Socket Mode ``slash_commands`` payload)."""
    fields: dict[str, str] = {"token": VERIFICATION_TOKEN, "team_id": team_id, "team_domain": team_domain}
    if enterprise_id is not None:
        fields["enterprise_id"] = enterprise_id
        fields["enterprise_name"] = enterprise_name or "Amends Enterprise"
    fields.update(
        {
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_name,
            "command": command,
            "text": text,
            "api_app_id": api_app_id,
            "is_enterprise_install": "true" if is_enterprise_install else "false",
            "response_url": response_url or new_response_url(team_id),
            "trigger_id": trigger_id or new_trigger_id(),
        }
    )
    return fields


def slash_command(
    command: str = "/recover",
    text: str = "",
    team_id: str = TEAM_ID,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    response_url: str | None = None,
    trigger_id: str | None = None,
    *,
    team_domain: str = TEAM_DOMAIN,
    channel_name: str = CHANNEL_NAME,
    user_name: str = USER_NAME,
    api_app_id: str = APP_ID,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> SlackRequest:
    """A signed ``application/x-www-form-urlencoded`` slash command request."""
    fields = slash_command_payload(
        command,
        text,
        team_id=team_id,
        team_domain=team_domain,
        channel_id=channel_id,
        channel_name=channel_name,
        user_id=user_id,
        user_name=user_name,
        response_url=response_url,
        trigger_id=trigger_id,
        api_app_id=api_app_id,
        enterprise_id=enterprise_id,
        is_enterprise_install=is_enterprise_install,
    )
    return sign(urlencode(fields), content_type=FORM, signing_secret=signing_secret, timestamp=timestamp, data=fields)


# --------------------------------------------------------------------------- interactivity


def interactivity(
    payload: Mapping[str, Any],
    *,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> SlackRequest:
    """A signed interactivity request: form body ``payload=<json>``."""
    body = urlencode({"payload": json.dumps(payload, separators=(",", ":"))})
    return sign(body, content_type=FORM, signing_secret=signing_secret, timestamp=timestamp, data=dict(payload))


def _team(team_id: str, team_domain: str, enterprise_id: str | None) -> dict[str, Any]:
    team: dict[str, Any] = {"id": team_id, "domain": team_domain}
    if enterprise_id is not None:
        team["enterprise_id"] = enterprise_id
        team["enterprise_name"] = "Amends Enterprise"
    return team


def _enterprise(enterprise_id: str | None) -> dict[str, str] | None:
    return None if enterprise_id is None else {"id": enterprise_id, "name": "Amends Enterprise"}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


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
        act["text"] = _plain(action_text)
        if value is not None:
            act["value"] = value
    elif selected_option is not None:
        act["selected_option"] = dict(selected_option)
    elif action_type.endswith("static_select") and value is not None:
        act["selected_option"] = {"text": _plain(action_text), "value": value}
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
    payload["team"] = _team(team_id, team_domain, enterprise_id)
    payload["enterprise"] = _enterprise(enterprise_id)
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
        "team": _team(team_id, team_domain, enterprise_id),
        "user": {"id": user_id, "username": user_name, "team_id": team_id, "name": user_name},
        "channel": {"id": channel_id, "name": channel_name},
        "is_enterprise_install": is_enterprise_install,
        "enterprise": _enterprise(enterprise_id),
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
        "team": _team(team_id, team_domain, enterprise_id),
        "user": {"id": user_id, "username": user_name, "team_id": team_id},
        "is_enterprise_install": is_enterprise_install,
        "enterprise": _enterprise(enterprise_id),
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
    }


def modal_view(
    callback_id: str = "",
    *,
    view_id: str = "V0001",
    team_id: str = TEAM_ID,
    title: str = "Amends",
    blocks: list[dict[str, Any]] | None = None,
    private_metadata: str = "",
    state_values: Mapping[str, Any] | None = None,
    external_id: str = "",
    root_view_id: str | None = None,
    previous_view_id: str | None = None,
    view_hash: str | None = None,
    submit: str | None = "Submit",
    close: str | None = "Cancel",
    notify_on_close: bool = False,
    api_app_id: str = APP_ID,
    view_type: str = "modal",
) -> dict[str, Any]:
    """A view object as Slack includes it in view_submission / view_closed / block_actions payloads."""
    return {
        "id": view_id,
        "team_id": team_id,
        "type": view_type,
        "blocks": list(blocks or []),
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": dict(state_values or {})},
        "hash": view_hash or f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
        "title": _plain(title),
        "clear_on_close": False,
        "notify_on_close": notify_on_close,
        "close": _plain(close) if close is not None else None,
        "submit": _plain(submit) if submit is not None else None,
        "previous_view_id": previous_view_id,
        "root_view_id": root_view_id or view_id,
        "app_id": api_app_id,
        "external_id": external_id,
        "app_installed_team_id": team_id,
        "bot_id": BOT_ID,
    }


def view_submission(
    callback_id: str,
    state_values: Mapping[str, Any] | None = None,
    private_metadata: str = "",
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    view_id: str = "V0001",
    *,
    user_name: str = USER_NAME,
    team_domain: str = TEAM_DOMAIN,
    view: Mapping[str, Any] | None = None,
    title: str = "Amends",
    blocks: list[dict[str, Any]] | None = None,
    external_id: str = "",
    trigger_id: str | None = None,
    response_urls: list[dict[str, str]] | None = None,
    api_app_id: str = APP_ID,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any]:
    """A ``view_submission`` payload.

    ``state_values`` is Slack's ``view.state.values`` shape:
    ``{block_id: {action_id: {"type": "plain_text_input", "value": "..."}}}`` (see :func:`text_input`,
    :func:`static_select`, :func:`users_select`). Pass ``view=`` to submit an exact view dict instead.
    """
    v = (
        dict(view)
        if view is not None
        else modal_view(
            callback_id,
            view_id=view_id,
            team_id=team_id,
            title=title,
            blocks=blocks,
            private_metadata=private_metadata,
            state_values=state_values,
            external_id=external_id,
            api_app_id=api_app_id,
        )
    )
    return {
        "type": "view_submission",
        "team": _team(team_id, team_domain, enterprise_id),
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": v,
        "response_urls": list(response_urls or []),
        "is_enterprise_install": is_enterprise_install,
        "enterprise": _enterprise(enterprise_id),
    }


def view_closed(
    callback_id: str,
    private_metadata: str = "",
    *,
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    view_id: str = "V0001",
    is_cleared: bool = False,
    api_app_id: str = APP_ID,
) -> dict[str, Any]:
    """A ``view_closed`` payload (only sent for views opened with ``notify_on_close``)."""
    return {
        "type": "view_closed",
        "team": _team(team_id, team_domain, None),
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "view": modal_view(
            callback_id,
            view_id=view_id,
            team_id=team_id,
            private_metadata=private_metadata,
            notify_on_close=True,
            api_app_id=api_app_id,
        ),
        "is_cleared": is_cleared,
        "is_enterprise_install": False,
        "enterprise": None,
    }


# state.values entries ({block_id: {action_id: <one of these>}})


def text_input(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    if value is None:
        return {"type": "static_select", "selected_option": None}
    return {"type": "static_select", "selected_option": {"text": _plain(text or value), "value": value}}


def users_select(user_id: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user_id}


# --------------------------------------------------------------------------- Events API


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


def event_callback(
    event: Mapping[str, Any],
    team_id: str = TEAM_ID,
    event_id: str | None = None,
    retry_num: int | None = None,
    retry_reason: str = "http_timeout",
    *,
    api_app_id: str = APP_ID,
    event_time: int | None = None,
    enterprise_id: str | None = None,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> SlackRequest:
    """A signed JSON ``event_callback``; with ``retry_num`` it carries X-Slack-Retry-Num/-Reason."""
    body = event_callback_payload(
        event,
        team_id=team_id,
        event_id=event_id,
        api_app_id=api_app_id,
        event_time=event_time,
        enterprise_id=enterprise_id,
    )
    extra: dict[str, str] = {}
    if retry_num is not None:
        extra = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
    return sign(
        json.dumps(body),
        content_type=JSON,
        signing_secret=signing_secret,
        timestamp=timestamp,
        extra_headers=extra,
        data=body,
    )


def url_verification(
    challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    *,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> SlackRequest:
    """A signed ``url_verification`` handshake."""
    body = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    return sign(json.dumps(body), content_type=JSON, signing_secret=signing_secret, timestamp=timestamp, data=body)


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
