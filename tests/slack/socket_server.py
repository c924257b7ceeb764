"""A local Socket Mode WebSocket server for slack_sdk / slack_bolt socket-mode clients.

Wire it to the fake Web API so ``apps.connections.open`` hands the client this server::

    async with FakeSlackApi() as api, FakeSocketModeServer() as server:
        api.socket_url = server.url            # or: server.attach(api)
        client = SocketModeClient(app_token="xapp-1-test", web_client=AsyncWebClient(base_url=api.base_url))
        await client.connect()
        await server.wait_for_connection()
        envelope_id = await server.send_envelope("slash_commands", requests.slash_command_payload(text="hi"))
        ack = await server.wait_for_ack(envelope_id)

Like Slack, it sends ``{"type": "hello", ...}`` on connect (slack_sdk's clients ignore it), sends
envelopes ``{"envelope_id", "payload", "type", "accepts_response_payload", ...}`` and records
every JSON message that carries an ``envelope_id`` as an ack. Pings are answered automatically.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from tests.slack import requests as slack_requests
from tests.slack.fake_api import FakeSlackApi, LocalServer, wait_until
from tests.slack.requests import APP_ID

JsonDict = dict[str, Any]
ENVELOPE_TYPES = ("slash_commands", "events_api", "interactive")
# Interactive payload types whose ack body Slack uses (response_action / options).
_RESPONSE_PAYLOAD_TYPES = ("view_submission", "block_suggestion", "dialog_suggestion")


class FakeSocketModeServer(LocalServer):
    """WebSocket endpoint at ``ws://127.0.0.1:PORT/link/?ticket=...&app_id=...``."""

    def __init__(self, *, app_id: str = APP_ID, send_hello: bool = True) -> None:
        super().__init__()
        self.app_id = app_id
        self.send_hello = send_hello
        self.ticket = str(uuid.uuid4())
        self._lock = threading.Lock()
        self._connections: list[web.WebSocketResponse] = []
        self.connection_count = 0
        """How many connections were accepted in total (reconnects included)."""
        self.connect_queries: list[dict[str, str]] = []
        self.received: list[str] = []
        """Every text frame received from clients, in order."""
        self._acks: list[JsonDict] = []
        self.sent: list[JsonDict] = []
        """Every JSON message sent to clients (hello, envelopes, disconnects)."""

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/link/?ticket={self.ticket}&app_id={self.app_id}"

    def attach(self, api: FakeSlackApi) -> None:
        """Make ``api``'s apps.connections.open answer with this server's URL."""
        api.socket_url = self.url

    @property
    def acks(self) -> list[JsonDict]:
        with self._lock:
            return list(self._acks)

    @property
    def open_connections(self) -> int:
        with self._lock:
            return sum(1 for ws in self._connections if not ws.closed)

    # ------------------------------------------------------------------ server

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/link", self._ws)
        app.router.add_get("/link/", self._ws)
        return app

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        with self._lock:
            self._connections.append(ws)
            self.connection_count += 1
            self.connect_queries.append(dict(request.query.items()))
        try:
            if self.send_hello:
                await self._send(
                    ws,
                    {
                        "type": "hello",
                        "num_connections": self.open_connections,
                        "debug_info": {
                            "host": "applink-fake-local",
                            "build_number": 1,
                            "approximate_connection_time": 18060,
                        },
                        "connection_info": {"app_id": self.app_id},
                    },
                )
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                with self._lock:
                    self.received.append(msg.data)
                try:
                    data = json.loads(msg.data)
                except ValueError:
                    continue
                if isinstance(data, dict) and "envelope_id" in data:
                    with self._lock:
                        self._acks.append(data)
        finally:
            with self._lock:
                if ws in self._connections:
                    self._connections.remove(ws)
        return ws

    async def _send(self, ws: web.WebSocketResponse, message: JsonDict) -> None:
        await ws.send_str(json.dumps(message))
        with self._lock:
            self.sent.append(message)

    def _current(self) -> web.WebSocketResponse:
        with self._lock:
            live = [ws for ws in self._connections if not ws.closed]
        if not live:
            raise RuntimeError("no Socket Mode client is connected")
        return live[-1]

    async def before_stop(self) -> None:
        await self._close_all()

    async def _close_all(self, code: int = WSCloseCode.GOING_AWAY) -> None:
        with self._lock:
            connections = list(self._connections)
        for ws in connections:
            await ws.close(code=code, message=b"server shutting down")

    # ------------------------------------------------------------------ test API

    async def wait_for_connection(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until ``count`` connections have been accepted in total and one is open."""

        def probe() -> bool | None:
            return True if self.connection_count >= count and self.open_connections > 0 else None

        await wait_until(
            probe,
            timeout=timeout,
            describe=lambda: f"waited {timeout}s for connection #{count}; accepted {self.connection_count}",
        )

    async def send(self, message: JsonDict) -> None:
        """Send a raw JSON message to the most recent open connection."""
        await self.on_server_loop(self._send(self._current(), message))

    async def send_envelope(
        self,
        type: str,
        payload: JsonDict,
        envelope_id: str | None = None,
        *,
        accepts_response_payload: bool | None = None,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> str:
        """Send an envelope (``slash_commands`` | ``events_api`` | ``interactive``); returns its envelope_id."""
        if type not in ENVELOPE_TYPES:
            raise ValueError(f"envelope type must be one of {ENVELOPE_TYPES}, not {type!r}")
        envelope_id = envelope_id or str(uuid.uuid4())
        if accepts_response_payload is None:
            accepts_response_payload = type == "slash_commands" or (
                type == "interactive" and payload.get("type") in _RESPONSE_PAYLOAD_TYPES
            )
        envelope: JsonDict = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": type,
            "accepts_response_payload": accepts_response_payload,
        }
        if type == "events_api":
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason or ""
        await self.send(envelope)
        return envelope_id

    async def send_slash_command(self, command: str = "/recover", text: str = "", **fields: Any) -> str:
        """Send ``requests.slash_command_payload(command, text, **fields)`` as a ``slash_commands`` envelope."""
        return await self.send_envelope("slash_commands", slack_requests.slash_command_payload(command, text, **fields))

    async def send_event(
        self, event: JsonDict, *, retry_attempt: int = 0, retry_reason: str = "", **fields: Any
    ) -> str:
        """Send ``requests.event_callback_payload(event, **fields)`` as an ``events_api`` envelope."""
        payload = slack_requests.event_callback_payload(event, **fields)
        return await self.send_envelope("events_api", payload, retry_attempt=retry_attempt, retry_reason=retry_reason)

    async def send_interactive(self, payload: JsonDict) -> str:
        """Send an interactivity payload (e.g. ``requests.block_actions(...)``) as an ``interactive`` envelope."""
        return await self.send_envelope("interactive", payload)

    async def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> JsonDict:
        """The client's ack for ``envelope_id`` (``{"envelope_id": ..., "payload"?: ...}``)."""

        def probe() -> JsonDict | None:
            return next((a for a in self.acks if a.get("envelope_id") == envelope_id), None)

        return await wait_until(
            probe,
            timeout=timeout,
            describe=lambda: f"no ack for envelope {envelope_id} within {timeout}s; acks: {self.acks}",
        )

    async def send_disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the client to reconnect, as Slack does periodically (``{"type": "disconnect"}``)."""
        await self.send({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake-local"}})

    async def close_connections(self, code: int = WSCloseCode.GOING_AWAY) -> None:
        """Drop every open connection (clients with auto-reconnect will reconnect)."""
        await self.on_server_loop(self._close_all(code))


__all__ = ["ENVELOPE_TYPES", "FakeSocketModeServer"]
