"""`amends export`: one workspace's cases as CSV that a spreadsheet opens safely."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, update

from bot.export import HEADER, export_cases_csv, neutralise
from handlers.console.export import add_export_parser, run_export
from store import cases as case_store
from store.db import Database
from store.digests import WORKSPACES

NASTY = 'He said "it\'s cold", then left,\nslamming the door; total: $45, 2 plates'


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def add_case(conn: Connection, workspace: str, created: datetime, text: str, **extra: Any) -> None:
    values: dict[str, Any] = {
        "workspace_id": workspace,
        "number": case_store.take_case_number(conn, workspace, "console", created),
        "status": "open", "scenario": "food_quality", "confidence": 0.9, "runner_up": None,
        "team": "kitchen", "severity": "low", "text": text, "customer_ref": "table 7",
        "amount_paid_cents": None, "currency": "USD", "given_cents": 1550, "reporter_id": "U_ANN",
        "reporter_role": "frontline", "owner_id": "U_ANN", "platform": "console", "channel_id": "C1",
        "source_key": None, "created_at": created, "due_at": created + timedelta(minutes=30)}
    later = {key: extra.pop(key) for key in ("root_cause", "outcome", "resolved_at") if key in extra}
    values.update(extra)
    case = case_store.insert_case(conn, values)
    if later:  # the insert writes a new case's columns only
        conn.execute(update(case_store.CASES).where(case_store.CASES.c.id == case.id).values(**later))


def seed(conn: Connection) -> None:
    add_case(conn, "T_HOTEL", utc(2026, 10, 31, 22, 30), "before Paris midnight")       # 1: out
    add_case(conn, "T_HOTEL", utc(2026, 10, 31, 23, 30), NASTY)                         # 2: Nov 1 00:30 Paris
    add_case(conn, "T_HOTEL", utc(2026, 11, 2, 9, 0), '=HYPERLINK("http://evil","click")',
             customer_ref="@risk")                                                      # 3
    add_case(conn, "T_HOTEL", utc(2026, 11, 3, 9, 0), "+1 guest, -2 chairs", customer_ref="-5")  # 4
    add_case(conn, "T_HOTEL", utc(2026, 11, 4, 9, 0), "\t=cmd|' /C calc'!A0", status="resolved",
             root_cause="process", outcome="recovered", resolved_at=utc(2026, 11, 4, 12, 15))  # 5
    add_case(conn, "T_HOTEL", utc(2026, 11, 5, 9, 0), "  @SUM(A1:A9)")                 # 6
    add_case(conn, "T_OTHER", utc(2026, 11, 2, 9, 0), "secret of another workspace")
    conn.execute(update(WORKSPACES).where(WORKSPACES.c.id == "T_HOTEL").values(timezone="Europe/Paris"))


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_neutralise() -> None:
    assert [neutralise(c) for c in ("=1+1", "+1", "-1", "@x", "\tx", "\rx", " =x", "a=b", "", "1.50")] == [
        "'=1+1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "' =x", "a=b", "", "1.50"]


async def test_export_round_trips_and_neutralises_formulas(database: Database) -> None:
    await database.run(seed)
    out = io.StringIO(newline="")
    written = await database.run(lambda conn: export_cases_csv(
        conn, "T_HOTEL", utc(2026, 10, 31, 23, 0), out, tz="Europe/Paris"))
    rows = read(out.getvalue())
    assert written == 5 and len(rows) == 6
    assert tuple(rows[0]) == HEADER
    by_number = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    assert list(by_number) == ["2", "3", "4", "5", "6"]
    nasty = by_number["2"]
    assert nasty["text"] == NASTY                      # commas, quotes and the newline survive
    assert nasty["created"] == "2026-11-01 00:30"      # Paris time
    assert (nasty["status"], nasty["scenario"], nasty["team"]) == ("open", "food_quality", "kitchen")
    assert (nasty["customer_ref"], nasty["reporter"], nasty["owner"]) == ("table 7", "U_ANN", "U_ANN")
    assert (nasty["given"], nasty["currency"], nasty["resolved"]) == ("15.50", "USD", "")
    assert by_number["3"]["text"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert by_number["3"]["customer_ref"] == "'@risk"
    assert (by_number["4"]["text"], by_number["4"]["customer_ref"]) == ("'+1 guest, -2 chairs", "'-5")
    assert by_number["5"]["text"] == "'\t=cmd|' /C calc'!A0"
    assert (by_number["5"]["root_cause"], by_number["5"]["outcome"], by_number["5"]["resolved"]) == (
        "process", "recovered", "2026-11-04 13:15")
    assert by_number["6"]["text"] == "'  @SUM(A1:A9)"
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    assert "another workspace" not in out.getvalue()


async def test_export_reads_in_batches(database: Database) -> None:
    def many(conn: Connection) -> None:
        for minute in range(2500):
            add_case(conn, "T_BIG", utc(2026, 11, 1) + timedelta(minutes=minute), f"case {minute}")
    await database.run(many)
    out = io.StringIO(newline="")
    written = await database.run(lambda conn: export_cases_csv(conn, "T_BIG", utc(2026, 11, 1), out))
    rows = read(out.getvalue())
    assert written == 2500 and [int(r[0]) for r in rows[1:]] == list(range(1, 2501))


# --- the command (run_export as the CLI calls it) --------------------------------------------

class FakeSettings:
    def __init__(self, url: str) -> None:
        self.database_url = url


def seeded_url(database_url: str) -> str:
    async def go() -> None:
        database = Database(database_url)
        try:
            await database.upgrade()
            await database.run(seed)
        finally:
            await database.dispose()
    asyncio.run(go())
    return database_url


def namespace(**values: Any) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="amends")
    add_export_parser(parser.add_subparsers(dest="command", required=True))
    argv = ["export"]
    for key, value in values.items():
        argv += [f"--{key}", value]
    args = parser.parse_args(argv)
    assert args.run is run_export
    return args


def run(url: str, capsys: pytest.CaptureFixture[str], **values: Any) -> tuple[int, str, str]:
    code = run_export(namespace(**values), FakeSettings(url), None)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_command_exports_one_workspace_since_local_midnight(database_url: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    url = seeded_url(database_url)
    code, out, err = run(url, capsys, workspace="T_HOTEL", since="2026-11-01")
    assert code == 0, err
    rows = read(out)
    assert [row[0] for row in rows[1:]] == ["2", "3", "4", "5", "6"]
    assert "secret" not in out and "5 case(s)" in err
    code, out, _ = run(url, capsys, workspace="T_OTHER", since="2026-11-01", format="CSV")
    assert code == 0 and [row[8] for row in read(out)[1:]] == ["secret of another workspace"]


def test_command_writes_a_file(database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = seeded_url(database_url)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "cases.csv"
    code, out, err = run(url, capsys, workspace="T_HOTEL", since="2026-11-03", output=str(target))
    assert code == 0 and out == "", err
    rows = read(target.read_text(encoding="utf-8"))
    assert [row[0] for row in rows[1:]] == ["4", "5", "6"]
    assert [p.name for p in target.parent.iterdir()] == ["cases.csv"]  # no temporary file left


@pytest.mark.parametrize(("values", "message"), [
    ({"workspace": "T_NOPE", "since": "2026-11-01"}, "no workspace 'T_NOPE'"),
    ({"workspace": "T_HOTEL", "since": "1 Nov"}, "--since '1 Nov' is not a date; write it as YYYY-MM-DD"),
    ({"workspace": "T_HOTEL", "since": "2026-13-01"}, "is not a date"),
    ({"workspace": "T_HOTEL"}, "--since is required"),
    ({"since": "2026-11-01"}, "--workspace is required"),
    ({"workspace": "T_HOTEL", "since": "2026-11-01", "format": "xlsx"}, "--format 'xlsx' is not supported"),
    ({"workspace": "T_HOTEL", "since": "2026-11-01", "output": "/nonexistent/dir/x.csv"}, "does not exist"),
])
def test_bad_arguments_are_one_line_errors(database_url: str, capsys: pytest.CaptureFixture[str],
                                           values: dict[str, str], message: str) -> None:
    url = seeded_url(database_url)
    code, out, err = run(url, capsys, **values)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("amends export: ") and message in err



def amends(url: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AMENDS_DATABASE_URL": url}
    env.pop("AMENDS_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "handlers.cli", *argv], capture_output=True,
                          text=True, env=env, cwd=Path(__file__).resolve().parents[1], timeout=60)


def test_amends_export_command_line(database_url: str) -> None:
    url = seeded_url(database_url)
    done = amends(url, "export", "--workspace", "T_HOTEL", "--since", "2026-11-01", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = read(done.stdout)
    assert tuple(rows[0]) == HEADER and [row[0] for row in rows[1:]] == ["2", "3", "4", "5", "6"]
    assert rows[1][8] == NASTY and rows[2][8].startswith("'=")
    bad = amends(url, "export", "--workspace", "T_HOTEL", "--since", "yesterday")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip().splitlines() == [
        "amends export: --since 'yesterday' is not a date; write it as YYYY-MM-DD, like 2026-11-01"]
    nobody = amends(url, "export", "--workspace", "T_NOPE", "--since", "2026-11-01")
    assert nobody.returncode == 2 and nobody.stderr.strip() == (
        "amends export: no workspace 'T_NOPE' in the database; it has: T_HOTEL, T_OTHER "
        "(the console's cases are in 'console')")
