"""Builders for requests exactly as Slack sends them to our HTTP endpoints.

Every ``slash_command`` / ``interactivity`` / ``event_callback`` / ``url_verification``
call returns a :class:`SlackRequest` whose ``body`` and ``headers`` can be posted as-is::

    r = requests.slash_command(text="cold soup", response_url=api.response_url("cmd"))
    async with session.post(url, data=r.body, headers=r.headers) as resp: ...

Signatures are Slack's v0 HMAC-SHA256 over the raw bytes (the same as
``slack_sdk.signature.SignatureVerifier``, which the harness tests check them against, but also
for bodies that are not UTF-8). Pass ``signing_secret=`` / ``timestamp=`` to build bad or stale
signatures, or use :func:`unsigned`.

The ``*_payload`` builders and the interactivity payload builders (``block_actions``,
``message_shortcut``, ``global_shortcut``, ``view_submission``, ``view_closed``) return plain
dicts so the same shapes can be sent over Socket Mode (see ``socket_server.py``); they live in
``tests/slack/payloads/`` and are re-exported here, as are the identifiers of ``tests/slack/ids.py``.
Shapes follow Slack's documented payloads (docs.slack.dev/reference/interaction-payloads).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from tests.slack.ids import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    SIGNING_SECRET,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    USER_ID,
    USER_NAME,
    VERIFICATION_TOKEN,
    new_event_id,
    new_response_url,
    new_trigger_id,
    new_ts,
)
from tests.slack.payloads.commands import slash_command_payload
from tests.slack.payloads.events import app_home_opened_event, app_mention_event, event_callback_payload, message_event
from tests.slack.payloads.interactivity import block_actions, global_shortcut, message_shortcut
from tests.slack.payloads.views import modal_view, static_select, text_input, users_select, view_closed, view_submission

SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


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
    digest = hmac.new(signing_secret.encode(), f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()
    signature = f"v0={digest}"
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


def unsigned(body: bytes | str, *, content_type: str | None = None, **headers: str) -> SlackRequest:
    """A request as anyone could send it: no Slack signature headers at all."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    sent = {"User-Agent": "curl/8.5.0", **headers}
    if content_type is not None:
        sent["Content-Type"] = content_type
    return SlackRequest(body=raw, headers=sent, timestamp=0)


# --------------------------------------------------------------------------- signed requests


def slash_command(
    command: str = "/recover",
    text: str = "",
    *,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    **fields: Any,
) -> SlackRequest:
    """A signed ``application/x-www-form-urlencoded`` slash command request.

    ``fields`` are :func:`slash_command_payload`'s (``user_id=``, ``channel_id=``, ``response_url=``...).
    """
    form = slash_command_payload(command, text, **fields)
    return sign(urlencode(form), content_type=FORM, signing_secret=signing_secret, timestamp=timestamp, data=form)


def interactivity(
    payload: Mapping[str, Any],
    *,
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> SlackRequest:
    """A signed interactivity request: form body ``payload=<json>``."""
    body = urlencode({"payload": json.dumps(payload, separators=(",", ":"))})
    return sign(body, content_type=FORM, signing_secret=signing_secret, timestamp=timestamp, data=dict(payload))


def event_callback(
    event: Mapping[str, Any],
    *,
    retry_num: int | None = None,
    retry_reason: str = "http_timeout",
    signing_secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    **fields: Any,
) -> SlackRequest:
    """A signed JSON ``event_callback``; with ``retry_num`` it carries X-Slack-Retry-Num/-Reason.

    ``fields`` are :func:`event_callback_payload`'s (``team_id=``, ``event_id=``, ``enterprise_id=``...).
    """
    body = event_callback_payload(event, **fields)
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


__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "CHANNEL_ID",
    "CHANNEL_NAME",
    "FORM",
    "JSON",
    "SIGNING_SECRET",
    "SLACK_USER_AGENT",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "TEAM_NAME",
    "USER_ID",
    "USER_NAME",
    "VERIFICATION_TOKEN",
    "SlackRequest",
    "app_home_opened_event",
    "app_mention_event",
    "block_actions",
    "event_callback",
    "event_callback_payload",
    "global_shortcut",
    "interactivity",
    "message_event",
    "message_shortcut",
    "modal_view",
    "new_event_id",
    "new_response_url",
    "new_trigger_id",
    "new_ts",
    "sign",
    "slash_command",
    "slash_command_payload",
    "static_select",
    "text_input",
    "unsigned",
    "url_verification",
    "users_select",
    "view_closed",
    "view_submission",
]
