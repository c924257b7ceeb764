"""Teams inside `amends serve`: POST /api/messages through botbuilder's CloudAdapter, the
outbox's Teams sender and its scheduler.

Every request is authenticated here, before the adapter sees it: botbuilder 4.17 answers a
malformed token (`Bearer abc.def.ghi`, a JWT without `iss`) with 500, since it maps only
PermissionError, so any failure to authenticate is our 401, and nothing changes. The Bot
Connector's signing keys are fetched by botbuilder with a blocking `requests.get`, so
authentication runs in a worker thread, off the event loop. Without an app id every request
gets 401, unless AMENDS_TEAMS_DEV=1: then unauthenticated requests are taken from 127.0.0.1
only, replying only to a service on 127.0.0.1, and the log says so loudly at start.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
    ConfigurationServiceClientCredentialFactory,
)
from botbuilder.schema import Activity
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
)

from bot.core import Amends
from bot.playbook.durations import parse_duration
from bot.schedules import DigestPlan
from handlers import serve
from handlers.llm import llm_writer
from handlers.teams import config as teams_config
from handlers.teams.credentials import KeptCredentialFactory
from handlers.teams.edge import malformed
from handlers.teams.roles import TeamsRoles
from handlers.teams.sender import TeamsSender
from handlers.teams.turns import TeamsRuntime, TeamsTurns
from store.db import Database

log = logging.getLogger(__name__)
ROUTE = "/api/messages"
UNAUTHORISED = {"error": "Unauthorized"}


@dataclass
class TeamsServer:
    """The Teams platform (handlers.serve.Platform). Tests reach its parts."""

    config: teams_config.TeamsConfig
    adapter: CloudAdapter
    authentication: BotFrameworkAuthentication
    turns: TeamsTurns
    sender: TeamsSender
    database: Database
    credentials: KeptCredentialFactory
    start_sender: bool = True
    name: str = "teams"
    scheduler: AsyncIOScheduler | None = field(default=None, init=False)
    _warming: asyncio.Task[None] | None = field(default=None, init=False)

    def routes(self) -> Sequence[web.RouteDef]:
        return [web.post(ROUTE, self.messages)]

    async def messages(self, request: web.Request) -> web.Response:
        header = request.headers.get("Authorization", "")
        if not self._may_enter(request, header):
            return web.json_response(UNAUTHORISED, status=401)
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            body = None
        problem = malformed(body)
        if problem is not None and self.config.authenticated:
            return web.json_response(UNAUTHORISED, status=401)  # a token can't be checked against it
        if problem is not None:
            return web.json_response({"error": f"not a Bot Framework activity: {problem}"}, status=400)
        try:
            activity = Activity().deserialize(body)
        except Exception as error:  # msrest's DeserializationError and what it wraps: a field of the wrong kind
            log.info("Teams: refused an activity botbuilder can't read (%s)", type(error).__name__)
            status = 401 if self.config.authenticated else 400
            return web.json_response(UNAUTHORISED if status == 401 else
                                     {"error": "not a Bot Framework activity: a field is of the wrong kind"},
                                     status=status)
        if self.config.dev and not _loopback_url(activity.service_url or ""):
            log.warning("Teams (local development): refused an activity whose serviceUrl is not on 127.0.0.1")
            return web.json_response(UNAUTHORISED, status=401)
        result = await self._authenticate(activity, header)
        if result is None:
            return web.json_response(UNAUTHORISED, status=401)
        answer = await self.adapter.process_activity(result, activity, self.turns.on_turn)
        if answer is not None:
            return web.json_response(answer.body, status=answer.status)
        return web.Response(status=200)

    def _may_enter(self, request: web.Request, header: str) -> bool:
        if self.config.authenticated:
            return header.startswith("Bearer ") and len(header) > len("Bearer ")
        return self.config.dev and _loopback(request.remote)

    async def _authenticate(self, activity: Activity, header: str) -> AuthenticateRequestResult | None:
        """botbuilder's own validation (signature, issuer, audience, endorsements, service URL)
        in a worker thread; every failure is a refusal, with why in the log."""
        auth_header = header if self.config.authenticated else None

        def validate() -> AuthenticateRequestResult:
            return asyncio.run(self.authentication.authenticate_request(activity, auth_header))

        try:
            return await asyncio.to_thread(validate)
        except Exception as error:  # any token botbuilder can't validate is unauthorised
            log.info("Teams: refused a request (%s: %s)", type(error).__name__, str(error)[:160])
            return None

    async def start(self) -> None:
        if self.config.dev:
            log.warning("Teams: LOCAL DEVELOPMENT MODE (AMENDS_TEAMS_DEV=1, no MicrosoftAppId): %s accepts "
                        "UNAUTHENTICATED requests from 127.0.0.1. Anything on this host, a tunnel or a proxy "
                        "included, can act as anyone. Never use this in production.", ROUTE)
        elif teams_config.env_flag(self.config):
            log.warning("Teams: AMENDS_TEAMS_DEV is ignored because MicrosoftAppId is set: every request "
                        "is authenticated")
        if self.config.authenticated:
            self._warming = asyncio.get_running_loop().create_task(self.warm())
        if self.start_sender:
            self.scheduler = start_scheduler(self.sender)
            self.scheduler.add_job(self.warm, "interval", minutes=5, id="teams-token", max_instances=1,
                                   coalesce=True)
        log.info("Teams: listening for the Bot Framework at POST %s", ROUTE)

    async def warm(self) -> None:
        """The bot's token for its calls to the connector, fetched or renewed in a worker thread
        (the first at start, before any turn needs it)."""
        await self.credentials.prepare(AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE,
                                       self.config.login_url)
        await asyncio.to_thread(self.credentials.warm_all)

    async def stop(self) -> None:
        if self._warming is not None:
            self._warming.cancel()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.sender.stop()
        await self.turns.runtime.amends.settle()

    async def readiness(self) -> str:
        return serve.OK


async def build_teams(shared: serve.Shared, *, start_sender: bool = True) -> TeamsServer:
    config = teams_config.load(shared.settings)
    DigestPlan(shared.settings.digest_schedules, shared.settings.digest_teams).validate()
    configuration = _botbuilder_configuration(config)
    credentials = KeptCredentialFactory(ConfigurationServiceClientCredentialFactory(configuration),
                                        config.app_id, config.password, config.tenant_id)
    authentication = ConfigurationBotFrameworkAuthentication(configuration, credentials_factory=credentials)
    adapter = CloudAdapter(authentication)
    sender = TeamsSender(database=shared.database, adapter=adapter, config=config, settings=shared.settings,
                         playbook=shared.playbook, clock=shared.clock)
    amends = Amends(playbook=shared.playbook, database=shared.database,
                    writer=llm_writer(shared.settings) or shared.engine, clock=shared.clock,
                    words_later=True, wake=sender.wake, timezones=shared.settings.timezones,
                    emergency_numbers=shared.settings.emergency_numbers,
                    unsure_window=parse_duration(shared.settings.unsure_window))
    roles = TeamsRoles(shared.playbook, config.section.roles)
    turns = TeamsTurns(TeamsRuntime(amends, roles, shared.database, shared.clock,
                                    frozenset(config.section.listen_channels),
                                    config.tenant_id if config.authenticated else None))
    return TeamsServer(config=config, adapter=adapter, authentication=authentication, turns=turns,
                       sender=sender, database=shared.database, credentials=credentials,
                       start_sender=start_sender)


def _botbuilder_configuration(config: teams_config.TeamsConfig) -> Any:
    """botbuilder reads its settings as attributes; the key names are its own."""
    values: dict[str, Any] = {"APP_ID": config.app_id or "", "APP_PASSWORD": config.password or "",
                              "APP_TYPE": config.app_type if config.app_id else "MultiTenant",
                              "APP_TENANTID": config.tenant_id or ""}
    if config.openid_metadata:
        values["TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL"] = config.openid_metadata
        values["TO_BOT_FROM_CHANNEL_TOKEN_ISSUER"] = config.token_issuer
    if config.login_url:
        values["TO_CHANNEL_FROM_BOT_LOGIN_URL"] = config.login_url
        values["VALIDATE_AUTHORITY"] = False
    return SimpleNamespace(**values)


def start_scheduler(sender: TeamsSender) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(sender.tick, "interval", seconds=1, id="teams-outbox", max_instances=1,
                      coalesce=True, next_run_time=datetime.now(UTC))
    scheduler.add_job(sender.plan_digests, "interval", minutes=15, id="teams-digests", max_instances=1,
                      coalesce=True, next_run_time=datetime.now(UTC))
    scheduler.start()
    sender.running = True
    return scheduler


def _loopback(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _loopback_url(url: str) -> bool:
    host = urlsplit(url).hostname
    return host == "localhost" or _loopback(host)
