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

import asyncio
import base64
import binascii
import functools
import itertools
import json
import math
import mimetypes
import threading
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiohttp import web
from multidict import MultiDictProxy

from tests.slack.requests import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    USER_ID,
)

T = TypeVar("T")
JsonDict = dict[str, Any]
Handler = Callable[["Call"], JsonDict | Awaitable[JsonDict]]

DEFAULT_TOKEN_PREFIXES = ("xoxb-", "xoxp-", "xapp-")
DEFAULT_BOT_SCOPES = "commands,chat:write,im:write,users:read,usergroups:read,files:write"
DEFAULT_USER_SCOPES = "identity.basic"
# Methods Slack authenticates with client credentials rather than a token.
NO_TOKEN_METHODS = frozenset({"oauth.v2.access", "oauth.access", "oauth.v2.exchange", "api.test"})
FIRST_TS = 1_700_000_000_000_100  # microseconds -> "1700000000.000100"

_TZ_LABELS = {
    "Europe/Paris": ("Central European Time", "Central European Summer Time"),
    "Europe/London": ("Greenwich Mean Time", "British Summer Time"),
    "America/New_York": ("Eastern Standard Time", "Eastern Daylight Time"),
    "America/Los_Angeles": ("Pacific Standard Time", "Pacific Daylight Time"),
    "UTC": ("Coordinated Universal Time", "Coordinated Universal Time"),
}


# =========================================================================== plumbing


