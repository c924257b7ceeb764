"""Who is a supervisor or manager in Teams: `[teams.roles]` keys are Entra ID (AAD) object ids
or user principal names (UPNs, "name@contoso.com").

An activity carries the sender's object id but not their UPN, so a UPN is asked of the Bot
Connector (the member's profile in this conversation) only when some role is keyed by UPN,
and kept for a few minutes, so a busy channel does not call it on every message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from bot.playbook import Playbook

log = logging.getLogger(__name__)

UpnLookup = Callable[[], Awaitable[str | None]]


class TeamsRoles:
    def __init__(self, playbook: Playbook, mapping: Mapping[str, str], *, ttl: float = 300.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.playbook = playbook
        self.by_object_id = {key.strip().lower(): role for key, role in mapping.items() if "@" not in key}
        self.by_upn = {key.strip().lower(): role for key, role in mapping.items() if "@" in key}
        self.ttl, self.monotonic = ttl, monotonic
        self._upns: dict[str, tuple[float, str | None]] = {}

    async def role_of(self, object_id: str, platform_id: str, upn_of: UpnLookup) -> str:
        """The highest role any key gives the person; the lowest role otherwise."""
        roles = [self.by_object_id[object_id.lower()]] if object_id.lower() in self.by_object_id else []
        if self.by_upn:
            upn = await self._upn(platform_id, upn_of)
            if upn and upn.lower() in self.by_upn:
                roles.append(self.by_upn[upn.lower()])
        known = [role for role in roles if self.playbook.has_role(role)]
        if not known:
            return self.playbook.lowest_role.name
        return max(known, key=lambda role: self.playbook.role(role).rank)

    async def _upn(self, platform_id: str, upn_of: UpnLookup) -> str | None:
        cached = self._upns.get(platform_id)
        if cached is not None and self.monotonic() - cached[0] < self.ttl:
            return cached[1]
        try:
            upn = await upn_of()
        except Exception as error:  # the connector being down must not stop a report
            log.warning("Teams: could not read a member's UPN (%s); roles keyed by UPN don't apply "
                        "to them for now", type(error).__name__)
            return cached[1] if cached else None
        self._upns[platform_id] = (self.monotonic(), upn)
        return upn
