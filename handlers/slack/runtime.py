"""What every Slack listener needs: the core, roles, background work and the sender's wake-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.core import Amends
from bot.messages import Message
from bot.settings import PlatformSection, Settings
from handlers.slack.background import Background
from handlers.slack.payload import MalformedPayload
from handlers.slack.roles import RoleResolver
from handlers.slack.timezones import TimeZones


@dataclass
class SlackRuntime:
    settings: Settings
    amends: Amends
    roles: RoleResolver
    background: Background
    zones: TimeZones = field(default_factory=TimeZones)

    @property
    def section(self) -> PlatformSection:
        """Slack's roles, channels and listened channels (the file's top level and [slack])."""
        return self.settings.platform("slack")

    async def incoming(self, context: AsyncBoltContext, text: str, *, channel: str | None = None,
                       user: str | None = None, source_key: str | None = None) -> Message:
        """A Slack request as the core's neutral message; the role comes from config. Text is
        already plain (handlers/slack/markup.py); a request naming no workspace or person is
        malformed, not anonymous."""
        workspace = context.team_id or context.enterprise_id or ""
        who = user or context.user_id or ""
        if not workspace or not who:
            raise MalformedPayload("the request names no workspace or no user")
        role = await self.roles.role_of(workspace, who, context.client)
        return Message(workspace=workspace, channel=channel or context.channel_id or "", user=who,
                       role=role, text=text, platform="slack", source_key=source_key)


def channel_of(body: dict[str, Any]) -> str:
    for where in (body.get("channel"), body.get("container")):
        if isinstance(where, dict):
            found = where.get("id") or where.get("channel_id")
            if isinstance(found, str) and found:
                return found
    return ""