class LocalServer:
    """An aiohttp application on 127.0.0.1 and a free port.

    ``async with`` / ``start()``+``stop()``: runs on the caller's event loop.
    ``with`` / ``start_in_thread()``+``stop_thread()``: runs on a private loop in a daemon thread.
    """

    host = "127.0.0.1"

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def build_app(self) -> web.Application:
        raise NotImplementedError

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError(f"{type(self).__name__} is not running")
        return self._port

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> Self:
        if self._runner is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        runner = web.AppRunner(self.build_app(), access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, self.host, 0)
        await site.start()
        address = runner.addresses[0]
        self._port = int(address[1])
        self._runner = runner
        self._loop = asyncio.get_running_loop()
        return self

    async def before_stop(self) -> None:
        """Hook: close long-lived connections (websockets) before the runner shuts down."""

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is None:
            return
        await self.before_stop()
        await runner.cleanup()
        self._loop = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ---- threaded mode

    def start_in_thread(self, timeout: float = 10.0) -> Self:
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name=f"{type(self).__name__}-loop", daemon=True)
        thread.start()
        self._thread = thread
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
            loop.close()
            self._thread = None
            raise
        return self

    def stop_thread(self, timeout: float = 10.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
            loop.close()
            self._thread = None
            self._loop = None

    def __enter__(self) -> Self:
        return self.start_in_thread()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop_thread()

    async def on_server_loop(self, coro: Awaitable[T]) -> T:
        """Await ``coro`` on the server's loop (a no-op hop unless running in threaded mode)."""
        loop = self._loop
        if loop is None or loop is asyncio.get_running_loop():
            return await coro
        future = asyncio.run_coroutine_threadsafe(_as_coroutine(coro), loop)
        return await asyncio.wrap_future(future)


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


async def wait_until(
    probe: Callable[[], T | None], *, timeout: float, describe: Callable[[], str], interval: float = 0.005
) -> T:
    """Poll ``probe`` (thread-safe; works whichever loop/thread the server runs on) until it returns non-None."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(describe())
        await asyncio.sleep(interval)


# =========================================================================== records


@dataclass
class Call:
    """One request the fake received.

    ``params`` merges query string and body (form or JSON); form values holding JSON objects/arrays
    (``blocks``, ``attachments``, ``view``, ``files``...) are decoded. The token (Bearer header or
    ``token`` param) is in ``token``, not in ``params``; HTTP Basic client credentials (oauth) are
    added to ``params`` as ``client_id``/``client_secret``.
    """

    method: str
    params: dict[str, Any]
    token: str | None
    headers: dict[str, str]
    http_method: str = "POST"
    body: bytes = b""


@dataclass
class Identity:
    """Who a token belongs to (drives auth.test, team.info and message authorship)."""

    team_id: str = TEAM_ID
    team_name: str = TEAM_NAME
    team_domain: str = TEAM_DOMAIN
    user_id: str = BOT_USER_ID
    user_name: str = "amends"
    bot_id: str | None = BOT_ID
    app_id: str = APP_ID
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    is_enterprise_install: bool = False

    @property
    def url(self) -> str:
        return f"https://{self.team_domain}.slack.com/"


@dataclass
class UploadedFile:
    id: str
    filename: str
    length: int
    alt_txt: str | None = None
    snippet_type: str | None = None
    data: bytes | None = None
    title: str | None = None
    completed: bool = False
    channel_id: str | None = None
    channels: list[str] = field(default_factory=list)
    initial_comment: str | None = None
    thread_ts: str | None = None

    @property
    def mimetype(self) -> str:
        return _sniff_mimetype(self.data or b"", self.filename)


@dataclass
class _Fault:
    method: str
    remaining: int
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    extra: JsonDict = field(default_factory=dict)

    def matches(self, method: str) -> bool:
        return self.remaining > 0 and self.method in (method, "*")


@dataclass
class _Reply:
    body: JsonDict
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def _sniff_mimetype(data: bytes, filename: str) -> str:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "text/plain"


def _decode_value(value: Any) -> Any:
    """Form values that hold JSON objects/arrays become Python objects; everything else is kept."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json.loads(stripped)
            except ValueError:
                return value
    return value


def _truthy(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "yes")


def _plain_text(text: Any) -> str:
    if isinstance(text, dict):
        return str(text.get("text", ""))
    return "" if text is None else str(text)


# =========================================================================== the fake


class FakeSlackApi(LocalServer):
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
        self._faults: list[_Fault] = []
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

    # ------------------------------------------------------------------ records

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, *methods: str) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if c.method in methods]

    def last_call(self, method: str) -> Call:
        found = self.calls_to(method)
        if not found:
            raise LookupError(f"no call to {method}; calls so far: {[c.method for c in self.calls]}")
        return found[-1]

    def responses(self, name: str = "default") -> list[Call]:
        """What was POSTed to ``response_url(name)``."""
        return self.calls_to(f"response_url:{name}")

    async def wait_for_call(
        self,
        method: str,
        *,
        count: int = 1,
        timeout: float = 5.0,
        where: Callable[[Call], bool] | None = None,
    ) -> Call:
        """Wait until ``count`` calls to ``method`` (matching ``where``) arrived; return the ``count``-th."""

        def probe() -> Call | None:
            found = [c for c in self.calls_to(method) if where is None or where(c)]
            return found[count - 1] if len(found) >= count else None

        def describe() -> str:
            return f"waited {timeout}s for {count} call(s) to {method}; got {[c.method for c in self.calls]}"

        return await wait_until(probe, timeout=timeout, describe=describe)

    def reset(self) -> None:
        """Forget calls and pending faults (configuration and stored messages stay)."""
        with self._lock:
            self._calls.clear()
            self._faults.clear()

    # ------------------------------------------------------------------ configuration helpers

    def register(self, method: str, handler: Handler) -> None:
        """Answer ``method`` with ``handler(call) -> dict`` (sync or async); overrides built-ins."""
        self._handlers[method] = handler

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int | None = 1,
        times: int = 1,
        error: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls to ``method`` (``"*"``: any) with HTTP ``status``.

        429 answers carry ``Retry-After: retry_after`` and ``{"ok": false, "error": "ratelimited"}``.
        """
        if error is None:
            error = {429: "ratelimited", 500: "internal_error", 503: "service_unavailable"}.get(
                status, "request_timeout" if status in (408, 504) else f"http_{status}"
            )
        with self._lock:
            self._faults.append(
                _Fault(method=method, remaining=times, status=status, error=error, retry_after=retry_after)
            )

    def set_error(self, method: str, error: str, times: int = 1, **extra: Any) -> None:
        """Answer the next ``times`` calls to ``method`` with HTTP 200 ``{"ok": false, "error": error, **extra}``."""
        with self._lock:
            self._faults.append(_Fault(method=method, remaining=times, status=200, error=error, extra=extra))

    def limit_per_channel(
        self,
        per_second: float | None = 1.0,
        clock: Callable[[], float] = time.monotonic,
        methods: Iterable[str] = ("chat.postMessage",),
    ) -> None:
        """Answer posts to a channel with 429 + Retry-After when they come faster than ``per_second``.

        A post is accepted when at least ``1/per_second`` seconds (by ``clock``) passed since the last
        *accepted* post to that channel. ``Retry-After`` is the remaining wait rounded up (>= 1 s).
        ``per_second=None`` turns the limiter off.
        """
        self._last_post.clear()
        if per_second is None:
            self._channel_limit = None
            return
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self._channel_limit = (per_second, clock, frozenset(methods))

    def add_user(self, user_id: str, **fields: Any) -> JsonDict:
        """Configure users.info for ``user_id`` (e.g. ``tz="America/New_York", real_name="Ann"``)."""
        self.users.setdefault(user_id, {}).update(fields)
        return self.user_info(user_id)

    def add_oauth_code(
        self,
        code: str = "test-code",
        *,
        team_id: str = TEAM_ID,
        team_name: str = TEAM_NAME,
        installer_user_id: str = USER_ID,
        bot_user_id: str = BOT_USER_ID,
        bot_id: str = BOT_ID,
        app_id: str = APP_ID,
        scope: str = DEFAULT_BOT_SCOPES,
        user_scope: str = DEFAULT_USER_SCOPES,
        access_token: str | None = None,
        user_token: str | None = None,
        enterprise_id: str | None = None,
        enterprise_name: str | None = None,
        is_enterprise_install: bool = False,
    ) -> JsonDict:
        """Make ``code`` redeemable once via oauth.v2.access; returns the answer it will give.

        The bot token it issues is bound to that team (auth.test answers with it); with a
        ``valid_tokens`` set, the issued tokens become valid when the code is redeemed.
        """
        n = next(self._ids)
        bot_token = access_token or f"xoxb-{team_id}-{n:04d}-{uuid.uuid4().hex[:24]}"
        answer: JsonDict = {
            "ok": True,
            "app_id": app_id,
            "authed_user": {"id": installer_user_id},
            "scope": scope,
            "token_type": "bot",
            "access_token": bot_token,
            "bot_user_id": bot_user_id,
            "team": {"id": team_id, "name": team_name},
            "enterprise": None
            if enterprise_id is None
            else {"id": enterprise_id, "name": enterprise_name or "Amends Enterprise"},
            "is_enterprise_install": is_enterprise_install,
        }
        if user_scope:
            answer["authed_user"] = {
                "id": installer_user_id,
                "scope": user_scope,
                "access_token": user_token or f"xoxp-{team_id}-{n:04d}-{uuid.uuid4().hex[:24]}",
                "token_type": "user",
            }
        self.oauth_codes[code] = answer
        self.identities[bot_token] = Identity(
            team_id=team_id,
            team_name=team_name,
            team_domain=team_name.lower().replace(" ", "-"),
            user_id=bot_user_id,
            bot_id=bot_id,
            app_id=app_id,
            enterprise_id=enterprise_id,
            enterprise_name=enterprise_name,
            is_enterprise_install=is_enterprise_install,
        )
        return answer

    def message(self, channel: str, ts: str) -> JsonDict:
        return self.messages[channel][ts]

    def channel_messages(self, channel: str) -> list[JsonDict]:
        return [m for _, m in sorted(self.messages.get(channel, {}).items())]

    def uploaded(self) -> list[UploadedFile]:
        """Files whose bytes were uploaded, in upload order."""
        return [f for f in self.files.values() if f.data is not None]

    # ------------------------------------------------------------------ server

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name:.*}", self._response_url)
        app.router.add_post("/upload/v1/{file_id}", self._upload)
        app.router.add_get("/files-pri/{file_id}/{name}", self._download)
        return app

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)

    def _take_fault(self, method: str, *, http_error: bool) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method) and (fault.status != 200) == http_error:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    async def _parse(self, request: web.Request, method: str) -> Call:
        params: dict[str, Any] = {}
        body = b""

        def merge(items: Iterable[tuple[str, Any]]) -> None:
            for key, value in items:
                params[key] = _decode_value(value)

        merge(request.query.items())
        if request.content_type.startswith("multipart/"):
            form: MultiDictProxy[Any] = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    content = value.file.read()
                    params[key] = {"filename": value.filename, "content": content}
                else:
                    merge([(key, value)])
        elif request.can_read_body:
            body = await request.read()
            if request.content_type == "application/json" and body:
                data = json.loads(body)
                if isinstance(data, dict):
                    params.update(data)
            elif body:
                merge(parse_qsl(body.decode("utf-8"), keep_blank_values=True))

        headers = {k: v for k, v in request.headers.items()}
        token: str | None = None
        auth = request.headers.get("Authorization", "")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
            params.pop("token", None)
        elif auth.lower().startswith("basic "):
            try:
                client_id, _, secret = base64.b64decode(auth[6:].strip()).decode().partition(":")
            except (ValueError, binascii.Error):
                client_id, secret = "", ""
            params.setdefault("client_id", client_id)
            params.setdefault("client_secret", secret)
        if token is None and "token" in params:
            token = str(params.pop("token"))
        return Call(method=method, params=params, token=token, headers=headers, http_method=request.method, body=body)

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = await self._parse(request, method)
        self._record(call)
        reply = await self._answer(call)
        return web.json_response(reply.body, status=reply.status, headers=reply.headers)

    async def _answer(self, call: Call) -> _Reply:
        method = call.method
        fault = self._take_fault(method, http_error=True)
        if fault is not None:
            headers: dict[str, str] = {}
            if fault.retry_after is not None and fault.status in (429, 503):
                headers["Retry-After"] = str(fault.retry_after)
            return _Reply({"ok": False, "error": fault.error}, status=fault.status, headers=headers)

        handler = self._handler_for(method)
        if handler is None:
            return _Reply({"ok": False, "error": "unknown_method", "req_method": method})

        if method not in NO_TOKEN_METHODS:
            auth_error = self._check_token(call.token)
            if auth_error is not None:
                return _Reply({"ok": False, "error": auth_error})

        limited = self._check_channel_limit(call)
        if limited is not None:
            return limited

        fault = self._take_fault(method, http_error=False)
        if fault is not None:
            return _Reply({"ok": False, "error": fault.error, **fault.extra})

        result = handler(call)
        if isinstance(result, Awaitable):
            result = await result
        return _Reply(result)

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

    def _check_channel_limit(self, call: Call) -> _Reply | None:
        if self._channel_limit is None:
            return None
        per_second, clock, methods = self._channel_limit
        channel = call.params.get("channel")
        if call.method not in methods or not channel:
            return None
        channel = str(channel)
        now = clock()
        interval = 1.0 / per_second
        with self._lock:
            last = self._last_post.get(channel)
            if last is not None and now - last < interval:
                wait = interval - (now - last)
                self.rate_limited[channel] += 1
                retry_after = max(1, math.ceil(wait - 1e-9))
                return _Reply(
                    {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(retry_after)}
                )
            self._last_post[channel] = now
        return None

    # ------------------------------------------------------------------ non-API endpoints

    async def _response_url(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        body = await request.read()
        params: dict[str, Any] = {}
        if body:
            if request.content_type == "application/json":
                data = json.loads(body)
                params = data if isinstance(data, dict) else {"body": data}
            else:
                params = {k: _decode_value(v) for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True)}
                if isinstance(params.get("payload"), dict):
                    params = params["payload"]
        self._record(
            Call(
                method=f"response_url:{name}",
                params=params,
                token=None,
                headers=dict(request.headers.items()),
                body=body,
            )
        )
        self._response_url_uses[name] += 1
        if self._response_url_uses[name] > self.response_url_max_uses:
            return web.json_response({"ok": False, "error": "used_url"})
        return web.json_response({"ok": True})

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            part = form.get("file") or form.get("filename")
            data = part.file.read() if isinstance(part, web.FileField) else str(part or "").encode()
            body = data
        else:
            data = body = await request.read()
        self._record(
            Call(
                method=f"upload_url:{file_id}",
                params={"file_id": file_id, "size": len(data)},
                token=None,
                headers=dict(request.headers.items()),
                body=body,
            )
        )
        upload = self.files.get(file_id)
        if upload is None:
            return web.Response(status=404, text="file_not_found", content_type="text/plain")
        upload.data = data
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def _download(self, request: web.Request) -> web.Response:
        upload = self.files.get(request.match_info["file_id"])
        if upload is None or upload.data is None:
            return web.Response(status=404)
        return web.Response(body=upload.data, content_type=upload.mimetype)

    # ------------------------------------------------------------------ helpers for handlers

    def identity_for(self, token: str | None) -> Identity:
        if token and token in self.identities:
            return self.identities[token]
        if token and token.startswith("xoxp-"):
            base = self.identity
            return Identity(
                team_id=base.team_id,
                team_name=base.team_name,
                team_domain=base.team_domain,
                user_id=USER_ID,
                user_name="installer",
                bot_id=None,
                app_id=base.app_id,
                enterprise_id=base.enterprise_id,
                enterprise_name=base.enterprise_name,
                is_enterprise_install=base.is_enterprise_install,
            )
        return self.identity

    def next_ts(self) -> str:
        with self._lock:
            micros = next(self._ts)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def next_id(self, prefix: str) -> str:
        with self._lock:
            n = next(self._ids)
        return f"{prefix}{n:010d}"

    def user_info(self, user_id: str) -> JsonDict:
        """The ``user`` object users.info answers for ``user_id``."""
        over = dict(self.users.get(user_id, {}))
        team_id = self.identity.team_id
        tz = str(over.get("tz", "Europe/Paris"))
        offset, label = _tz_details(tz)
        name = str(over.get("name", user_id.lower()))
        real_name = str(over.get("real_name", f"User {user_id}"))
        is_bot = user_id == self.identity.user_id
        profile: JsonDict = {
            "title": "",
            "phone": "",
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": str(over.get("display_name", name)),
            "display_name_normalized": str(over.get("display_name", name)),
            "status_text": "",
            "status_emoji": "",
            "avatar_hash": "g000000000ab",
            "image_48": "https://secure.gravatar.com/avatar/000.jpg?s=48",
            "team": team_id,
        }
        if not is_bot:
            profile["email"] = f"{name}@example.com"
        profile.update(over.pop("profile", {}) or {})
        user: JsonDict = {
            "id": user_id,
            "team_id": team_id,
            "name": name,
            "deleted": False,
            "color": "9f69e7",
            "real_name": real_name,
            "tz": tz,
            "tz_label": label,
            "tz_offset": offset,
            "profile": profile,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
            "is_email_confirmed": not is_bot,
            "who_can_share_contact_card": "EVERYONE",
        }
        user.update(over)
        return user


def _tz_details(tz: str) -> tuple[int, str]:
    try:
        now = datetime.now(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return 0, tz
    offset = now.utcoffset()
    dst = now.dst()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    labels = _TZ_LABELS.get(tz)
    if labels is None:
        return seconds, now.tzname() or tz
    return seconds, labels[1 if dst else 0]


# =========================================================================== Block Kit checks

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100


def block_errors(blocks: Any, *, limit: int = MAX_MESSAGE_BLOCKS) -> list[str]:
    """Violations of Slack's documented Block Kit limits (empty list = acceptable)."""
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    errors: list[str] = []
    if len(blocks) > limit:
        errors.append(f"no more than {limit} items allowed [json-pointer:/blocks]")
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"[json-pointer:/blocks/{i}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(f"block must be an object with a type {where}")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if len(str(block_id)) > 255:
                errors.append(f"must be less than 256 characters {where}/block_id")
            if block_id in seen:
                errors.append(f"duplicate block_id {block_id!r} {where}/block_id")
            seen.add(str(block_id))
        kind = block["type"]
        if kind == "section":
            text = block.get("text")
            if text is None and not block.get("fields"):
                errors.append(f"section needs text or fields {where}")
            if len(_plain_text(text)) > 3000:
                errors.append(f"must be less than 3001 characters {where}/text")
            if len(block.get("fields") or []) > 10:
                errors.append(f"no more than 10 items allowed {where}/fields")
        elif kind == "header" and len(_plain_text(block.get("text"))) > 150:
            errors.append(f"must be less than 151 characters {where}/text")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not elements:
                errors.append(f"actions block needs elements {where}/elements")
            if len(elements) > 25:
                errors.append(f"no more than 25 items allowed {where}/elements")
        elif kind == "input" and not isinstance(block.get("label"), dict):
            errors.append(f"input block needs a label {where}/label")
        elements = list(block.get("elements") or [])
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        if isinstance(block.get("element"), dict):
            elements.append(block["element"])
        for element in elements:
            if not isinstance(element, dict):
                continue
            if len(str(element.get("action_id", ""))) > 255:
                errors.append(f"must be less than 256 characters {where}/action_id")
            if element.get("type") == "button":
                if len(str(element.get("value", ""))) > 2000:
                    errors.append(f"must be less than 2001 characters {where}/value")
                if len(_plain_text(element.get("text"))) > 75:
                    errors.append(f"must be less than 76 characters {where}/text")
    return errors


