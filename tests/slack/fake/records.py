"""What the fake received: :class:`Call`, how a request becomes one, and the call log."""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from multidict import MultiDictProxy

from tests.slack.fake.server import wait_until

JsonDict = dict[str, Any]
Handler = Callable[["Call"], JsonDict | Awaitable[JsonDict]]


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


def decode_value(value: Any) -> Any:
    """Form values that hold JSON objects/arrays become Python objects; everything else is kept."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped[:1] in ("{", "["):
            try:
                return json.loads(stripped)
            except ValueError:
                return value
    return value


async def parse_call(request: web.Request, method: str) -> Call:
    """The :class:`Call` for ``request``: query and body merged, the token and client credentials split out."""
    params: dict[str, Any] = {}
    body = b""

    def merge(items: Iterable[tuple[str, Any]]) -> None:
        for key, value in items:
            params[key] = decode_value(value)

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


class CallLog:
    """The calls a fake recorded, and ways to look them up or wait for them."""

    _lock: threading.Lock
    _calls: list[Call]

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

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
