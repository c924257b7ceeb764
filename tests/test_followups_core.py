"""Follow-ups in the platform-free core, delivered by the outbox loop over the in-memory
transport (as the console), and who may snooze or stop which reminder."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.clock import ManualClock
from bot.core import Amends
from bot.outbox import MemoryTransport, OutboundPost, OutboxLoop
from bot.playbook import Playbook
from bot.replies import Notice, Reported
from store.cases import EVENTS
from store.db import Database
from store.deliveries import DELIVERIES
from tests.conftest import say


class Outbox:
    """The loop as the console runs it: rounds until nothing is due."""

    def __init__(self, amends: Amends) -> None:
        self.transport = MemoryTransport("console")
        self.loop = OutboxLoop(database=amends.database, transport=self.transport,
                               playbook=amends.playbook, clock=amends.clock)

    async def deliver(self) -> list[OutboundPost]:
        before = len(self.transport.delivered)
        while await self.loop.drain_once():
            pass
        return self.transport.take_new(before)


def kinds(posts: list[OutboundPost]) -> list[str]:
    return sorted(post.kind for post in posts)


async def reminder_state(database: Database, delivery_id: int) -> tuple[object, ...]:
    row = await database.run(lambda conn: conn.execute(
        select(DELIVERIES.c.due_at, DELIVERIES.c.cancelled_at).where(DELIVERIES.c.id == delivery_id)).one())
    return tuple(row)


async def answers(database: Database) -> list[str]:
    return await database.run(lambda conn: list(conn.execute(
        select(EVENTS.c.kind).where(EVENTS.c.kind.in_(("reminder_done", "reminder_snoozed")))).scalars()))


async def test_nudges_fire_on_time_and_stop_when_answered(amends: Amends, clock: ManualClock) -> None:
    outbox = Outbox(amends)
    reported = await amends.handle(say("room 508 ac broken like a sauna"))
    assert isinstance(reported, Reported)
    assert kinds(await outbox.deliver()) == ["case_card", "team_alert"]

    clock.advance(timedelta(hours=1, minutes=59))
    assert await outbox.deliver() == []
    clock.advance(timedelta(minutes=1))
    due = await outbox.deliver()
    assert kinds(due) == ["nudge_open", "sla_alert"]
    nudge = next(post for post in due if post.kind == "nudge_open")
    assert nudge.recipient == "U_ANN" and "#1" in nudge.text

    snoozed = await amends.handle(say(f"/nudge {nudge.id} snooze 30m"))
    assert isinstance(snoozed, Notice) and not snoozed.error and "Snoozed" in snoozed.text
    clock.advance(timedelta(minutes=30))
    assert kinds(await outbox.deliver()) == ["nudge_open"]

    await amends.handle(say("/case 1 resolve system"))
    clock.advance(timedelta(days=1))
    after_resolving = kinds(await outbox.deliver())
    assert "nudge_outcome" in after_resolving and "nudge_open" not in after_resolving
    await amends.handle(say("/case 1 outcome recovered"))
    clock.advance(timedelta(days=5))
    assert kinds(await outbox.deliver()) == ["card_update_dm", "card_update_team", "thread_note"]


async def test_done_stops_a_reminder_and_another_workspace_cannot_touch_it(
        amends: Amends, clock: ManualClock) -> None:
    outbox = Outbox(amends)
    await amends.handle(say("room 508 ac broken like a sauna"))
    clock.advance(timedelta(hours=2))
    nudge = next(post for post in await outbox.deliver() if post.kind == "nudge_open")
    elsewhere = await amends.handle(say(f"/nudge {nudge.id} done", workspace="T_OTHER"))
    assert isinstance(elsewhere, Notice) and elsewhere.error
    done = await amends.handle(say(f"/nudge {nudge.id} done"))
    assert isinstance(done, Notice) and "Done" in done.text
    again = await amends.handle(say(f"/nudge {nudge.id} snooze 1h"))
    assert isinstance(again, Notice) and "already done" in again.text
    bad = await amends.handle(say("/nudge x snooze forever"))
    assert isinstance(bad, Notice) and bad.error and "/nudge 12 done" in bad.text


async def test_only_the_person_a_nudge_is_for_can_snooze_or_stop_it(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    outbox = Outbox(amends)
    await amends.handle(say("room 508 ac broken like a sauna"))
    clock.advance(timedelta(hours=2))
    nudge = next(post for post in await outbox.deliver() if post.kind == "nudge_open")
    before = await reminder_state(database, nudge.id)
    for who, role in (("U_BOB", "frontline"), ("U_MGR", "manager")):
        for answer in ("done", "snooze 1h"):
            refused = await amends.handle(say(f"/nudge {nudge.id} {answer}", user=who, role=role))
            assert isinstance(refused, Notice) and refused.error
            assert "can't snooze or stop reminder" in refused.text and "Nothing changed" in refused.text
    assert await reminder_state(database, nudge.id) == before
    assert await answers(database) == []
    mine = await amends.handle(say(f"/nudge {nudge.id} done"))
    assert isinstance(mine, Notice) and not mine.error and "Done" in mine.text


async def test_an_overdue_alert_answers_to_its_owner_or_a_supervisor(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    outbox = Outbox(amends)
    await amends.handle(say("table 7 burger came out cold"))
    clock.advance(timedelta(minutes=30))
    alert = next(post for post in await outbox.deliver() if post.kind == "sla_alert")
    before = await reminder_state(database, alert.id)
    refused = await amends.handle(say(f"/nudge {alert.id} done", user="U_BOB"))
    assert isinstance(refused, Notice) and refused.error and "supervisor" in refused.text
    assert await reminder_state(database, alert.id) == before
    by_supervisor = await amends.handle(say(f"/nudge {alert.id} snooze 1h", user="U_SUP", role="supervisor"))
    assert isinstance(by_supervisor, Notice) and not by_supervisor.error
    by_owner = await amends.handle(say(f"/nudge {alert.id} done"))
    assert isinstance(by_owner, Notice) and not by_owner.error and "Done" in by_owner.text
    assert sorted(await answers(database)) == ["reminder_done", "reminder_snoozed"]


async def test_an_approval_reminder_answers_only_to_someone_who_could_approve_it(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    outbox = Outbox(amends)
    await amends.handle(say("guest in 214 says the room was not cleaned"))
    requested = await amends.handle(say("/case 1 request 4"))
    assert not isinstance(requested, Notice), requested
    clock.advance(timedelta(hours=1))
    reminder = next(post for post in await outbox.deliver() if post.kind == "approval_reminder")
    before = await reminder_state(database, reminder.id)
    for who, role in (("U_ANN", "frontline"), ("U_SUP", "supervisor")):
        refused = await amends.handle(say(f"/nudge {reminder.id} done", user=who, role=role))
        assert isinstance(refused, Notice) and refused.error and "approve" in refused.text
    assert await reminder_state(database, reminder.id) == before
    by_manager = await amends.handle(say(f"/nudge {reminder.id} done", user="U_MGR", role="manager"))
    assert isinstance(by_manager, Notice) and not by_manager.error and "Done" in by_manager.text


async def test_the_console_sees_what_others_would_be_sent(amends: Amends, playbook: Playbook) -> None:
    """The console keeps its lines: one per message to a team or the managers, none for the
    card updates the person already sees."""
    from handlers.console.chat import ConsoleSession

    session = ConsoleSession(amends, "T_HOTEL", "U_ANN", "frontline")
    first = await session.answer("guest slipped on the wet floor by the pool and hurt her wrist")
    assert first is not None
    [line] = [line for line in first.splitlines() if "→" in line]
    assert line.startswith("  → to safety: Case #1")
    resolved = await session.answer("/case 1 resolve process")
    assert resolved is not None and "→" not in resolved


async def test_snoozing_never_brings_a_reminder_forward(amends: Amends, database: Database,
                                                        clock: ManualClock) -> None:
    await amends.handle(say("/recover room 508 ac broken like a sauna"))
    pending = await database.run(lambda conn: conn.execute(
        select(DELIVERIES.c.id, DELIVERIES.c.due_at).where(DELIVERIES.c.kind == "nudge_open")).one())
    earlier = await amends.handle(say(f"/nudge {pending.id} snooze 1h"))
    assert isinstance(earlier, Notice) and "never brings it forward" in earlier.text
    due = await database.run(lambda conn: conn.execute(
        select(DELIVERIES.c.due_at).where(DELIVERIES.c.id == pending.id)).scalar_one())
    assert due == pending.due_at
    later = await amends.handle(say(f"/nudge {pending.id} snooze 3h"))
    assert isinstance(later, Notice) and "Snoozed" in later.text
