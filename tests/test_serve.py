"""`amends serve` as an admin starts it: a real process, over HTTP and over Socket Mode."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp

from tests.postgres import free_port
from tests.slack import requests as slack
from tests.slack.fake_api import FakeSlackApi
from tests.slack.socket_server import FakeSocketModeServer

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def serve(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
    process = subprocess.Popen([sys.executable, "-m", "handlers.cli", "serve", "--host", "127.0.0.1"],
                               env={**clean, **env}, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


async def wait_healthy(session: aiohttp.ClientSession, url: str) -> None:
    for _ in range(200):
        try:
            async with session.get(url + "/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.05)
    raise AssertionError("amends serve did not come up")


async def test_serve_over_http_and_socket_mode(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, FakeSocketModeServer() as socket, aiohttp.ClientSession() as session:
        socket.attach(api)
        port = free_port()
        base = {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}", "SLACK_BOT_TOKEN": "xoxb-serve",
                "SLACK_API_URL": api.base_url}
        with serve({**base, "AMENDS_PORT": str(port), "SLACK_SIGNING_SECRET": slack.SIGNING_SECRET}):
            url = f"http://127.0.0.1:{port}"
            await wait_healthy(session, url)
            request = slack.slash_command("/recover", "table 7 burger came out cold", user_id="UANN")
            async with session.post(url + "/slack/events", data=request.body, headers=request.headers) as r:
                assert r.status == 200
                assert "#1" in json.dumps(await r.json())
            async with session.get(url + "/readyz") as ready:
                assert ready.status == 200
            await api.wait_for_call("chat.postMessage", timeout=10)  # the case card in the DM
        port = free_port()
        with serve({**base, "AMENDS_PORT": str(port), "SLACK_APP_TOKEN": "xapp-1-serve"}):
            await wait_healthy(session, f"http://127.0.0.1:{port}")
            await socket.wait_for_connection(timeout=15)
            envelope = await socket.send_slash_command("/recover", text="rm 508 ac broken", user_id="UANN")
            ack = await socket.wait_for_ack(envelope, timeout=10)
            assert "#2" in json.dumps(ack["payload"]["blocks"])


async def test_serve_refuses_to_start_without_slack_settings(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "handlers.cli", "serve"], cwd=REPO, capture_output=True,
                            text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
                            | {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr
