"""Teams as a platform of `amends serve` (handlers/teams/config.py says when it is present)."""

from __future__ import annotations

from handlers.serve import Platform, PlatformSpec, Shared
from handlers.teams.config import TO_ENABLE, check, present


async def build(shared: Shared) -> Platform:
    from handlers.teams.server import build_teams

    return await build_teams(shared)


TEAMS = PlatformSpec(name="teams", present=present, check=check, build=build, to_enable=TO_ENABLE)
