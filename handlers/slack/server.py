"""Slack inside `amends serve`: Bolt over HTTP or Socket Mode, its outbox sender and scheduler.

Bolt runs with process_before_response: the fast part of every request (store the case, build
the answer) runs inline inside Slack's 3 seconds, without Bolt's 10 ms ack polling; anything
slower (posting to other channels, opening modals) goes to the outbox or background tasks.

Bolt's request verification stays on in every mode. Over HTTP it checks SLACK_SIGNING_SECRET
(and handlers/slack/edge.py checks it first, on the raw bytes). Socket Mode serves no Slack
endpoint over HTTP at all; Bolt skips verification only for requests that came over the socket,
and its secret is then a random one nobody holds, so nothing sent over HTTP could ever pass.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import aiohttp
from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock, SystemClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.playbook.durations import parse_duration
from bot.schedules import DigestPlan
from bot.settings import Settings
from handlers import serve
from handlers.llm import llm_writer
from handlers.slack import commands, edge, events, failures, interactions
from handlers.slack.background import Background
from handlers.slack.clients import DEFAULT_API_URL, WorkspaceClients, web_client
from handlers.slack.installations import EncryptedInstallationStore, reseal_stored_tokens
from handlers.slack.platform import check
from handlers.slack.roles import RoleResolver
from handlers.slack.runtime import SlackRuntime
from handlers.slack.sender import SlackSender
from store.db import Database

log = logging.getLogger(__name__)

BOT_SCOPES = ["commands", "chat:write", "im:write", "im:history", "app_mentions:read",
              "channels:history", "groups:history", "users:read", "usergroups:read", "files:write"]
AUTH_ERRORS = frozenset({"invalid_auth", "not_authed", "token_revoked", "token_expired",
                         "account_inactive"})
CHECK_EVERY = 30.0
"""Seconds a readiness answer from Slack is reused: a load balancer polls far more often."""


@dataclass
class SlackServer:
    """The Slack platform (handlers.serve.Platform). Tests reach its parts: bolt, runtime,
    sender, database, installations."""

    settings: Settings
    bolt: AsyncApp
    runtime: SlackRuntime
    sender: SlackSender
    database: Database
    installations: AsyncInstallationStore | None
    scheduler: AsyncIOScheduler | None = None
    socket: AsyncSocketModeHandler | None = None
    start_sender: bool = True
    name: str = "slack"
    ping_interval: float = 10.0
    """Socket Mode: seconds between pings, and between tries to connect while Slack is down."""
    monotonic: Callable[[], float] = time.monotonic
    """The clock readiness answers age by (tests move it)."""
    _connecting: asyncio.Task[None] | None = field(default=None, init=False, repr=False)
    _checked: tuple[float, str] | None = field(default=None, init=False, repr=False)

    @property
    def socket_mode(self) -> bool:
        return bool(self.settings.slack_app_token)

    def routes(self) -> Sequence[web.RouteDef]:
        secret = None if self.socket_mode else self.settings.slack_signing_secret
        return edge.routes(self.bolt, http_signing_secret=secret, oauth=self.installations is not None)

    async def start(self) -> None:
        if self.start_sender:
            self.scheduler = start_scheduler(self.sender)
        if self.settings.slack_app_token:
            self.socket = AsyncSocketModeHandler(self.bolt, self.settings.slack_app_token,
                                                 ping_interval=self.ping_interval)
            self._connecting = asyncio.get_running_loop().create_task(self._connect())
        else:
            log.info("Slack: listening for requests at POST /slack/events")

    async def _connect(self) -> None:
        """In the background, so Slack being down degrades Slack alone: slack-sdk's client tries
        again every ping_interval until Slack answers (and reconnects by itself after)."""
        assert self.socket is not None
        await self.socket.connect_async()  # type: ignore[no-untyped-call]
        log.info("Slack: connected over Socket Mode")

    async def stop(self) -> None:
        if self._connecting is not None:
            self._connecting.cancel()
        if self.socket is not None:
            await self.socket.close_async()  # type: ignore[no-untyped-call]
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.sender.stop()
        await self.runtime.background.drain()

    async def close(self) -> None:
        """stop() and the database too: for a SlackServer built alone (tests, build_server)."""
        await self.stop()
        await self.database.dispose()

    async def readiness(self) -> str:
        """"disconnected" while the Socket Mode link is down; else what Slack answered lately:
        "ok", "unauthorised" (the token was revoked) or "unreachable"."""
        if self.socket_mode and not (self.socket is not None and await self.socket.client.is_connected()):
            return "disconnected"
        now = self.monotonic()
        if self._checked is None or now - self._checked[0] > CHECK_EVERY:
            self._checked = (now, await self._ask_slack())
        return self._checked[1]

    async def _ask_slack(self) -> str:
        client = AsyncWebClient(token=self.settings.slack_bot_token, timeout=int(serve.READINESS_TIMEOUT),
                                base_url=self.settings.slack_api_url or DEFAULT_API_URL, retry_handlers=[])
        try:
            if self.settings.slack_bot_token:
                await client.auth_test()
            else:
                await client.api_test()  # OAuth: no single token to check; is Slack there at all?
        except SlackApiError as error:
            reason = _reason(error)
            log.warning("Slack: readiness check failed (%s)", reason)
            return "unauthorised" if reason in AUTH_ERRORS else "unreachable"
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning("Slack: readiness check failed (%s)", _reason(error))
            return "unreachable"
        return serve.OK


def _reason(error: BaseException) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or "error")
    return type(error).__name__


async def build_slack(shared: serve.Shared, *, start_sender: bool = True) -> SlackServer:
    settings, playbook, database = shared.settings, shared.playbook, shared.database
    check(settings)
    DigestPlan(settings.digest_schedules, settings.digest_teams).validate()
    installations = await _installations(settings, database)
    bolt = _bolt(settings, installations, database)
    clients = WorkspaceClients(settings.slack_api_url, bot_token=settings.slack_bot_token,
                               installations=installations)
    sender = SlackSender(database=database, clients=clients, settings=settings, playbook=playbook,
                         clock=shared.clock)
    amends = Amends(playbook=playbook, database=database,
                    writer=llm_writer(shared.settings) or shared.engine, clock=shared.clock,
                    words_later=True,
                    wake=sender.wake, timezones=shared.settings.timezones,
                    emergency_numbers=shared.settings.emergency_numbers,
                    unsure_window=parse_duration(shared.settings.unsure_window))
    runtime = SlackRuntime(settings, amends, RoleResolver(playbook, settings.platform("slack").roles), Background())
    failures.register(bolt, runtime.background)
    commands.register(bolt, runtime)
    interactions.register(bolt, runtime)
    events.register(bolt, runtime, installations)
    return SlackServer(settings=settings, bolt=bolt, runtime=runtime, sender=sender, database=database,
                       installations=installations, start_sender=start_sender)


async def build_server(settings: Settings, playbook: Playbook, *, clock: Clock | None = None,
                       engine: OfflineEngine | None = None, start_sender: bool = True) -> SlackServer:
    """Slack alone on its own database (tests); `amends serve` goes through handlers.serve."""
    check(settings)
    database = Database(settings.database_url)
    try:
        await database.ensure_current(auto_upgrade=database.is_sqlite)
        shared = serve.Shared(settings, playbook, database, clock or SystemClock(),
                              engine or OfflineEngine(playbook))
        return await build_slack(shared, start_sender=start_sender)
    except BaseException:
        await database.dispose()
        raise


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


async def _installations(settings: Settings, database: Database) -> AsyncInstallationStore | None:
    """OAuth: slack-sdk's store, encrypted; what older versions stored is re-encrypted first."""
    if not settings.slack_client_id:
        return None
    assert settings.encryption_key, "platform.check requires it"
    inner = AsyncSQLAlchemyInstallationStore(client_id=settings.slack_client_id,
                                             engine=database.async_engine())
    store = EncryptedInstallationStore(inner, settings.encryption_key)
    await reseal_stored_tokens(inner, store.cipher)
    return store


def _bolt(settings: Settings, installations: AsyncInstallationStore | None,
          database: Database) -> AsyncApp:
    # Socket Mode has no signing secret to give; Bolt gets one nobody holds (see the docstring).
    secret = settings.slack_signing_secret or secrets.token_urlsafe(32)
    if installations is None:
        client = web_client(settings.slack_bot_token, settings.slack_api_url)
        return AsyncApp(client=client, signing_secret=secret, process_before_response=True)
    assert settings.slack_client_id and settings.slack_client_secret
    oauth = AsyncOAuthSettings(
        client_id=settings.slack_client_id, client_secret=settings.slack_client_secret,
        scopes=BOT_SCOPES, installation_store=installations,
        state_store=AsyncSQLAlchemyOAuthStateStore(expiration_seconds=600,
                                                   engine=database.async_engine()),
        install_path="/slack/install", redirect_uri_path="/slack/oauth_redirect")
    return AsyncApp(oauth_settings=oauth, client=web_client(None, settings.slack_api_url),
                    signing_secret=secret, process_before_response=True)
