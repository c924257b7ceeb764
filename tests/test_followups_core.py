"""Follow-ups in the platform-free core, delivered by the in-memory courier (as the console)."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.core import Amends
from bot.couriers import MemoryCourier
from bot.playbook import Playbook
from bot.replies import Notice, Reported
from store.db import Database
from tests.conftest import say


def kinds(courier: MemoryCourier, since: int = 0) -> list[str]:
    return [d.kind for d in courier.take_new(since)]


async def test_nudges_fire_on_time_and_stop_when_answered(amends: Amends, database: Database,
                                                          playbook: Playbook, clock: ManualClock) -> None:
    courier = MemoryCourier(database, playbook, clock)
    reported = await amends.handle(say("room 508 ac broken like a sauna"))
    assert isinstance(reported, Reported)
    await courier.drain_once()
    assert kinds(courier) == ["case_card", "team_alert"]

    clock.advance(timedelta(hours=1, minutes=59))
    assert await courier.drain_once() == 0
    clock.advance(timedelta(minutes=1))
    await courier.drain_once()
    assert kinds(courier, 2) == ["nudge_open", "sla_alert"]
    nudge = courier.delivered[2]
    assert nudge.recipient == "U_ANN" and "#1" in nudge.text

    snoozed = await amends.handle(say(f"/nudge {nudge.id} snooze 30m"))
    assert isinstance(snoozed, Notice) and not snoozed.error and "Snoozed" in snoozed.text
    clock.advance(timedelta(minutes=30))
    await courier.drain_once()
    assert kinds(courier, 4) == ["nudge_open"]

    await amends.handle(say("/case 1 resolve system"))
    seen = len(courier.delivered)
    clock.advance(timedelta(days=1))
    await courier.drain_once()
    assert "nudge_outcome" in kinds(courier, seen) and "nudge_open" not in kinds(courier, seen)
    await amends.handle(say("/case 1 outcome recovered"))
    seen = len(courier.delivered)
    clock.advance(timedelta(days=5))
    await courier.drain_once()
    assert kinds(courier, seen) == ["card_update"]


async def test_done_stops_a_reminder_and_others_cannot_touch_it(amends: Amends, database: Database,
                                                                playbook: Playbook, clock: ManualClock) -> None:
    courier = MemoryCourier(database, playbook, clock)
    await amends.handle(say("room 508 ac broken like a sauna"))
    clock.advance(timedelta(hours=2))
    await courier.drain_once()
    nudge = next(d for d in courier.delivered if d.kind == "nudge_open")
    elsewhere = await amends.handle(say(f"/nudge {nudge.id} done", workspace="T_OTHER"))
    assert isinstance(elsewhere, Notice) and elsewhere.error
    done = await amends.handle(say(f"/nudge {nudge.id} done"))
    assert isinstance(done, Notice) and "Done" in done.text
    again = await amends.handle(say(f"/nudge {nudge.id} snooze 1h"))
    assert isinstance(again, Notice) and "already done" in again.text
    bad = await amends.handle(say("/nudge x snooze forever"))
    assert isinstance(bad, Notice) and bad.error and "/nudge 12 done" in bad.text
