"""Couriers take due rows from the outbox to the people they are for.

Each platform has one (Slack's is handlers/slack/sender.py). The in-memory courier keeps what it
delivered in a list: the console prints it, and tests read it, with the same claiming, follow-up
checks and escalation as every other courier.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection

from bot import followups
from bot.clock import Clock
from bot.playbook import Playbook
from store import deliveries as outbox
from store.db import Database
from store.deliveries import DeliveryRecord


class Courier(Protocol):
    def wake(self) -> None:
        """New rows were queued: deliver soon."""

    async def drain_once(self) -> int:
        """Deliver what is due now; how many rows were settled."""


class MemoryCourier:
    def __init__(self, database: Database, playbook: Playbook, clock: Clock,
                 platform: str = "console") -> None:
        self.database, self.playbook, self.clock, self.platform = database, playbook, clock, platform
        self.delivered: list[DeliveryRecord] = []

    def wake(self) -> None:
        """Nothing to schedule: the console and tests drain when they choose."""

    async def drain_once(self) -> int:
        now = self.clock.now()

        def take(conn: Connection) -> list[DeliveryRecord]:
            taken = []
            for delivery in outbox.claim_due(conn, self.platform, now):
                if followups.is_moot(conn, delivery, now):
                    continue
                taken.append(delivery)
                if not followups.after_sent(conn, self.playbook, delivery, now):
                    outbox.mark_sent(conn, delivery.id, now)
            return taken

        taken = await self.database.run(take)
        self.delivered += taken
        return len(taken)

    def take_new(self, since: int) -> list[DeliveryRecord]:
        return self.delivered[since:]
