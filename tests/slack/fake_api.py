"""A local HTTP server that speaks the Slack Web API wire format.

Point the real slack_sdk clients at it::

    async with FakeSlackApi() as api:
        client = AsyncWebClient(token="xoxb-test", base_url=api.base_url)
        await client.chat_postMessage(channel="C1", text="hi", blocks=[...])
        assert api.calls_to("chat.postMessage")[0].params["blocks"][0]["type"] == "section"

``async with`` runs the server on the current event loop. ``with FakeSlackApi() as api:`` runs it on
a background thread with its own loop instead (for the synchronous ``WebClient`` or sync tests).
From a fixture: ``api = await FakeSlackApi().start()`` ... ``await api.stop()``.

It records every request as a :class:`Call` (``api.calls``, ``api.calls_to(method)``,
``await api.wait_for_call(method)``), answers like Slack for the methods the app uses, and can
inject failures (``fail_next``, ``set_error``, ``limit_per_channel``). Other methods can be
answered with ``api.register(method, handler)``; anything else gets ``unknown_method``.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from aiohttp import web

from tests.slack.fake import auth, chat, directory, files, views
from tests.slack.fake.auth import DEFAULT_BOT_SCOPES, DEFAULT_USER_SCOPES, OAuthCodes
from tests.slack.fake.blocks import MAX_MESSAGE_BLOCKS, MAX_VIEW_BLOCKS, block_errors
from tests.slack.fake.endpoints import PlainEndpoints
from tests.slack.fake.faults import Fault, FaultInjection, Reply
from tests.slack.fake.records import Call, CallLog, Handler, JsonDict, parse_call
from tests.slack.fake.server import LocalServer, wait_until
from tests.slack.fake.state import FIRST_TS, Identity, SlackState, UploadedFile

DEFAULT_TOKEN_PREFIXES = ("xoxb-", "xoxp-", "xapp-")
# Methods Slack authenticates with client credentials rather than a token.
NO_TOKEN_METHODS = frozenset({"oauth.v2.access", "oauth.access", "oauth.v2.exchange", "api.test"})

_BUILTIN: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    **auth.METHODS,
    **chat.METHODS,
    **directory.METHODS,
    **views.METHODS,
    **files.METHODS,
}


class FakeSlackApi(CallLog, FaultInjection, SlackState, OAuthCodes, PlainEndpoints, LocalServer):
    """Slack Web API on 127.0.0.1 (``base_url`` ends with ``/api/``)."""

    def __init__(
        self,
        *,
        valid_tokens: Iterable[str] | None = None,
        identity: Identity | None = None,
        validate_blocks: bool = True,
        strict: bool = False,
    ) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._calls: list[Call] = []
        self._faults: list[Fault] = []
        self._handlers: dict[str, Handler] = {}
        self._ts = itertools.count(FIRST_TS, 100)
        self._ids = itertools.count(1)

        # --- configuration (plain attributes; mutate freely from tests)
        self.valid_tokens: set[str] | None = set(valid_tokens) if valid_tokens is not None else None
        """None: any token starting with xoxb-/xoxp-/xapp- is valid. A set: only those tokens."""
        self.revoked_tokens: set[str] = set()
        self.identity: Identity = identity or Identity()
        """Default identity for bot tokens not registered in ``identities``."""
        self.identities: dict[str, Identity] = {}
        self.validate_blocks = validate_blocks
        """Reject messages/views breaking Slack's documented Block Kit limits (``invalid_blocks``)."""
        self.strict = strict
        """chat.update/chat.delete/views.update of unknown ts/view ids fail (else: accepted)."""
        self.users: dict[str, JsonDict] = {}
        """Per-user overrides for users.info, e.g. ``{"U1": {"tz": "America/New_York"}}``."""
        self.known_users_only = False
        """users.info for a user not in ``users`` answers ``user_not_found``."""
        self.usergroups: dict[str, JsonDict] = {}
        """``{"S123": {"handle": "managers", "users": ["U1", "U2"], "name"?: ..., "disabled"?: bool}}``."""
        self.oauth_codes: dict[str, JsonDict] = {}
        """code -> the exact oauth.v2.access answer (see :meth:`add_oauth_code`)."""
        self.used_oauth_codes: set[str] = set()
        self.client_id: str | None = None
        self.client_secret: str | None = None
        self.redirect_uri: str | None = None
        self.socket_url: str | None = None
        """What apps.connections.open answers (set to ``FakeSocketModeServer.url``)."""
        self.response_url_max_uses = 5

        # --- state
        self.messages: dict[str, dict[str, JsonDict]] = {}
        """channel -> ts -> message, for everything posted/updated through the fake."""
        self.views: dict[str, JsonDict] = {}
        self.home_views: dict[str, str] = {}
        """user_id -> view id of the published App Home."""
        self.files: dict[str, UploadedFile] = {}
        self.open_dms: set[str] = set()
        self.rate_limited: Counter[str] = Counter()
        """channel -> number of 429s answered by :meth:`limit_per_channel`."""
        self._channel_limit: tuple[float, Callable[[], float], frozenset[str]] | None = None
        self._last_post: dict[str, float] = {}
        self._response_url_uses: Counter[str] = Counter()

    # ------------------------------------------------------------------ urls

    @property
    def base_url(self) -> str:
        return f"{self.origin}/api/"

    def response_url(self, name: str = "default") -> str:
        return f"{self.origin}/response/{name}"

    # ------------------------------------------------------------------ configuration

    def reset(self) -> None:
        """Forget calls and pending faults (configuration and stored messages stay)."""
        with self._lock:
            self._calls.clear()
            self._faults.clear()

    def register(self, method: str, handler: Handler) -> None:
        """Answer ``method`` with ``handler(call) -> dict`` (sync or async); overrides built-ins."""
        self._handlers[method] = handler

    def add_user(self, user_id: str, **fields: Any) -> JsonDict:
        """Configure users.info for ``user_id`` (e.g. ``tz="America/New_York", real_name="Ann"``)."""
        self.users.setdefault(user_id, {}).update(fields)
        return self.user_info(user_id)

    def user_info(self, user_id: str) -> JsonDict:
        """The ``user`` object users.info answers for ``user_id``."""
        return directory.user_object(self, user_id)

    # ------------------------------------------------------------------ server

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name:.*}", self._response_url)
        app.router.add_post("/upload/v1/{file_id}", self._upload)
        app.router.add_get("/files-pri/{file_id}/{name}", self._download)
        return app

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = await parse_call(request, method)
        self._record(call)
        reply = await self._answer(call)
        return web.json_response(reply.body, status=reply.status, headers=reply.headers)

    async def _answer(self, call: Call) -> Reply:
        method = call.method
        channel = str(call.params.get("channel") or "") or None
        fault = self._take_fault(method, http_error=True, channel=channel)
        if fault is not None:
            headers: dict[str, str] = {}
            if fault.retry_after is not None and fault.status in (429, 503):
                headers["Retry-After"] = str(fault.retry_after)
            return Reply({"ok": False, "error": fault.error}, status=fault.status, headers=headers)

        handler = self._handler_for(method)
        if handler is None:
            return Reply({"ok": False, "error": "unknown_method", "req_method": method})

        if method not in NO_TOKEN_METHODS:
            auth_error = self._check_token(call.token)
            if auth_error is not None:
                return Reply({"ok": False, "error": auth_error})

        limited = self._check_channel_limit(call)
        if limited is not None:
            return limited

        fault = self._take_fault(method, http_error=False, channel=channel)
        if fault is not None:
            return Reply({"ok": False, "error": fault.error, **fault.extra})

        result = handler(call)
        if isinstance(result, Awaitable):
            result = await result
        return Reply(result)

    def _handler_for(self, method: str) -> Handler | None:
        custom = self._handlers.get(method)
        if custom is not None:
            return custom
        builtin = _BUILTIN.get(method)
        if builtin is None:
            return None
        return functools.partial(builtin, self)

    def _check_token(self, token: str | None) -> str | None:
        if not token:
            return "not_authed"
        if token in self.revoked_tokens:
            return "token_revoked"
        if self.valid_tokens is not None:
            return None if token in self.valid_tokens else "invalid_auth"
        return None if token.startswith(DEFAULT_TOKEN_PREFIXES) else "invalid_auth"


__all__ = [
    "Call",
    "DEFAULT_BOT_SCOPES",
    "DEFAULT_USER_SCOPES",
    "FIRST_TS",
    "MAX_MESSAGE_BLOCKS",
    "MAX_VIEW_BLOCKS",
    "FakeSlackApi",
    "Handler",
    "Identity",
    "JsonDict",
    "LocalServer",
    "UploadedFile",
    "block_errors",
    "wait_until",
]
