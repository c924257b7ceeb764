"""The schema comes only from the migrations, and they must match the typed models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, func, insert, inspect, select

from bot.clock import ManualClock
from bot.core import Amends
from bot.messages import Message
from bot.playbook import load_playbook
from bot.replies import CaseCard, Reported
from store.cases import CASES, EVENTS, OFFERS, WORKSPACES
from store.db import Database
from store.deliveries import CASE_MESSAGES as MESSAGES
from store.deliveries import DELIVERIES
from store.migrate import head_revision, upgrade_connection
from store.models import Base


def _ours(name: str | None, type_: str, parent: object) -> bool:
    """slack-sdk's tables are checked against slack-sdk's own definitions in the Slack tests."""
    return not (type_ == "table" and (name or "").startswith("slack_"))


async def test_migrations_build_exactly_the_models(database: Database) -> None:
    def differences(conn: Connection) -> list[object]:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        return list(compare_metadata(context, Base.metadata))

    assert await database.run(differences) == []
    assert await database.revision() == head_revision()


async def test_downgrade_and_upgrade_again(database: Database) -> None:
    from alembic import command
    from store.migrate import alembic_config

    def downgrade(conn: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "base")

    await database.run(downgrade)
    assert "cases" not in await database.run(lambda conn: inspect(conn).get_table_names())
    await database.run(upgrade_connection)
    assert "cases" in await database.run(lambda conn: inspect(conn).get_table_names())


TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
TEAMS_USER = "29:1" + "Kq3xZ8vW2nR5tY7uI9oP0aS4dF6gH1jK3lZ5xC7vB9nM2qW4eR6tY8uI0oP2aS4dF6gH8jK0lZ2xC4vB6nM8qA"
TEAMS_CONVERSATION = "a:1" + "x7Yq" * 31 + "Zz0"
ACTIVITY = "f:" + "8" * 40 + "|" + TEAMS_CONVERSATION[:80]


async def test_a_teams_user_and_conversation_id_round_trip(database: Database) -> None:
    """PostgreSQL enforces VARCHAR lengths: a ~90-character Teams user id and a ~130-character
    personal conversation id must store and read back whole, in every table that holds one."""
    assert len(TEAMS_USER) >= 90 and len(TEAMS_CONVERSATION) >= 130 and len(ACTIVITY) > 120
    playbook = load_playbook()
    clock = ManualClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    amends = Amends(playbook=playbook, database=database, clock=clock)
    manager = "29:1" + "M" * 90

    def teams(text: str, user: str, role: str) -> Message:
        return Message(workspace=TENANT, channel=TEAMS_CONVERSATION, user=user, role=role, text=text,
                       platform="teams", source_key=ACTIVITY if text.startswith("guest") else None)

    reported = await amends.handle(teams("guest in room 214 says the room was not cleaned", TEAMS_USER, "frontline"))
    assert isinstance(reported, Reported)
    number = reported.case.number
    assert isinstance(await amends.handle(teams(f"case {number} request 3", TEAMS_USER, "frontline")), CaseCard)
    approved = await amends.handle(teams(f"case {number} approve", manager, "manager"))
    assert isinstance(approved, CaseCard)

    def stored(conn: Connection) -> tuple[Any, ...]:
        case = conn.execute(select(CASES).where(CASES.c.workspace_id == TENANT)).one()
        event_actors = {row[0] for row in conn.execute(select(EVENTS.c.actor_id, EVENTS.c.channel_id))}
        offer = conn.execute(select(OFFERS.c.requested_by, OFFERS.c.decided_by)).one()
        recipients = {row[0] for row in conn.execute(select(DELIVERIES.c.recipient))}
        conn.execute(insert(MESSAGES).values(case_id=case.id, workspace_id=TENANT, platform="teams",
                                             kind="dm", channel_id=TEAMS_CONVERSATION, message_id=ACTIVITY,
                                             created_at=clock.now()))
        message = conn.execute(select(MESSAGES.c.channel_id, MESSAGES.c.message_id)).one()
        return (case.reporter_id, case.owner_id, case.channel_id, case.source_key), event_actors, \
            tuple(offer), recipients, tuple(message)

    case, actors, offer, recipients, message = await database.run(stored)
    assert case == (TEAMS_USER, TEAMS_USER, TEAMS_CONVERSATION, ACTIVITY)
    assert {TEAMS_USER, manager} <= actors
    assert offer == (TEAMS_USER, manager)
    assert TEAMS_USER in recipients
    assert message == (TEAMS_CONVERSATION, ACTIVITY)
    lookup = await amends.handle(teams(f"case {number}", TEAMS_USER, "frontline"))
    assert isinstance(lookup, CaseCard) and lookup.case.reporter_id == TEAMS_USER


async def test_upgrading_a_database_with_cases_keeps_them_and_then_fits_teams_ids(database_url: str) -> None:
    """0007 on a database that already holds cases (SQLite: a declared-type change, no rebuild,
    foreign keys untouched; PostgreSQL: ALTER TYPE under the foreign keys)."""
    database = Database(database_url)
    try:
        await database.run(lambda conn: upgrade_connection(conn, "0006"))
        now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

        def seed(conn: Connection) -> None:
            conn.execute(insert(WORKSPACES).values(id="T_OLD", platform="slack", timezone="UTC",
                                                   next_case_number=2, created_at=now))
            conn.execute(insert(CASES).values(
                workspace_id="T_OLD", number=1, status="open", scenario="food_quality", confidence=0.9,
                team="kitchen", severity="medium", text="cold soup", currency="USD", given_cents=500,
                reporter_id="U1", reporter_role="frontline", owner_id="U1", platform="slack",
                channel_id="C1", created_at=now, due_at=now))
            conn.execute(insert(EVENTS).values(case_id=1, workspace_id="T_OLD", kind="reported",
                                               actor_id="U1", actor_role="frontline", platform="slack",
                                               channel_id="C1", at=now, detail=""))

        await database.run(seed)
        await database.upgrade()
        assert await database.revision() == head_revision()

        def read(conn: Connection) -> tuple[Any, ...]:
            row = conn.execute(select(CASES.c.given_cents, CASES.c.language, CASES.c.also, CASES.c.safety,
                                      CASES.c.confirmed, CASES.c.corrected_cents, CASES.c.merged_into)).one()
            events = conn.execute(select(func.count()).select_from(EVENTS)).scalar_one()
            conn.execute(insert(WORKSPACES).values(id=TENANT + ":" + "t" * 200, platform="teams", timezone="UTC",
                                                   next_case_number=1, created_at=now))
            context = MigrationContext.configure(conn, opts={"include_name": _ours})
            return tuple(row), events, list(compare_metadata(context, Base.metadata))

        row, events, differences = await database.run(read)
        assert row == (500, "en", [], False, True, 0, None) and events == 1
        assert differences == []
        if database.is_sqlite:
            checks = await database.run(lambda conn: (
                conn.exec_driver_sql("PRAGMA integrity_check").scalar_one(),
                conn.exec_driver_sql("PRAGMA foreign_key_check").all(),
                conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one()))
            assert checks == ("ok", [], 1)
    finally:
        await database.dispose()
