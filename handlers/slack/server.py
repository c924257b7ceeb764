"""`amends serve`: one aiohttp server for Slack (HTTP or Socket Mode) plus health checks.

Bolt runs with process_before_response: the fast part of every request (store the case, build
the answer) runs inline inside Slack's 3 seconds, without Bolt's 10 ms ack polling; anything
slower (posting to other channels, opening modals) goes to the outbox or background tasks.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore

from bot.clock import Clock, SystemClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.schedules import DigestPlan
from bot.settings import Settings, SettingsError
from handlers.slack import commands, events, interactions
from handlers.slack.background import Background
from handlers.slack.clients import WorkspaceClients, web_client
from handlers.slack.installations import EncryptedInstallationStore
from handlers.slack.roles import RoleResolver
from handlers.slack.runtime import SlackRuntime
from handlers.slack.sender import SlackSender
from store.db import Database

log = logging.getLogger(__name__)

BOT_SCOPES = ["commands", "chat:write", "im:write", "im:history", "app_mentions:read",
              "channels:history", "groups:history", "users:read", "usergroups:read", "files:write"]


@dataclass
class SlackServer:
    web: web.Application
    bolt: AsyncApp
    runtime: SlackRuntime
    sender: SlackSender
    database: Database
    installations: AsyncInstallationStore | None
    scheduler: AsyncIOScheduler | None = None

    async def close(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.sender.stop()
        await self.runtime.background.drain()
        await self.database.dispose()


async def build_server(settings: Settings, playbook: Playbook, *, clock: Clock | None = None,
                       engine: OfflineEngine | None = None, start_sender: bool = True) -> SlackServer:
    _check(settings)
    DigestPlan(settings.digest_schedules, settings.digest_teams).validate()
    database = Database(settings.database_url)
    await database.ensure_current(auto_upgrade=database.is_sqlite)
    clock = clock or SystemClock()
    engine = engine or OfflineEngine(playbook)
    installations = _installations(settings, database)
    bolt = _bolt(settings, installations, database)
    clients = WorkspaceClients(settings.slack_api_url, bot_token=settings.slack_bot_token,
                               installations=installations)
    sender = SlackSender(database=database, clients=clients, settings=settings, playbook=playbook,
                         engine=engine, clock=clock)
    amends = Amends(playbook=playbook, database=database, writer=engine, clock=clock,
                    wake=sender.wake, timezone_of=sender.digests.known_timezone)
    runtime = SlackRuntime(settings, amends, RoleResolver(playbook, settings.roles), Background())
    commands.register(bolt, runtime)
    interactions.register(bolt, runtime)
    events.register(bolt, runtime, installations)
    server = SlackServer(web=_web_app(bolt, database), bolt=bolt, runtime=runtime, sender=sender,
                         database=database, installations=installations)
    if start_sender:
        server.scheduler = start_scheduler(sender)
    return server


def start_scheduler(sender: SlackSender) -> AsyncIOScheduler:
    """APScheduler drives the clock; what is due lives in the database, so a restart loses
    nothing and each tick claims only rows no other replica holds."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(sender.tick, "interval", seconds=1, id="outbox", max_instances=1,
                      coalesce=True, next_run_time=datetime.now(UTC))
    scheduler.add_job(sender.digests.plan, "interval", minutes=15, id="digests", max_instances=1,
                      coalesce=True, next_run_time=datetime.now(UTC))
    scheduler.start()
    sender.running = True
    return scheduler


def _check(settings: Settings) -> None:
    oauth = settings.slack_client_id or settings.slack_client_secret
    if oauth and not (settings.slack_client_id and settings.slack_client_secret):
        raise SettingsError("OAuth needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    if not oauth and not settings.slack_bot_token:
        raise SettingsError("set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and "
                            "SLACK_CLIENT_SECRET (many workspaces)")
    if not settings.slack_signing_secret and not settings.slack_app_token:
        raise SettingsError("set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)")


def _installations(settings: Settings, database: Database) -> AsyncInstallationStore | None:
    if not settings.slack_client_id:
        return None
    store: AsyncInstallationStore = AsyncSQLAlchemyInstallationStore(
        client_id=settings.slack_client_id, engine=database.async_engine())
    if settings.encryption_key:
        store = EncryptedInstallationStore(store, settings.encryption_key)
    return store


def _bolt(settings: Settings, installations: AsyncInstallationStore | None,
          database: Database) -> AsyncApp:
    common = {"signing_secret": settings.slack_signing_secret or "socket-mode",
              "process_before_response": True,
              "request_verification_enabled": bool(settings.slack_signing_secret)}
    if installations is None:
        client = web_client(settings.slack_bot_token, settings.slack_api_url)
        return AsyncApp(client=client, **common)  # type: ignore[arg-type]
    assert settings.slack_client_id and settings.slack_client_secret
    oauth = AsyncOAuthSettings(
        client_id=settings.slack_client_id, client_secret=settings.slack_client_secret,
        scopes=BOT_SCOPES, installation_store=installations,
        state_store=AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600,
                                                   engine=database.async_engine()),
        install_path="/slack/install", redirect_uri_path="/slack/oauth_redirect")
    return AsyncApp(oauth_settings=oauth, client=web_client(None, settings.slack_api_url),
                    **common)  # type: ignore[arg-type]


def _web_app(bolt: AsyncApp, database: Database) -> web.Application:
    async def events_endpoint(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def oauth_endpoint(request: web.Request) -> web.Response:
        flow = bolt.oauth_flow
        assert flow is not None
        bolt_request = await to_bolt_request(request)
        if request.path == flow.install_path:
            return await to_aiohttp_response(await flow.handle_installation(bolt_request))
        return await to_aiohttp_response(await flow.handle_callback(bolt_request))

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def readyz(_: web.Request) -> web.Response:
        if await database.ping():
            return web.json_response({"ok": True})
        return web.json_response({"ok": False, "error": "database unreachable"}, status=503)

    app = web.Application()
    app.router.add_post("/slack/events", events_endpoint)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    if bolt.oauth_flow is not None:
        app.router.add_get("/slack/install", oauth_endpoint)
        app.router.add_get("/slack/oauth_redirect", oauth_endpoint)
    return app


async def serve(settings: Settings, playbook: Playbook, *, host: str = "0.0.0.0") -> None:
    server = await build_server(settings, playbook)
    runner = web.AppRunner(server.web, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, settings.port).start()
    socket_mode = None
    if settings.slack_app_token:
        socket_mode = AsyncSocketModeHandler(server.bolt, settings.slack_app_token)
        await socket_mode.connect_async()
        log.info("Amends is connected to Slack over Socket Mode; health checks on port %s",
                 settings.port)
    else:
        log.info("Amends is listening on port %s (POST /slack/events)", settings.port)
    try:
        await asyncio.Event().wait()
    finally:
        if socket_mode is not None:
            await socket_mode.close_async()
        await runner.cleanup()
        await server.close()
