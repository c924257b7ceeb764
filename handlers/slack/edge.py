"""The Slack HTTP edge: what reaches Bolt was signed by Slack, is UTF-8, and parses as an object.

Bolt's aiohttp adapter decodes the body before the signature is checked, and Bolt parses it in
the request's constructor, so a body that is not UTF-8, broken JSON, `[]` or `null`, or a
`payload=` that is not JSON used to end as a 500. Here the signature is checked on the raw bytes
first (401, changing nothing), then the body is decoded and parsed with Bolt's own parser, and
its fields checked to be of the kinds Bolt reads them as (handlers/slack/envelope.py): 400 when
either fails. Only then does Bolt see it, and check the signature again: its request
verification is never switched off. Bodies above MAX_BODY are refused by aiohttp (413) before
any of this.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.request.internals import build_normalized_headers, extract_content_type, parse_body

from handlers.slack import envelope

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
"""Slack's largest payloads (a modal's state) are a few hundred kB; anything bigger is not Slack."""
MAX_AGE = 5 * 60
"""Slack's own window: a request signed more than five minutes ago (or ahead) is a replay."""


def signed_by_slack(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> bool:
    """Slack's v0 signature, checked on the bytes as they arrived (slack_sdk's verifier decodes
    them as UTF-8 first, which raises on anything else)."""
    if not (timestamp.isascii() and timestamp.isdigit()) or abs(now - int(timestamp)) > MAX_AGE:
        return False
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def caller_error(status: int, error: str) -> web.Response:
    return web.json_response({"ok": False, "error": error}, status=status)


def events_endpoint(bolt: AsyncApp, signing_secret: str,
                    now: Callable[[], float] = time.time) -> Callable[[web.Request], Any]:
    """POST /slack/events for HTTP mode (Socket Mode never mounts it)."""

    async def slack_events(request: web.Request) -> web.StreamResponse:
        raw = await request.read()  # over MAX_BODY: aiohttp answers 413
        headers = build_normalized_headers({key: value for key, value in request.headers.items()})
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not signed_by_slack(signing_secret, raw, timestamp, signature, now()):
            return caller_error(401, "invalid request: not signed by Slack, or signed too long ago")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return caller_error(400, "the body is not UTF-8")
        payload = _payload(text, extract_content_type(headers))
        if payload is None:
            return caller_error(400, "the body is not a JSON object, a form, or a payload= holding one")
        wrong = envelope.problem(payload)
        if wrong is not None:
            return caller_error(400, f"the body is not shaped like a Slack request: {wrong}")
        bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=dict(headers))
        _parsed_as(bolt_request, payload)
        return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))

    return slack_events


def _payload(text: str, content_type: str | None) -> dict[str, Any] | None:
    """What Bolt will parse the body into, or None when Bolt could not (the caller's error)."""
    try:
        parsed = parse_body(text, content_type)
    except (ValueError, RecursionError):  # json.JSONDecodeError is a ValueError
        return None
    if not isinstance(parsed, dict) or not text:
        return None
    if not parsed and "payload" in text:
        # Bolt's parser reads any form mentioning "payload" (a slash command's text, a channel
        # or workspace name) as an interactivity payload and loses the whole form; keep it.
        return dict(parse_qsl(text, keep_blank_values=True)) or None
    return parsed


def _parsed_as(bolt_request: AsyncBoltRequest, payload: dict[str, Any]) -> None:
    if bolt_request.body != payload:
        bolt_request.body = payload
        bolt_request.context = build_async_context(AsyncBoltContext({}), payload)


def oauth_endpoint(bolt: AsyncApp) -> Callable[[web.Request], Any]:
    """GET /slack/install and /slack/oauth_redirect: Bolt's OAuth flow, state checked by Bolt."""

    async def slack_oauth(request: web.Request) -> web.StreamResponse:
        flow = bolt.oauth_flow
        assert flow is not None, "mounted only with OAuth settings"
        bolt_request = AsyncBoltRequest(body="", query=request.query_string,
                                        headers={key: value for key, value in request.headers.items()})
        if request.path == flow.install_path:
            return await to_aiohttp_response(await flow.handle_installation(bolt_request))
        return await to_aiohttp_response(await flow.handle_callback(bolt_request))

    return slack_oauth


def routes(bolt: AsyncApp, *, http_signing_secret: str | None, oauth: bool) -> list[web.RouteDef]:
    """HTTP mode: /slack/events (and OAuth when set up); Socket Mode (http_signing_secret None):
    OAuth only.

    Requests over Socket Mode arrive on Slack's own authenticated WebSocket; an HTTP endpoint
    beside it would be a door nobody checks, so none is mounted."""
    found: list[web.RouteDef] = []
    if http_signing_secret:
        found.append(web.post("/slack/events", events_endpoint(bolt, http_signing_secret)))
    if oauth:
        found += [web.get("/slack/install", oauth_endpoint(bolt), allow_head=False),
                  web.get("/slack/oauth_redirect", oauth_endpoint(bolt), allow_head=False)]
    return found

