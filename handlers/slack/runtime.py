"""What every Slack listener needs: the core, roles, background work and the sender's wake-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.core import Amends
from bot.messages import Message
from bot.settings import Settings
from handlers.slack.background import Background
from handlers.slack.roles import RoleResolver
from handlers.slack.timezones import TimeZones


@dataclass
class SlackRuntime:
    settings: Settings
    amends: Amends
    roles: RoleResolver
    background: Background
    zones: TimeZones = field(default_factory=TimeZones)

    async def incoming(self, context: AsyncBoltContext, text: str, *, channel: str | None = None,
                       user: str | None = None, source_key: str | None = None) -> Message:
        """A Slack request as the core's neutral message; the role comes from config."""
        workspace = context.team_id or context.enterprise_id or ""
        who = user or context.user_id or ""
        role = await self.roles.role_of(workspace, who, context.client)
        return Message(workspace=workspace, channel=channel or context.channel_id or "", user=who,
                       role=role, text=text, platform="slack", source_key=source_key)


def channel_of(body: dict[str, Any]) -> str:
    channel = body.get("channel") or body.get("container") or {}
    return str(channel.get("id") or channel.get("channel_id") or "")
