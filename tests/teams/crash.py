"""A Teams sender that dies the hard way, for the outbox's crash test on Teams.

Runs the outbox loop over the real Teams transport (botbuilder's connector client, pointed at
the test's local Bot Connector) in a process of its own, and kills it with SIGKILL right after
the connector accepted its Nth post: the post went out, its row is not marked sent.

    python -m tests.teams.crash DATABASE_URL NOW KILL_AFTER IN_FLIGHT
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import datetime
from typing import Any

from bot.clock import ManualClock
from bot.engine import OfflineEngine
from bot.playbook import load_playbook
from handlers.serve import Shared
from handlers.teams import transport
from handlers.teams.sender import TeamsSender
from handlers.teams.server import build_teams
from store.db import Database
from tests.teams.app import teams_settings


async def teams_sender(database: Database, database_url: str, now: datetime, in_flight: int) -> TeamsSender:
    """The outbox loop over Teams' transport, as `amends serve` builds it (local development:
    the connector is on 127.0.0.1)."""
    playbook = load_playbook()
    settings = teams_settings(database_url, {"AMENDS_TEAMS_DEV": "1"})
    server = await build_teams(Shared(settings, playbook, database, ManualClock(now), OfflineEngine(playbook)),
                               start_sender=False)
    sender = server.sender
    sender.spacing, sender.concurrency, sender.in_flight = 0.0, in_flight, in_flight
    return sender


def die_after_accepting(posts: int) -> None:
    """Every new post goes through `send_new`: once the connector has answered the Nth, the
    process dies before the transport can even return it (a card that needs no post, the
    reporter's answered in the chat, doesn't count)."""
    send_new = transport.send_new
    accepted = 0

    async def counted(ctx: Any, activity: Any) -> Any:
        nonlocal accepted
        answer = await send_new(ctx, activity)
        accepted += 1
        if accepted >= posts:
            os.kill(os.getpid(), signal.SIGKILL)
        return answer

    transport.send_new = counted


async def run(database_url: str, now: datetime, kill_after: int, in_flight: int) -> int:
    database = Database(database_url)
    sender = await teams_sender(database, database_url, now, in_flight)
    die_after_accepting(kill_after)
    while await sender.drain_once():
        pass
    await database.dispose()
    return 3


def main() -> None:
    database_url, now, kill_after, in_flight = sys.argv[1:5]
    sys.exit(asyncio.run(run(database_url, datetime.fromisoformat(now), int(kill_after), int(in_flight))))


if __name__ == "__main__":
    main()