def _invalid_blocks(errors: list[str]) -> JsonDict:
    return {
        "ok": False,
        "error": "invalid_blocks",
        "errors": errors,
        "response_metadata": {"messages": [f"[ERROR] {e}" for e in errors]},
    }


def _invalid_arguments(*messages: str) -> JsonDict:
    return {
        "ok": False,
        "error": "invalid_arguments",
        "response_metadata": {"messages": [f"[ERROR] {m}" for m in messages]},
    }


# =========================================================================== built-in methods


def _auth_test(api: FakeSlackApi, call: Call) -> JsonDict:
    ident = api.identity_for(call.token)
    answer: JsonDict = {
        "ok": True,
        "url": ident.url,
        "team": ident.team_name,
        "user": ident.user_name,
        "team_id": ident.team_id,
        "user_id": ident.user_id,
        "is_enterprise_install": ident.is_enterprise_install,
    }
    if ident.bot_id is not None:
        answer["bot_id"] = ident.bot_id
    if ident.enterprise_id is not None:
        answer["enterprise_id"] = ident.enterprise_id
    return answer


def _resolve_channel(api: FakeSlackApi, channel: str) -> str:
    if channel[:1] in ("U", "W"):
        api.open_dms.add(channel)
        return "D" + channel
    return channel


def _message_content(params: dict[str, Any]) -> JsonDict:
    content: JsonDict = {}
    for key in ("text", "blocks", "attachments", "metadata", "thread_ts"):
        if params.get(key) not in (None, ""):
            content[key] = params[key]
    return content


