"""A sender that dies the hard way, for the outbox's crash test.

Runs Amends' outbox loop over the real Slack transport (real slack-sdk, pointed at the test's
fake Web API) in a process of its own, and kills that process with SIGKILL right after Slack
accepted its Nth post: the post went out, and its row is not marked sent. Nothing is flushed,
nothing is cleaned up, exactly as when a machine loses power.

    python -m tests.slack.fake.crash DATABASE_URL SLACK_API_URL NOW KILL_AFTER IN_FLIGHT

NOW is the ISO time of the process' (standing) clock; IN_FLIGHT is both its concurrency and
how many rows may be sent and not yet recorded. Exits 3 if it ran out of work alive.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import datetime

from bot.clock import ManualClock
from bot.outbox import Failed, OutboundPost, Retry, Sent, Transport
from bot.playbook import load_playbook
from bot.settings import Settings
from handlers.slack.clients import WorkspaceClients
from handlers.slack.sender import SlackSender
from store.db import Database

BOT_TOKEN = "xoxb-amends-crash"
CHANNELS = {"*": {"kitchen": "CKITCHEN", "housekeeping": "CHOUSE", "safety": "CSAFETY",
                  "delivery": "CDELIVERY", "maintenance": "CMAINT", "managers": "CMANAGERS"}}


class DiesAfterAccepting:
    """Wraps a transport: once the platform has accepted `after` posts, the process is killed
    before the loop can record the last one."""

    def __init__(self, inner: Transport, after: int) -> None:
        self.inner, self.after = inner, after
        self.platform = inner.platform
        self.accepted = 0

    async def send(self, post: OutboundPost) -> Sent | Retry | Failed:
        outcome = await self.inner.send(post)
        if isinstance(outcome, Sent):
            self.accepted += 1
            if self.accepted >= self.after:
                os.kill(os.getpid(), signal.SIGKILL)
        return outcome


def sender_for(database: Database, database_url: str, api_url: str, clock: ManualClock,
               concurrency: int) -> SlackSender:
    """The outbox loop over Slack's transport, as `amends serve` builds it."""
    settings = Settings(database_url=database_url, slack_api_url=api_url, slack_bot_token=BOT_TOKEN,
                        channels=CHANNELS)
    return SlackSender(database=database, clients=WorkspaceClients(api_url, bot_token=BOT_TOKEN),
                       settings=settings, playbook=load_playbook(), clock=clock,
                       concurrency=concurrency, in_flight=concurrency, spacing=0.0)


async def run(database_url: str, api_url: str, now: datetime, kill_after: int, concurrency: int) -> int:
    database = Database(database_url)
    sender = sender_for(database, database_url, api_url, ManualClock(now), concurrency)
    sender.transport = DiesAfterAccepting(sender.transport, kill_after)
    while await sender.drain_once():
        pass
    await sender.stop()
    await database.dispose()
    return 3


def main() -> None:
    database_url, api_url, now, kill_after, concurrency = sys.argv[1:6]
    sys.exit(asyncio.run(run(database_url, api_url, datetime.fromisoformat(now), int(kill_after),
                             int(concurrency))))


if __name__ == "__main__":
    main()
