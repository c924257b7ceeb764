"""`amends serve`: one aiohttp app for every chat platform that has its settings, plus health checks.

A platform plugs in with a PlatformSpec (how to tell its settings are there, how to check they
are complete, how to build it) and the Platform it builds (its name, its HTTP routes, start,
stop, readiness). Adding one (Teams) means a new handlers/<platform>/ package and one entry in
known_platforms(); neither the Slack code nor bot/ changes.

Start-up is strict, run time is forgiving:
- a platform with none of its settings is skipped; one with some but not all stops start-up
  with the fix (SettingsError); with no platform at all `amends serve` says what to set and
  exits (NoPlatform, exit 2);
- a platform that cannot reach its service at run time (Slack's auth.test failing, the Socket
  Mode connection down) degrades only itself: the others keep serving and /readyz says which.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from aiohttp import web

from bot.clock import Clock, SystemClock
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.settings import Settings, SettingsError
from handlers.errors import unexpected
from store.db import Database

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
"""The largest request body any platform accepts (aiohttp answers 413 above it)."""
READINESS_TIMEOUT = 3.0
"""A platform that cannot say how it is within this time is reported unreachable."""
STOP_TIMEOUT = 5.0
"""What a platform gets to finish work in flight when stopping; what it has not sent stays in
the outbox for the next start (well inside a container's usual 30 s grace)."""
OK = "ok"


class Platform(Protocol):
    """A chat platform inside `amends serve`, built by its PlatformSpec.

    - `name`: a short lowercase word ("slack", "teams"); its key in /readyz.
    - `routes()`: the HTTP routes it serves on the shared app (may be none, e.g. Socket Mode).
    - `start()`: called once the HTTP site is up; must not raise because its service is
      unreachable (degrade, retry in the background, and say so in `readiness()`).
    - `stop()`: releases what it holds; the shared database is closed by `serve`, not here.
    - `readiness()`: "ok", or one word saying what is wrong ("unreachable", "unauthorised",
      "disconnected"); called per /readyz, so cache anything expensive.
    """

    name: str

    def routes(self) -> Sequence[web.RouteDef]: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def readiness(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Shared:
    """What every platform is built from: one database, clock and engine for the process."""

    settings: Settings
    playbook: Playbook
    database: Database
    clock: Clock
    engine: OfflineEngine


@dataclass(frozen=True, slots=True)
class PlatformSpec:
    """How `amends serve` finds, checks and builds one platform.

    - `present(settings)`: any of the platform's own settings is set;
    - `check(settings)`: raises SettingsError saying what to set when they are incomplete
      (runs before the database is opened);
    - `build(shared)`: the Platform, routes ready, nothing started yet;
    - `to_enable`: one line on what to set, for the message when no platform is configured.
    """

    name: str
    present: Callable[[Settings], bool]
    check: Callable[[Settings], None]
    build: Callable[[Shared], Awaitable[Platform]]
    to_enable: str


class NoPlatform(SettingsError):
    """`amends serve` with no platform configured: nothing to serve, so it says what to set."""


def known_platforms() -> tuple[PlatformSpec, ...]:
    """Every platform `amends serve` knows; imported here, late, because each imports this module."""
    from handlers.slack.platform import SLACK
    from handlers.teams.platform import TEAMS

    return (SLACK, TEAMS)


def configured(settings: Settings, specs: Sequence[PlatformSpec]) -> list[PlatformSpec]:
    """The platforms whose settings are present, each checked complete; NoPlatform if none."""
    chosen = [spec for spec in specs if spec.present(settings)]
    if not chosen:
        ways = "; ".join(f"{spec.name}: {spec.to_enable}" for spec in specs)
        raise NoPlatform(f"serve: no chat platform is configured, so there is nothing to serve. "
                         f"Set one up ({ways}), then start it again.")
    for spec in chosen:
        spec.check(settings)
    return chosen


def web_app(database: Database, platforms: Sequence[Platform]) -> web.Application:
    """/healthz, /readyz and every platform's routes, behind one guard for the unexpected."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_guarded])

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def readyz(_: web.Request) -> web.Response:
        status, body = await readiness(database, platforms)
        return web.json_response(body, status=status)

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    for platform in platforms:
        app.router.add_routes(platform.routes())
    return app


async def readiness(database: Database, platforms: Sequence[Platform]) -> tuple[int, dict[str, object]]:
    """503 only when the database is down; a platform that is down is named with 200.

    A load balancer pulls a replica out of rotation on 503. That helps when this replica lost
    its database (another may still have it) and nothing is served without it. It does not
    help when Slack is unreachable or a Socket Mode link dropped: every replica shares that
    fault, this one still serves the other platforms, its outbox keeps the messages, and the
    Socket Mode link reconnects by itself. So a degraded platform answers 200 with `"ok": false`
    and its state under its name, for monitoring to alert on, e.g.
    `{"ok": false, "database": "ok", "slack": "unreachable"}`.
    """
    database_ok, *states = await asyncio.gather(database.ping(), *(_state(p) for p in platforms))
    body: dict[str, object] = {"ok": bool(database_ok) and all(state == OK for state in states),
                               "database": OK if database_ok else "unreachable"}
    body.update({platform.name: state for platform, state in zip(platforms, states, strict=True)})
    return (200 if database_ok else 503), body


async def _state(platform: Platform) -> str:
    try:
        return await asyncio.wait_for(platform.readiness(), READINESS_TIMEOUT)
    except TimeoutError:
        return "unreachable"
    except Exception as error:  # readiness must answer; the reason goes to the log
        unexpected(error, f"the readiness check of {platform.name}")
        return "error"


async def _stop(platform: Platform) -> None:
    try:
        await asyncio.wait_for(platform.stop(), STOP_TIMEOUT)
    except TimeoutError:
        log.warning("%s did not stop within %.0f s; what it had not sent stays in the outbox",
                    platform.name, STOP_TIMEOUT)
    except Exception as error:  # stopping the others and closing the database must still happen
        unexpected(error, f"stopping {platform.name}")


async def _until_terminated() -> None:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
        loop.add_signal_handler(signal.SIGTERM, stopped.set)
    try:
        await stopped.wait()
        log.info("Amends is stopping (SIGTERM)")
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGTERM)


@web.middleware
async def _guarded(request: web.Request,
                   handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
    """Never a silent 500: the reference is in the answer and, with the traceback, in the log."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception as error:
        oops = unexpected(error, f"{request.method} {request.path}")
        return web.json_response({"ok": False, "error": oops.text}, status=500)


async def serve(settings: Settings, playbook: Playbook, *, host: str = "0.0.0.0",
                specs: Sequence[PlatformSpec] | None = None) -> None:
    """Runs until SIGTERM (how containers are stopped) or cancelled (Ctrl-C); either way every
    platform is stopped and the database closed, so work in flight is finished or left in the
    outbox."""
    chosen = configured(settings, known_platforms() if specs is None else specs)
    database = Database(settings.database_url)
    platforms: list[Platform] = []
    runner: web.AppRunner | None = None
    try:
        await database.ensure_current(auto_upgrade=database.is_sqlite)
        shared = Shared(settings, playbook, database, SystemClock(), OfflineEngine(playbook))
        for spec in chosen:
            platforms.append(await spec.build(shared))
        runner = web.AppRunner(web_app(database, platforms), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, settings.port).start()
        for platform in platforms:
            await platform.start()
        log.info("Amends is serving %s; health checks on port %s",
                 ", ".join(platform.name for platform in platforms), settings.port)
        await _until_terminated()
    finally:
        for platform in reversed(platforms):
            await _stop(platform)
        if runner is not None:
            await runner.cleanup()
        await database.dispose()