def _check_message(api: FakeSlackApi, params: dict[str, Any], *, need_content: bool) -> JsonDict | None:
    if need_content and not any(params.get(k) for k in ("text", "blocks", "attachments")):
        return {"ok": False, "error": "no_text"}
    if len(str(params.get("text") or "")) > 40_000:
        return {"ok": False, "error": "msg_too_long"}
    if api.validate_blocks and params.get("blocks") not in (None, ""):
        errors = block_errors(params["blocks"])
        if errors:
            return _invalid_blocks(errors)
    return None


def _chat_post_message(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    channel = str(p.get("channel") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    problem = _check_message(api, p, need_content=True)
    if problem is not None:
        return problem
    ident = api.identity_for(call.token)
    channel_id = _resolve_channel(api, channel)
    ts = api.next_ts()
    message: JsonDict = {
        "type": "message",
        "user": ident.user_id,
        "text": str(p.get("text") or ""),
        "ts": ts,
        "team": ident.team_id,
        "app_id": ident.app_id,
    }
    if ident.bot_id is not None:
        message["bot_id"] = ident.bot_id
        message["bot_profile"] = {
            "id": ident.bot_id,
            "app_id": ident.app_id,
            "name": "Amends",
            "deleted": False,
            "team_id": ident.team_id,
        }
    message.update(_message_content(p))
    if message.get("thread_ts"):
        message["parent_user_id"] = ident.user_id
    api.messages.setdefault(channel_id, {})[ts] = message
    return {"ok": True, "channel": channel_id, "ts": ts, "message": message}


def _chat_update(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    channel, ts = str(p.get("channel") or ""), str(p.get("ts") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    if not ts:
        return {"ok": False, "error": "message_not_found"}
    problem = _check_message(api, p, need_content=False)
    if problem is not None:
        return problem
    channel_id = _resolve_channel(api, channel)
    stored = api.messages.get(channel_id, {}).get(ts)
    if stored is None:
        if api.strict:
            return {"ok": False, "error": "message_not_found"}
        ident = api.identity_for(call.token)
        stored = {"type": "message", "user": ident.user_id, "text": "", "ts": ts, "team": ident.team_id}
        api.messages.setdefault(channel_id, {})[ts] = stored
    stored.update(_message_content(p))
    stored["edited"] = {"user": stored.get("user"), "ts": api.next_ts()}
    return {"ok": True, "channel": channel_id, "ts": ts, "text": stored.get("text", ""), "message": stored}


def _chat_delete(api: FakeSlackApi, call: Call) -> JsonDict:
    channel = _resolve_channel(api, str(call.params.get("channel") or ""))
    ts = str(call.params.get("ts") or "")
    removed = api.messages.get(channel, {}).pop(ts, None)
    if removed is None and api.strict:
        return {"ok": False, "error": "message_not_found"}
    return {"ok": True, "channel": channel, "ts": ts}


def _chat_post_ephemeral(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    if not p.get("channel"):
        return {"ok": False, "error": "channel_not_found"}
    if not p.get("user"):
        return {"ok": False, "error": "user_not_in_channel"}
    problem = _check_message(api, p, need_content=True)
    if problem is not None:
        return problem
    return {"ok": True, "message_ts": api.next_ts()}


def _chat_get_permalink(api: FakeSlackApi, call: Call) -> JsonDict:
    channel = str(call.params.get("channel") or "")
    ts = str(call.params.get("message_ts") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    if not ts:
        return {"ok": False, "error": "message_not_found"}
    ident = api.identity_for(call.token)
    return {
        "ok": True,
        "channel": channel,
        "permalink": f"{ident.url}archives/{channel}/p{ts.replace('.', '')}",
    }


def _conversations_open(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    if p.get("channel"):
        return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": str(p["channel"])}}
    users_param = p.get("users") or ""
    users = users_param if isinstance(users_param, list) else [u.strip() for u in str(users_param).split(",")]
    users = [u for u in users if u]
    if not users:
        return {"ok": False, "error": "users_list_not_supplied"}
    if len(users) == 1:
        user = users[0]
        already = user in api.open_dms
        api.open_dms.add(user)
        return {"ok": True, "no_op": already, "already_open": already, "channel": {"id": "D" + user}}
    return {"ok": True, "no_op": False, "already_open": False, "channel": {"id": "G" + "".join(sorted(users))[:10]}}


def _views_check(api: FakeSlackApi, view: Any) -> JsonDict | None:
    if not isinstance(view, dict):
        return _invalid_arguments("missing required field: view")
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return _invalid_arguments("must be a valid enum value [json-pointer:/view/type]")
    messages: list[str] = []
    if kind == "modal":
        title = view.get("title")
        if not isinstance(title, dict):
            messages.append("missing required field: title [json-pointer:/view/title]")
        elif len(_plain_text(title)) > 24:
            messages.append("must be less than 25 characters [json-pointer:/view/title/text]")
        for key in ("submit", "close"):
            if isinstance(view.get(key), dict) and len(_plain_text(view[key])) > 24:
                messages.append(f"must be less than 25 characters [json-pointer:/view/{key}/text]")
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
        if has_input and not view.get("submit"):
            messages.append("missing required field: submit [json-pointer:/view/submit]")
    if len(str(view.get("private_metadata") or "")) > 3000:
        messages.append("must be less than 3001 characters [json-pointer:/view/private_metadata]")
    if len(str(view.get("callback_id") or "")) > 255:
        messages.append("must be less than 256 characters [json-pointer:/view/callback_id]")
    if messages:
        return _invalid_arguments(*messages)
    if api.validate_blocks:
        errors = block_errors(view.get("blocks") or [], limit=MAX_VIEW_BLOCKS)
        if errors:
            return _invalid_blocks(errors)
    return None


def _view_object(
    api: FakeSlackApi,
    call: Call,
    view: JsonDict,
    *,
    view_id: str,
    root_view_id: str | None = None,
    previous_view_id: str | None = None,
) -> JsonDict:
    ident = api.identity_for(call.token)
    return {
        "id": view_id,
        "team_id": ident.team_id,
        "type": view.get("type"),
        "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "state": {"values": {}},
        "hash": f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
        "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close", False)),
        "notify_on_close": bool(view.get("notify_on_close", False)),
        "close": view.get("close"),
        "submit": view.get("submit"),
        "previous_view_id": previous_view_id,
        "root_view_id": root_view_id or view_id,
        "app_id": ident.app_id,
        "external_id": view.get("external_id", ""),
        "app_installed_team_id": ident.team_id,
        "bot_id": ident.bot_id,
    }


def _views_open(api: FakeSlackApi, call: Call) -> JsonDict:
    if not call.params.get("trigger_id") and not call.params.get("interactivity_pointer"):
        return _invalid_arguments("missing required field: trigger_id")
    view = call.params.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    stored = _view_object(api, call, view, view_id=api.next_id("V"))
    api.views[stored["id"]] = stored
    return {"ok": True, "view": stored}


def _views_push(api: FakeSlackApi, call: Call) -> JsonDict:
    if not call.params.get("trigger_id") and not call.params.get("interactivity_pointer"):
        return _invalid_arguments("missing required field: trigger_id")
    view = call.params.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    view_id = api.next_id("V")
    stored = _view_object(api, call, view, view_id=view_id)
    api.views[view_id] = stored
    return {"ok": True, "view": stored}


def _views_update(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    view = p.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    view_id = str(p.get("view_id") or "")
    external_id = str(p.get("external_id") or "")
    if not view_id and external_id:
        view_id = next((v["id"] for v in api.views.values() if v.get("external_id") == external_id), "")
        if not view_id:
            if api.strict:
                return {"ok": False, "error": "not_found"}
            view_id = api.next_id("V")
    if not view_id:
        return _invalid_arguments("view_id or external_id is required")
    existing = api.views.get(view_id)
    if existing is None and api.strict:
        return {"ok": False, "error": "not_found"}
    if existing is not None and p.get("hash") and p["hash"] != existing.get("hash"):
        return {"ok": False, "error": "hash_conflict"}
    stored = _view_object(
        api,
        call,
        view,
        view_id=view_id,
        root_view_id=existing.get("root_view_id") if existing else None,
        previous_view_id=existing.get("previous_view_id") if existing else None,
    )
    api.views[view_id] = stored
    return {"ok": True, "view": stored}


def _views_publish(api: FakeSlackApi, call: Call) -> JsonDict:
    user_id = str(call.params.get("user_id") or "")
    if not user_id:
        return _invalid_arguments("missing required field: user_id")
    view = call.params.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    if view.get("type") != "home":
        return _invalid_arguments("must be home [json-pointer:/view/type]")
    view_id = api.home_views.get(user_id) or api.next_id("V")
    api.home_views[user_id] = view_id
    stored = _view_object(api, call, view, view_id=view_id)
    api.views[view_id] = stored
    return {"ok": True, "view": stored}


def _users_info(api: FakeSlackApi, call: Call) -> JsonDict:
    user_id = str(call.params.get("user") or "")
    if not user_id or (api.known_users_only and user_id not in api.users):
        return {"ok": False, "error": "user_not_found"}
    user = api.user_info(user_id)
    if _truthy(call.params.get("include_locale", "")):
        user.setdefault("locale", "en-US")
    return {"ok": True, "user": user}


def _usergroup_object(api: FakeSlackApi, group_id: str, group: JsonDict, *, include_users: bool) -> JsonDict:
    handle = str(group.get("handle", group_id.lower()))
    users = list(group.get("users", []))
    disabled = bool(group.get("disabled", False))
    obj: JsonDict = {
        "id": group_id,
        "team_id": api.identity.team_id,
        "is_usergroup": True,
        "is_subteam": True,
        "name": str(group.get("name", handle.replace("-", " ").title())),
        "description": str(group.get("description", "")),
        "handle": handle,
        "is_external": False,
        "date_create": 1_700_000_000,
        "date_update": 1_700_000_000,
        "date_delete": 1_700_000_500 if disabled else 0,
        "auto_type": None,
        "auto_provision": False,
        "enterprise_subteam_id": "",
        "created_by": USER_ID,
        "updated_by": USER_ID,
        "deleted_by": USER_ID if disabled else None,
        "prefs": {"channels": [], "groups": []},
        "user_count": len(users),
        "channel_count": 0,
    }
    if include_users:
        obj["users"] = users
    return obj


def _usergroups_list(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    include_disabled = _truthy(p.get("include_disabled", ""))
    include_users = _truthy(p.get("include_users", ""))
    groups = [
        _usergroup_object(api, gid, group, include_users=include_users)
        for gid, group in api.usergroups.items()
        if include_disabled or not group.get("disabled", False)
    ]
    return {"ok": True, "usergroups": groups}


def _usergroups_users_list(api: FakeSlackApi, call: Call) -> JsonDict:
    group_id = str(call.params.get("usergroup") or "")
    group = api.usergroups.get(group_id)
    if group is None:
        return {"ok": False, "error": "no_such_subteam"}
    if group.get("disabled") and not _truthy(call.params.get("include_disabled", "")):
        return {"ok": False, "error": "no_such_subteam"}
    return {"ok": True, "users": list(group.get("users", []))}


def _oauth_v2_access(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    client_id, secret = p.get("client_id"), p.get("client_secret")
    if not client_id or (api.client_id is not None and client_id != api.client_id):
        return {"ok": False, "error": "invalid_client_id"}
    if not secret or (api.client_secret is not None and secret != api.client_secret):
        return {"ok": False, "error": "bad_client_secret"}
    if api.redirect_uri is not None and p.get("redirect_uri") not in (None, api.redirect_uri):
        return {"ok": False, "error": "bad_redirect_uri"}
    code = str(p.get("code") or "")
    if code in api.used_oauth_codes:
        return {"ok": False, "error": "code_already_used"}
    answer = api.oauth_codes.get(code)
    if answer is None:
        return {"ok": False, "error": "invalid_code"}
    api.used_oauth_codes.add(code)
    if api.valid_tokens is not None:
        for token in (answer.get("access_token"), (answer.get("authed_user") or {}).get("access_token")):
            if token:
                api.valid_tokens.add(str(token))
    bot_token = answer.get("access_token")
    if bot_token and bot_token not in api.identities:
        team = answer.get("team") or {}
        api.identities[str(bot_token)] = Identity(
            team_id=str(team.get("id", TEAM_ID)),
            team_name=str(team.get("name", TEAM_NAME)),
            user_id=str(answer.get("bot_user_id", BOT_USER_ID)),
            app_id=str(answer.get("app_id", APP_ID)),
        )
    return dict(answer)


def _apps_connections_open(api: FakeSlackApi, call: Call) -> JsonDict:
    if not (call.token or "").startswith("xapp-"):
        return {"ok": False, "error": "not_allowed_token_type"}
    if api.socket_url is None:
        return {"ok": False, "error": "fake_socket_url_not_configured"}
    return {"ok": True, "url": api.socket_url}


def _file_object(api: FakeSlackApi, call: Call, upload: UploadedFile) -> JsonDict:
    ident = api.identity_for(call.token)
    mimetype = upload.mimetype
    filetype = (mimetypes.guess_extension(mimetype) or ".txt").lstrip(".")
    private = f"{api.origin}/files-pri/{upload.id}/{upload.filename}"
    return {
        "id": upload.id,
        "created": int(time.time()),
        "timestamp": int(time.time()),
        "name": upload.filename,
        "title": upload.title or upload.filename,
        "mimetype": mimetype,
        "filetype": filetype,
        "pretty_type": filetype.upper(),
        "user": ident.user_id,
        "user_team": ident.team_id,
        "editable": False,
        "size": len(upload.data or b""),
        "mode": "hosted",
        "is_external": False,
        "external_type": "",
        "is_public": False,
        "public_url_shared": False,
        "display_as_bot": False,
        "username": "",
        "url_private": private,
        "url_private_download": private + "?download=1",
        "permalink": f"{ident.url}files/{ident.user_id}/{upload.id}/{upload.filename}",
        "alt_txt": upload.alt_txt,
        "channels": [c for c in [upload.channel_id, *upload.channels] if c],
        "groups": [],
        "ims": [],
        "comments_count": 0,
        "has_rich_preview": False,
        "file_access": "visible",
    }


def _files_get_upload_url_external(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    filename = str(p.get("filename") or "")
    try:
        length = int(p.get("length", ""))
    except (TypeError, ValueError):
        length = -1
    if not filename or length < 0:
        return _invalid_arguments("filename and length are required")
    file_id = api.next_id("F")
    api.files[file_id] = UploadedFile(
        id=file_id,
        filename=filename,
        length=length,
        alt_txt=p.get("alt_txt"),
        snippet_type=p.get("snippet_type"),
    )
    return {"ok": True, "upload_url": f"{api.origin}/upload/v1/{file_id}", "file_id": file_id}


def _files_complete_upload_external(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    entries = p.get("files")
    if not isinstance(entries, list) or not entries:
        return _invalid_arguments("files must be a non-empty array")
    uploads: list[UploadedFile] = []
    for entry in entries:
        upload = api.files.get(str(entry.get("id", ""))) if isinstance(entry, dict) else None
        if upload is None or upload.data is None:
            return {"ok": False, "error": "file_not_found"}
        uploads.append(upload)
    channels_param = p.get("channels") or ""
    channels = [c for c in str(channels_param).split(",") if c] if not isinstance(channels_param, list) else []
    for entry, upload in zip(entries, uploads, strict=True):
        upload.completed = True
        upload.title = entry.get("title") or upload.filename
        upload.channel_id = p.get("channel_id")
        upload.channels = channels
        upload.initial_comment = p.get("initial_comment")
        upload.thread_ts = p.get("thread_ts")
    return {"ok": True, "files": [_file_object(api, call, u) for u in uploads]}


def _files_info(api: FakeSlackApi, call: Call) -> JsonDict:
    upload = api.files.get(str(call.params.get("file") or ""))
    if upload is None or not upload.completed:
        return {"ok": False, "error": "file_not_found"}
    return {"ok": True, "file": _file_object(api, call, upload), "comments": [], "response_metadata": {}}


def _team_info(api: FakeSlackApi, call: Call) -> JsonDict:
    ident = api.identity_for(call.token)
    team: JsonDict = {
        "id": ident.team_id,
        "name": ident.team_name,
        "url": ident.url,
        "domain": ident.team_domain,
        "email_domain": "",
        "icon": {"image_default": True, "image_34": "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png"},
        "avatar_base_url": "https://ca.slack-edge.com/",
        "is_verified": False,
        "lob_sales_home_enabled": False,
    }
    if ident.enterprise_id is not None:
        team["enterprise_id"] = ident.enterprise_id
        team["enterprise_name"] = ident.enterprise_name or "Amends Enterprise"
    return {"ok": True, "team": team}


def _ok(api: FakeSlackApi, call: Call) -> JsonDict:
    return {"ok": True}


def _api_test(api: FakeSlackApi, call: Call) -> JsonDict:
    return {"ok": True, "args": {k: v for k, v in call.params.items() if isinstance(v, str)}}


_BUILTIN: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    "api.test": _api_test,
    "auth.test": _auth_test,
    "chat.postMessage": _chat_post_message,
    "chat.update": _chat_update,
    "chat.delete": _chat_delete,
    "chat.postEphemeral": _chat_post_ephemeral,
    "chat.getPermalink": _chat_get_permalink,
    "conversations.open": _conversations_open,
    "views.open": _views_open,
    "views.update": _views_update,
    "views.push": _views_push,
    "views.publish": _views_publish,
    "users.info": _users_info,
    "usergroups.list": _usergroups_list,
    "usergroups.users.list": _usergroups_users_list,
    "oauth.v2.access": _oauth_v2_access,
    "apps.connections.open": _apps_connections_open,
    "files.getUploadURLExternal": _files_get_upload_url_external,
    "files.completeUploadExternal": _files_complete_upload_external,
    "files.info": _files_info,
    "team.info": _team_info,
    "reactions.add": _ok,
    "reactions.remove": _ok,
}

__all__ = [
    "Call",
    "DEFAULT_BOT_SCOPES",
    "DEFAULT_USER_SCOPES",
    "FakeSlackApi",
    "Identity",
    "LocalServer",
    "UploadedFile",
    "block_errors",
    "wait_until",
]
