"""The outbox loop over Teams' transport: one message a second per conversation at most
(Teams throttles a bot per conversation), different conversations served concurrently."""

from __future__ import annotations

from botbuilder.integration.aiohttp import CloudAdapter

from bot.clock import Clock
from bot.outbox import OutboxLoop
from bot.playbook import Playbook
from bot.schedules import DigestPlan
from bot.settings import Settings
from handlers.teams.config import TeamsConfig
from handlers.teams.transport import TeamsTransport
from store.db import Database

SPACING = 1.0


class TeamsSender(OutboxLoop):
    def __init__(self, *, database: Database, adapter: CloudAdapter, config: TeamsConfig, settings: Settings,
                 playbook: Playbook, clock: Clock, spacing: float = SPACING) -> None:
        transport = TeamsTransport(adapter=adapter, app_id=config.app_id, database=database,
                                   section=config.section, clock=clock)
        super().__init__(database=database, transport=transport, playbook=playbook, clock=clock,
                         spacing=spacing, digest_plan=DigestPlan(settings.digest_schedules, settings.digest_teams),
                         timezones=settings.timezones)
