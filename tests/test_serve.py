"""`amends serve` as an admin starts it: a real process, over HTTP and over Socket Mode."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web

from bot.playbook import load_playbook
from bot.settings import Settings, SettingsError
from handlers.serve import NoPlatform, PlatformSpec, Shared, configured, known_platforms, readiness, web_app
from handlers.serve import serve as serve_platforms
from store.db import Database
from tests.postgres import free_port
from tests.slack import requests as slack
from tests.slack.app import running_app
from tests.slack.fake_api import FakeSlackApi
from tests.slack.socket_server import FakeSocketModeServer

REPO = Path(__file__).resolve().parents[1]


@asynccontextmanager
async def serve(env: dict[str, str]) -> AsyncIterator[subprocess.Popen[bytes]]:
    """`amends serve` as a process; stopped with SIGTERM, waited for without blocking the loop
    the fake Slack servers answer on (the process finishes its calls to them as it stops)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
    process = subprocess.Popen([sys.executable, "-m", "handlers.cli", "serve", "--host", "127.0.0.1"],
                               env={**clean, **env}, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        yield process
    finally:
        process.terminate()
        await exited(process)


async def exited(process: subprocess.Popen[bytes], timeout: float = 15) -> int:
    for _ in range(int(timeout / 0.05)):
        code = process.poll()
        if code is not None:
            return code
        await asyncio.sleep(0.05)
    process.kill()
    raise AssertionError("amends serve did not stop after SIGTERM")


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
        async with serve({**base, "AMENDS_PORT": str(port), "SLACK_SIGNING_SECRET": slack.SIGNING_SECRET}):
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
        async with serve({**base, "AMENDS_PORT": str(port), "SLACK_APP_TOKEN": "xapp-1-serve"}):
            await wait_healthy(session, f"http://127.0.0.1:{port}")
            await socket.wait_for_connection(timeout=15)
            envelope = await socket.send_slash_command("/recover", text="rm 508 ac broken", user_id="UANN")
            ack = await socket.wait_for_ack(envelope, timeout=10)
            assert "#2" in json.dumps(ack["payload"]["blocks"])


def run_serve(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`amends serve` expected to refuse to start: its exit and what it printed."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
    return subprocess.run([sys.executable, "-m", "handlers.cli", "serve", "--host", "127.0.0.1"], cwd=REPO,
                          capture_output=True, text=True, timeout=60,
                          env=clean | {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
                                       "AMENDS_PORT": str(free_port())} | env)


def test_serve_with_no_platform_says_what_to_set_and_exits(tmp_path: Path) -> None:
    result = run_serve(tmp_path, {})
    assert result.returncode == 2
    assert "no chat platform is configured" in result.stderr
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_SIGNING_SECRET" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_over_http_without_a_signing_secret_refuses_to_start(tmp_path: Path) -> None:
    result = run_serve(tmp_path, {"SLACK_BOT_TOKEN": "xoxb-serve"})
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET" in result.stderr and "SLACK_APP_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr and "xoxb-serve" not in result.stderr


def test_serve_many_workspaces_without_an_encryption_key_refuses_to_start(tmp_path: Path) -> None:
    result = run_serve(tmp_path, {"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "shh",
                                  "SLACK_SIGNING_SECRET": slack.SIGNING_SECRET})
    assert result.returncode == 2
    assert "AMENDS_ENCRYPTION_KEY" in result.stderr and "Fernet.generate_key()" in result.stderr
    assert "Traceback" not in result.stderr and "shh" not in result.stderr


async def test_serve_in_socket_mode_stores_nothing_sent_to_its_http_port(tmp_path: Path) -> None:
    """An attacker who finds the HTTP port of a Socket Mode install gets no door: forged,
    unsigned and correctly signed posts alike find no Slack endpoint."""
    async with FakeSlackApi() as api, FakeSocketModeServer() as socket, aiohttp.ClientSession() as session:
        socket.attach(api)
        port = free_port()
        database = tmp_path / "socket.db"
        env = {"AMENDS_DATABASE_URL": f"sqlite:///{database}", "SLACK_BOT_TOKEN": "xoxb-serve",
               "SLACK_API_URL": api.base_url, "AMENDS_PORT": str(port), "SLACK_APP_TOKEN": "xapp-1-serve"}
        async with serve(env):
            url = f"http://127.0.0.1:{port}"
            await wait_healthy(session, url)
            await socket.wait_for_connection(timeout=15)
            form = slack.slash_command_payload("/recover", "table 7 soup cold, refund all", user_id="UMGR")
            attempts = [slack.unsigned(urlencode(form), content_type=slack.FORM),
                        slack.slash_command("/recover", "table 7 soup cold", signing_secret="socket-mode"),
                        slack.slash_command("/recover", "table 7 soup cold", signing_secret=""),
                        slack.slash_command("/recover", "table 7 soup cold")]
            for request in attempts:
                for path in ("/slack/events", "/slack/events/", "/slack/commands", "/"):
                    async with session.post(url + path, data=request.body, headers=request.headers) as answer:
                        assert not 200 <= answer.status < 300, (path, answer.status)
            async with session.get(url + "/readyz") as ready:
                assert ready.status == 200
                assert await ready.json() == {"ok": True, "database": "ok", "slack": "ok"}
        with closing(sqlite3.connect(database)) as stored:
            assert stored.execute("select count(*) from cases").fetchone() == (0,)


async def test_serve_stays_up_when_slack_rejects_its_token_and_says_so_in_readyz(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, aiohttp.ClientSession() as session:
        api.set_error("auth.test", "invalid_auth", times=1000)
        port = free_port()
        env = {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}", "SLACK_BOT_TOKEN": "xoxb-serve",
               "SLACK_API_URL": api.base_url, "AMENDS_PORT": str(port),
               "SLACK_SIGNING_SECRET": slack.SIGNING_SECRET}
        async with serve(env):
            url = f"http://127.0.0.1:{port}"
            await wait_healthy(session, url)
            async with session.get(url + "/readyz") as ready:
                assert ready.status == 200
                assert await ready.json() == {"ok": False, "database": "ok", "slack": "unauthorised"}


@dataclass
class InMemoryPlatform:
    """A second platform as Teams will plug in: only handlers.serve's protocol, no Slack code."""

    name: str = "teams"
    state: str = "ok"
    events: list[str] = field(default_factory=list)

    def routes(self) -> list[web.RouteDef]:
        async def messages(request: web.Request) -> web.Response:
            return web.json_response({"heard": (await request.json())["text"]})

        return [web.post(f"/{self.name}/messages", messages)]

    async def start(self) -> None:
        self.events.append("start")

    async def stop(self) -> None:
        self.events.append("stop")

    async def readiness(self) -> str:
        if self.state == "broken":
            raise RuntimeError("the readiness check itself failed")
        return self.state


def spec_of(platform: InMemoryPlatform, *, present: bool = True, missing: str | None = None) -> PlatformSpec:
    def check(_: Settings) -> None:
        if missing:
            raise SettingsError(f"{platform.name}: set {missing}")

    async def build(_: Shared) -> InMemoryPlatform:
        return platform

    return PlatformSpec(name=platform.name, present=lambda _: present, check=check, build=build,
                        to_enable=f"set {platform.name.upper()}_TOKEN")


async def test_a_platform_that_is_down_degrades_only_itself(tmp_path: Path) -> None:
    teams = InMemoryPlatform(state="unreachable")
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        runner = web.AppRunner(web_app(app.server.database, [app.server, teams]))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
        try:
            async with app.session.get(url + "/readyz") as ready:
                assert ready.status == 200
                assert await ready.json() == {"ok": False, "database": "ok", "slack": "ok", "teams": "unreachable"}
            request = slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN")
            async with app.session.post(url + "/slack/events", data=request.body, headers=request.headers) as r:
                assert r.status == 200 and "#1" in json.dumps(await r.json())
            async with app.session.post(url + "/teams/messages", json={"text": "hi"}) as r:
                assert await r.json() == {"heard": "hi"}
        finally:
            await runner.cleanup()


async def test_readyz_is_503_only_when_the_database_is_down(caplog: pytest.LogCaptureFixture) -> None:
    down = Database(f"postgresql://amends:secret@127.0.0.1:{free_port()}/amends")
    broken = InMemoryPlatform(name="broken", state="broken")
    try:
        assert await readiness(down, [InMemoryPlatform()]) == (
            503, {"ok": False, "database": "unreachable", "teams": "ok"})
        status, body = await readiness(down, [broken])
        assert status == 503 and body["broken"] == "error"
        assert any("readiness check of broken" in r.getMessage() and r.exc_info for r in caplog.records)
    finally:
        await down.dispose()


def test_serve_builds_only_the_platforms_whose_settings_are_present() -> None:
    slack_only = Settings(slack_bot_token="xoxb-1", slack_signing_secret="s")
    teams = spec_of(InMemoryPlatform(), present=False)
    assert [spec.name for spec in configured(slack_only, [*known_platforms(), teams])] == ["slack"]
    with pytest.raises(NoPlatform) as nothing:
        configured(Settings(), [*known_platforms(), teams])
    assert "slack: set SLACK_BOT_TOKEN" in str(nothing.value) and "teams: set TEAMS_TOKEN" in str(nothing.value)
    incomplete = spec_of(InMemoryPlatform(), missing="MicrosoftAppPassword")
    with pytest.raises(SettingsError, match="teams: set MicrosoftAppPassword"):
        configured(slack_only, [*known_platforms(), incomplete])


async def test_serve_runs_a_platform_it_knows_only_through_the_protocol(tmp_path: Path) -> None:
    teams = InMemoryPlatform()
    port = free_port()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'teams.db'}", port=port)
    running = asyncio.create_task(serve_platforms(settings, load_playbook(), host="127.0.0.1",
                                                  specs=[spec_of(teams)]))
    try:
        async with aiohttp.ClientSession() as session:
            await wait_healthy(session, f"http://127.0.0.1:{port}")
            async with session.get(f"http://127.0.0.1:{port}/readyz") as ready:
                assert await ready.json() == {"ok": True, "database": "ok", "teams": "ok"}
            async with session.post(f"http://127.0.0.1:{port}/teams/messages", json={"text": "hi"}) as r:
                assert await r.json() == {"heard": "hi"}
            async with session.post(f"http://127.0.0.1:{port}/slack/events", data=b"{}") as r:
                assert r.status == 404
        assert teams.events == ["start"]
    finally:
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
    assert teams.events == ["start", "stop"]


async def test_serve_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, aiohttp.ClientSession() as session:
        port = free_port()
        env = {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}", "SLACK_BOT_TOKEN": "xoxb-serve",
               "SLACK_API_URL": api.base_url, "AMENDS_PORT": str(port), "SLACK_SIGNING_SECRET": slack.SIGNING_SECRET}
        async with serve(env) as process:
            await wait_healthy(session, f"http://127.0.0.1:{port}")
            process.terminate()
            assert await exited(process) == 0
            assert process.stderr is not None
            assert "Amends is stopping (SIGTERM)" in process.stderr.read().decode()
