"""Who is a supervisor or manager: Slack user ids and user groups from config, cached.

User groups are resolved through the Web API (usergroups.list, usergroups.users.list) and kept
for a few minutes, so a busy channel does not call Slack on every report.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.playbook import Playbook

log = logging.getLogger(__name__)


class RoleResolver:
    def __init__(self, playbook: Playbook, mapping: Mapping[str, str], *, ttl: float = 300.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.playbook = playbook
        self.users = {key: role for key, role in mapping.items() if not _is_group(key)}
        self.groups = {key: role for key, role in mapping.items() if _is_group(key)}
        self.ttl, self.monotonic = ttl, monotonic
        self._members: dict[str, tuple[float, dict[str, str]]] = {}

    async def role_of(self, team_id: str, user_id: str, client: AsyncWebClient) -> str:
        """The highest role any mapping gives the user; the lowest role otherwise."""
        roles = [self.users[user_id]] if user_id in self.users else []
        if self.groups:
            roles += [role for member, role in (await self._group_roles(team_id, client)).items()
                      if member == user_id]
        known = [role for role in roles if self.playbook.has_role(role)]
        if not known:
            return self.playbook.lowest_role.name
        return max(known, key=lambda role: self.playbook.role(role).rank)

    async def _group_roles(self, team_id: str, client: AsyncWebClient) -> dict[str, str]:
        cached = self._members.get(team_id)
        if cached and self.monotonic() - cached[0] < self.ttl:
            return cached[1]
        members: dict[str, str] = {}
        try:
            ids = await self._group_ids(client)
            for key, role in self.groups.items():
                group_id = ids.get(key.lstrip("@"), key)
                response = await client.usergroups_users_list(usergroup=group_id)
                users: list[str] = response.get("users", [])
                for user in users:
                    current = members.get(user)
                    if current is None or self.playbook.role(role).rank > self.playbook.role(current).rank:
                        members[user] = role
        except SlackApiError as error:
            log.warning("could not read user groups for %s: %s", team_id, error.response.get("error"))
            members = cached[1] if cached else {}
        self._members[team_id] = (self.monotonic(), members)
        return members

    async def _group_ids(self, client: AsyncWebClient) -> dict[str, str]:
        if not any(key.startswith("@") for key in self.groups):
            return {}
        response = await client.usergroups_list()
        groups: list[dict[str, str]] = response.get("usergroups", [])
        return {group["handle"]: group["id"] for group in groups}


def _is_group(key: str) -> bool:
    return key.startswith("@") or key.startswith("S")
