"""`amends purge` and `amends forget` as an admin runs them, on SQLite and on PostgreSQL: the
right cases go with every row that points at them, per workspace, audited, counts only printed."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, select

from bot.clock import ManualClock
from bot.core import Amends
from bot.replies import Reported
from store.cases import CASES, set_workspace_timezone
from store.db import Database
from store.deliveries import remember_message
from store.models import Base
from store.retention import AUDIT, AuditEntry, audit_trail, reference_fingerprint
from tests.amends_cli import run_amends
from tests.conftest import say

OLD_TEXT = "guest in room 214 says the shower was cold all weekend"


async def report(amends: Amends, text: str, workspace: str = "T_HOTEL", user: str = "U_ANN") -> Reported:
    reply = await amends.handle(say(f"/recover {text}", workspace=workspace, user=user))
    assert isinstance(reply, Reported), reply
    return reply


async def old_case_with_everything(amends: Amends, database: Database, clock: ManualClock) -> Reported:
    """A case reported long ago with an offer, a request waiting for approval, an escalation,
    outbox rows and a message on a platform: every kind of row that points at a case."""
    reported = await report(amends, OLD_TEXT)
    number = reported.case.number
    for command in (f"/case {number} offer 1", f"/case {number} request 3", f"/case {number} escalate cold"):
        await amends.handle(say(command))
    await database.run(lambda conn: remember_message(conn, reported.case, "case_card", "D_ANN", "1.0",
                                                     clock.now()))
    return reported


def rows_of(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    return {table.name: [dict(row._mapping) for row in conn.execute(select(table))]
            for table in Base.metadata.sorted_tables}


def dangling(conn: Connection) -> list[str]:
    """Rows anywhere that point at a case that is no longer there."""
    found = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is CASES:
                column = key.parent
                missing = select(func.count()).select_from(table).where(
                    column.is_not(None), column.not_in(select(CASES.c.id)))
                if conn.execute(missing).scalar_one():
                    found.append(f"{table.name}.{column.name}")
    return found


def count(conn: Connection, table: Table, **where: object) -> int:
    statement = select(func.count()).select_from(table)
    for column, value in where.items():
        statement = statement.where(table.c[column] == value)
    return int(conn.execute(statement).scalar_one())


async def test_purge_deletes_old_cases_with_all_their_rows_and_audits_it(
        amends: Amends, database: Database, database_url: str, clock: ManualClock) -> None:
    clock.advance(-timedelta(days=400))                       # 2025-10-16
    old = await old_case_with_everything(amends, database, clock)
    other_workspace = await report(amends, "table 7 soup was cold", workspace="T_OTHER")
    clock.advance(timedelta(days=400))                        # 2026-11-20
    recent = await old_case_with_everything(amends, database, clock)
    before = await database.run(rows_of)
    assert {"case_events", "offers", "deliveries", "case_messages"} <= {
        name for name, rows in before.items() if any(row.get("case_id") == old.case.id for row in rows)}

    result = run_amends("purge", "--before", "2026-01-01", "--workspace", "T_HOTEL", "--by", "Dana (DPO)",
                        env={"AMENDS_DATABASE_URL": database_url})

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("workspace T_HOTEL: deleted 1 case(s) and ")
    assert "case events" in result.stdout and "offers 2" in result.stdout
    assert "reported before 2026-01-01 (UTC)" in result.stdout and "Audit #1" in result.stdout
    assert "shower" not in result.stdout + result.stderr and "214" not in result.stdout
    after = await database.run(rows_of)
    assert [case["id"] for case in after["cases"]] == sorted([other_workspace.case.id, recent.case.id])
    for name, rows in before.items():
        if name not in ("cases", "admin_audit", "workspaces"):
            kept = [row for row in rows if row.get("case_id") != old.case.id]
            assert len(after[name]) == len(kept), name
    assert await database.run(dangling) == []
    (entry,) = await database.run(lambda conn: audit_trail(conn, "T_HOTEL"))
    assert (entry.action, entry.actor, entry.cases_deleted) == ("purge", "Dana (DPO)", 1)
    assert entry.rows_deleted == sum(len(rows) for rows in before.values()) - sum(
        len(rows) for rows in after.values()) + 1   # the audit row itself was added
    assert entry.scope == "cases reported before 2026-01-01 (UTC)"
    assert "case_events" in entry.detail and "shower" not in str(entry)


async def test_dry_run_counts_and_changes_nothing(amends: Amends, database: Database, database_url: str,
                                                 clock: ManualClock) -> None:
    clock.advance(-timedelta(days=400))
    await old_case_with_everything(amends, database, clock)
    before = await database.run(rows_of)

    purge = run_amends("purge", "--before", "2026-01-01", "--dry-run", env={"AMENDS_DATABASE_URL": database_url})
    forget = run_amends("forget", "Room #214", "--workspace", "T_HOTEL", "--dry-run",
                        env={"AMENDS_DATABASE_URL": database_url})

    assert purge.returncode == 0 and forget.returncode == 0, purge.stderr + forget.stderr
    assert purge.stdout.startswith("workspace T_HOTEL: would delete 1 case(s) and ")
    assert purge.stdout.rstrip().endswith("Dry run: nothing deleted")
    assert forget.stdout.startswith("workspace T_HOTEL: would delete 1 case(s)")
    assert "reference room 214" in forget.stdout
    assert await database.run(rows_of) == before


async def test_purge_without_a_workspace_goes_through_each_in_its_own_time_zone(
        amends: Amends, database: Database, database_url: str, clock: ManualClock) -> None:
    clock.advance(datetime(2025, 12, 31, 22, 30, tzinfo=UTC) - clock.now())   # 07:30 on Jan 1 in Tokyo
    tokyo_new_year = await report(amends, "table 4 the sushi was warm", workspace="T_TOKYO")
    paris_eve = await report(amends, "table 5 the soup was cold", workspace="T_PARIS")
    clock.advance(-timedelta(hours=12))                                        # 19:30 on Dec 31 in Tokyo
    tokyo_eve = await report(amends, "table 6 the ramen was cold", workspace="T_TOKYO")

    def zones(conn: Connection) -> None:
        set_workspace_timezone(conn, "T_TOKYO", "Asia/Tokyo")
        set_workspace_timezone(conn, "T_PARIS", "Europe/Paris")

    await database.run(zones)
    result = run_amends("purge", "--before", "2026-01-01", env={"AMENDS_DATABASE_URL": database_url})

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("workspace T_PARIS: deleted 1 case(s)") and "(Europe/Paris)" in lines[0]
    assert lines[1].startswith("workspace T_TOKYO: deleted 1 case(s)") and "(Asia/Tokyo)" in lines[1]
    remaining = await database.run(lambda conn: list(conn.execute(select(CASES.c.id)).scalars()))
    assert remaining == [tokyo_new_year.case.id]
    assert paris_eve.case.id not in remaining and tokyo_eve.case.id not in remaining
    audits = await database.run(lambda conn: list(conn.execute(select(AUDIT).order_by(AUDIT.c.id))))
    assert [(a.workspace_id, a.actor, a.cases_deleted) for a in audits] == [
        ("T_PARIS", getpass.getuser(), 1), ("T_TOKYO", getpass.getuser(), 1)]


async def test_forget_erases_one_customers_reports_in_one_workspace(
        amends: Amends, database: Database, database_url: str, clock: ManualClock) -> None:
    first = await old_case_with_everything(amends, database, clock)
    second = await report(amends, "rm214 the minibar was empty and the guest is upset")
    neighbour = await report(amends, "guest in room 215 says the room was not cleaned")
    elsewhere = await report(amends, "guest in room 214 waited an hour to check in", workspace="T_OTHER")
    assert first.case.customer_ref == second.case.customer_ref == "room 214"

    result = run_amends("forget", "Room 214", "--workspace", "T_HOTEL", "--by", "ana@example.com",
                        env={"AMENDS_DATABASE_URL": database_url})

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("workspace T_HOTEL: deleted 2 case(s) and ")
    assert "minibar" not in result.stdout and "shower" not in result.stdout
    remaining = await database.run(lambda conn: sorted(conn.execute(select(CASES.c.id)).scalars()))
    assert remaining == sorted([neighbour.case.id, elsewhere.case.id])
    assert await database.run(dangling) == []
    (entry,) = await database.run(lambda conn: audit_trail(conn, "T_HOTEL"))
    assert isinstance(entry, AuditEntry)
    assert (entry.action, entry.actor, entry.cases_deleted) == ("forget", "ana@example.com", 2)
    assert entry.scope == f"cases of customer reference {reference_fingerprint('room 214')}"
    assert "214" not in entry.scope + entry.detail
    assert await database.run(lambda conn: audit_trail(conn, "T_OTHER")) == []


async def test_forget_of_a_customer_with_no_cases_is_still_audited(database: Database, database_url: str,
                                                                  amends: Amends) -> None:
    await report(amends, "table 7 burger came out cold")
    result = run_amends("forget", "booking abc123", "--workspace", "T_HOTEL",
                        env={"AMENDS_DATABASE_URL": database_url})
    assert result.returncode == 0, result.stderr
    assert "deleted 0 case(s); reference booking ABC123" in result.stdout
    (entry,) = await database.run(lambda conn: audit_trail(conn, "T_HOTEL"))
    assert (entry.action, entry.cases_deleted, entry.rows_deleted) == ("forget", 0, 0)


async def test_bad_purge_and_forget_requests_say_what_to_do_and_delete_nothing(
        amends: Amends, database: Database, database_url: str) -> None:
    await report(amends, "guest in room 214 says the room was not cleaned")
    before = await database.run(rows_of)
    env = {"AMENDS_DATABASE_URL": database_url}
    cases = [
        (("purge", "--before", "01/01/2025"), "'01/01/2025' is not a date; write it as YYYY-MM-DD"),
        (("purge", "--before", "2999-01-01"), "is in the future"),
        (("purge",), "the following arguments are required: --before"),
        (("purge", "--before", "2025-01-01", "--workspace", "T_NOPE"), "no workspace 'T_NOPE' in the database; "
                                                                        "workspaces: T_HOTEL"),
        (("purge", "--before", "2025-01-01", "--by", "  "), "--by: give the name of whoever asked for it"),
        (("forget", "room 214"), "the following arguments are required: --workspace"),
        (("forget", "the blue car", "--workspace", "T_HOTEL"), "isn't a customer reference I can read"),
        (("forget", "room 214", "--workspace", "T_NOPE"), "no workspace 'T_NOPE'"),
    ]
    for args, message in cases:
        result = run_amends(*args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout == ""
    assert await database.run(rows_of) == before
