"""The fake Socket Mode server, exercised with slack_sdk's SocketModeClient and Bolt's handler."""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from tests.slack import requests as slack_requests
from tests.slack.fake_api import FakeSlackApi
from tests.slack.harness_support import APP_TOKEN, bolt_app
from tests.slack.socket_server import FakeSocketModeServer


async def test_socket_mode_client_receives_and_acks(api: FakeSlackApi) -> None:
    async with FakeSocketModeServer() as server:
        api.socket_url = server.url
        client = SocketModeClient(app_token=APP_TOKEN, web_client=AsyncWebClient(base_url=api.base_url))
        received: list[SocketModeRequest] = []

        async def listener(sm_client: Any, req: SocketModeRequest) -> None:
            received.append(req)
            await sm_client.send_socket_mode_response(
                SocketModeResponse(envelope_id=req.envelope_id, payload={"text": "on it"})
            )

        client.socket_mode_request_listeners.append(listener)
        try:
            await client.connect()  # type: ignore[no-untyped-call]
            await server.wait_for_connection()
            assert api.last_call("apps.connections.open").token == APP_TOKEN
            assert server.sent[0]["type"] == "hello"

            envelope_id = await server.send_envelope(
                "slash_commands", slack_requests.slash_command_payload(text="cold soup")
            )
            ack = await server.wait_for_ack(envelope_id, timeout=5)
        finally:
            await client.close()  # type: ignore[no-untyped-call]

    assert ack == {"envelope_id": envelope_id, "payload": {"text": "on it"}}
    (req,) = received
    assert req.type == "slash_commands" and req.accepts_response_payload is True
    assert req.payload["command"] == "/recover" and req.payload["text"] == "cold soup"


async def test_bolt_socket_mode_handler_end_to_end(api: FakeSlackApi) -> None:
    app = bolt_app(api)
    async with FakeSocketModeServer() as server:
        server.attach(api)
        handler = AsyncSocketModeHandler(app, app_token=APP_TOKEN)
        try:
            await handler.connect_async()  # type: ignore[no-untyped-call]
            await server.wait_for_connection()

            ack = await server.wait_for_ack(
                await server.send_slash_command(text="late order", response_url=api.response_url("sm"))
            )
            assert ack.get("payload") in (None, {})
            assert (await api.wait_for_call("chat.postMessage")).params["text"] == "case opened"

            values = {"note": {"note_input": slack_requests.text_input("x")}}
            ack = await server.wait_for_ack(
                await server.send_interactive(slack_requests.view_submission("recover_modal", values))
            )
            assert ack["payload"] == {"response_action": "errors", "errors": {"note": "too short: x"}}

            await server.wait_for_ack(await server.send_event(slack_requests.app_mention_event("hello")))
            assert (await api.wait_for_call("chat.postMessage", count=2)).params["text"] == "hi <@U0001>"
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]
        await asyncio.sleep(0)


async def test_socket_mode_client_reconnects_when_asked(api: FakeSlackApi) -> None:
    async with FakeSocketModeServer() as server:
        server.attach(api)
        client = SocketModeClient(app_token=APP_TOKEN, web_client=AsyncWebClient(base_url=api.base_url))
        try:
            await client.connect()  # type: ignore[no-untyped-call]
            await server.wait_for_connection()
            await server.send_disconnect("refresh_requested")
            await server.wait_for_connection(count=2)
        finally:
            await client.close()  # type: ignore[no-untyped-call]
    assert len(api.calls_to("apps.connections.open")) == 2


async def test_threaded_servers_work_from_another_event_loop() -> None:
    # ``with`` runs both servers on their own thread/loop; sends hop onto the server loop.
    with FakeSlackApi() as api, FakeSocketModeServer() as server:
        server.attach(api)
        client = SocketModeClient(app_token=APP_TOKEN, web_client=AsyncWebClient(base_url=api.base_url))

        async def listener(sm_client: Any, req: SocketModeRequest) -> None:
            await sm_client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))

        client.socket_mode_request_listeners.append(listener)
        try:
            await client.connect()  # type: ignore[no-untyped-call]
            await server.wait_for_connection()
            ack = await server.wait_for_ack(await server.send_interactive(slack_requests.global_shortcut("x")))
        finally:
            await client.close()  # type: ignore[no-untyped-call]
    assert set(ack) == {"envelope_id"}
    assert not api.running and not server.running
