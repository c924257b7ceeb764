"""What every platform hands the core: who, where, what they typed. Nothing platform-specific."""

from __future__ import annotations

from dataclasses import dataclass

from bot.records import Actor


@dataclass(frozen=True, slots=True)
class Message:
    workspace: str
    channel: str
    user: str
    role: str
    text: str
    """What they typed, as plain text: the adapter removes its platform's markup (Slack's
    `<@U…>`, Teams' `<at>…</at>`) first. Commands may come with or without a slash."""
    platform: str = "console"
    source_key: str | None = None
    """The platform's id for this delivery (a Slack event_id); a retry with the same key never
    creates a second case."""

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.user, role=self.role, platform=self.platform,
                     channel_id=self.channel)
