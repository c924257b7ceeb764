"""Digests in Slack: built when they fall due, posted with the chart to the managers, the next
one planned; and each workspace's time zone, from config or learnt from Slack."""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.errors import SlackApiError
from sqlalchemy import Connection

from bot.chart import digest_chart
from bot.digest import Digest, build_digest
from bot.schedules import parse_recipient, plan_digests
from handlers.slack.clients import ClientNotAvailable
from handlers.slack.digest_blocks import digest_blocks
from store import cases as case_store
from store import deliveries as outbox
from store.deliveries import DeliveryRecord

if TYPE_CHECKING:
    from handlers.slack.sender import SlackSender


class SlackDigests:
    def __init__(self, sender: SlackSender) -> None:
        self.sender = sender
        self._zones: dict[str, str] = {}

    async def send(self, delivery: DeliveryRecord) -> None:
        """Builds the period's figures when it falls due, posts them with the chart, and queues
        the next one."""
        team, period = parse_recipient(delivery.recipient)
        tz = await self.workspace_timezone(delivery.workspace_id)
        digest = await self.sender.database.run(lambda conn: build_digest(
            conn, self.sender.playbook, workspace=delivery.workspace_id, team=team, period=period,
            now=delivery.due_at, tz=tz))
        channel = ((team and self.sender.settings.channel_for(delivery.workspace_id, f"{team}.managers"))
                   or self.sender.settings.channel_for(delivery.workspace_id, "managers"))
        outcome: tuple[str, object] = ("sent", None)
        if channel is not None:
            try:
                await self.post_digest(delivery.workspace_id, channel, digest)
            except SlackApiError as error:
                outcome = ("error", f"slack: {error.response.get('error')}")
            except (aiohttp.ClientError, OSError, TimeoutError, ClientNotAvailable) as error:
                outcome = ("error", f"{type(error).__name__}: {error}")
        now = self.sender.clock.now()

        def record(conn: Connection) -> None:
            self.sender._record(conn, [(delivery, outcome)], {}, now)
            if outcome[0] == "sent":
                plan_digests(conn, self.sender.plan_of_digests, workspace=delivery.workspace_id,
                             platform="slack", tz=tz, now=max(now, delivery.due_at))

        await self.sender.database.run(record)

    async def post_digest(self, workspace: str, channel: str, digest: Digest) -> None:
        client = await self.sender.clients.client_for(workspace)
        text, blocks = digest_blocks(digest)
        await self.sender._post(client, channel=channel, text=text, blocks=blocks)
        await client.files_upload_v2(channel=channel, content=digest_chart(digest),
                                     filename=f"amends-{digest.period}-{digest.start:%Y-%m-%d}.png",
                                     title=f"Cases and recovery, {digest.period}")

    async def plan(self) -> int:
        """Queues the next digest of every Slack workspace (idempotent; run at start and hourly)."""
        now = self.sender.clock.now()
        workspaces = await self.sender.database.run(lambda conn: outbox.workspaces_of(conn, "slack"))
        zones = {workspace: await self.workspace_timezone(workspace) for workspace in workspaces}
        return await self.sender.database.run(lambda conn: sum(
            plan_digests(conn, self.sender.plan_of_digests, workspace=workspace, platform="slack", tz=zone, now=now)
            for workspace, zone in zones.items()))

    async def workspace_timezone(self, workspace: str) -> str:
        """The configured zone; else the one learnt from Slack (users.info of the workspace's
        first reporter), kept on the workspace row; else UTC."""
        if workspace in self.sender.settings.timezones or "*" in self.sender.settings.timezones:
            return self.sender.settings.timezone_for(workspace)
        stored, reporter = await self.sender.database.run(lambda conn: (
            case_store.workspace_timezone(conn, workspace), case_store.first_reporter(conn, workspace)))
        if stored and stored != "UTC" or reporter is None:
            self._zones[workspace] = stored or "UTC"
            return self._zones[workspace]
        try:
            client = await self.sender.clients.client_for(workspace)
            zone = str((await client.users_info(user=reporter))["user"].get("tz") or "UTC")
        except (SlackApiError, aiohttp.ClientError, OSError, ClientNotAvailable, KeyError):
            return stored or "UTC"
        await self.sender.database.run(lambda conn: case_store.set_workspace_timezone(conn, workspace, zone))
        self._zones[workspace] = zone
        return zone

    def known_timezone(self, workspace: str) -> str:
        """For answers that cannot wait on Slack (on-demand digests): what is known so far."""
        if workspace in self.sender.settings.timezones or "*" in self.sender.settings.timezones:
            return self.sender.settings.timezone_for(workspace)
        return self._zones.get(workspace, "UTC")

