"""Digests in Slack: each workspace's next digest planned in the outbox (the loop builds and
the transport posts it when it falls due), and the workspace's time zone learnt from Slack
when none is configured, kept on the workspace row where the core reads it (bot/zones.py)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.zones import needs_learning, remember_timezone, workspace_timezone
from handlers.slack.clients import ClientNotAvailable
from store import cases as case_store
from store import deliveries as outbox

if TYPE_CHECKING:
    from handlers.slack.sender import SlackSender

log = logging.getLogger(__name__)


class SlackDigests:
    def __init__(self, sender: SlackSender) -> None:
        self.sender = sender

    async def plan(self) -> int:
        """Learns the zone of workspaces that have none yet, then queues each workspace's next
        digest through the core (run at start and every 15 minutes); how many were queued."""
        workspaces = await self.sender.database.run(lambda conn: outbox.workspaces_of(conn, "slack"))
        for workspace in workspaces:
            await self.workspace_timezone(workspace)
        return await self.sender.plan_digests()

    async def workspace_timezone(self, workspace: str) -> str:
        """The core's zone for this workspace; when nothing is configured or known yet, first
        learnt from Slack (users.info of the workspace's first reporter) and stored."""
        configured = self.sender.settings.timezones
        database = self.sender.database
        learn, reporter = await database.run(lambda conn: (
            needs_learning(conn, workspace, configured), case_store.first_reporter(conn, workspace)))
        if learn and reporter is not None:
            zone = await self._zone_of(workspace, reporter)
            if zone is not None:
                await database.run(lambda conn: remember_timezone(conn, workspace, zone))
        return await database.run(lambda conn: workspace_timezone(conn, workspace, configured))

    async def _zone_of(self, workspace: str, user: str) -> str | None:
        try:
            client = await self.sender.clients.client_for(workspace)
            return str((await client.users_info(user=user))["user"].get("tz") or "UTC")
        except (SlackApiError, aiohttp.ClientError, OSError, TimeoutError, ClientNotAvailable,
                KeyError) as error:
            log.info("time zone of workspace %s not learnt from Slack: %s", workspace, error)
            return None
