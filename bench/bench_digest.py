"""The weekly managers' digest over 1,000,000 cases on PostgreSQL (target: at most 0.5 s).

Starts a throwaway PostgreSQL (tests/postgres.py), builds the schema through the migrations,
seeds a year of cases over five workspaces and every playbook team with INSERT ... SELECT
generate_series (plus offers, audit events and outbox rows for a realistic share), ANALYZEs,
then times `build_digest` for last week, the whole workspace and one team, through the same
`Database.run` the service uses. The baseline, measured in the same run, is the same digest
on the indexes of migration 0004 (0005's dropped, the one it replaced back); 0005's are then
created again and timed once more before the server stops.

    .venv/bin/python bench/bench_digest.py [--cases 1000000] [--runs 9] [--queries]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, text  # noqa: E402

from bot.digest import Digest, build_digest  # noqa: E402
from bot.playbook import Playbook, load_playbook  # noqa: E402
from store.db import Database  # noqa: E402
from tests.postgres import start_postgres  # noqa: E402

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
TZ = "Europe/Paris"
WORKSPACES = (("W1", 8), ("W2", 5), ("W3", 3), ("W4", 2), ("W5", 2))   # shares out of 20
NEW_INDEXES = (
    ("ix_cases_workspace_created", "cases", "workspace_id, created_at"),
    ("ix_cases_workspace_resolved", "cases", "workspace_id, resolved_at"),
    ("ix_case_events_workspace_kind_at", "case_events", "workspace_id, kind, at"),
    ("ix_offers_workspace_created", "offers", "workspace_id, created_at"),
    ("ix_offers_workspace_decided", "offers", "workspace_id, decided_at"),
    ("ix_deliveries_workspace_failed", "deliveries", "workspace_id, failed_at"),
    ("ix_cases_workspace_reference_created", "cases", "workspace_id, customer_ref, created_at"),
)
REPLACED = ("ix_cases_workspace_reference", "cases", "workspace_id, customer_ref")


def _array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]::text[]"


def seed_sql(playbook: Playbook, cases: int) -> list[str]:
    scenarios = list(playbook.scenarios.values())
    ids = _array([s.id for s in scenarios])
    teams = _array([s.team for s in scenarios])
    severities = _array([s.severity for s in scenarios])
    minutes = "ARRAY[" + ", ".join(str(int(s.resolve_within.total_seconds() // 60)) for s in scenarios) + "]"
    escalates = "ARRAY[" + ", ".join("true" if s.escalate else "false" for s in scenarios) + "]"
    bounds, total = [], 0
    for name, share in WORKSPACES:
        total += share
        bounds.append(f"WHEN g % 20 < {total} THEN '{name}'")
    workspace = "CASE " + " ".join(bounds) + " END"
    now = f"TIMESTAMPTZ '{NOW.isoformat()}'"
    workspaces = ", ".join(f"('{name}', 'slack', '{TZ}', {cases + 1}, {now} - interval '400 days')"
                           for name, _ in WORKSPACES)
    return [
        "SELECT setseed(0.42)",
        f"INSERT INTO workspaces (id, platform, timezone, next_case_number, created_at) VALUES {workspaces}",
        # a year of cases, oldest first (as they arrive), skewed towards the common scenarios
        f"""
        INSERT INTO cases (workspace_id, number, status, scenario, confidence, runner_up, team, severity,
            text, customer_ref, amount_paid_cents, currency, given_cents, reporter_id, reporter_role,
            owner_id, platform, channel_id, source_key, root_cause, outcome, resolution_note,
            created_at, due_at, resolved_at)
        SELECT ws, g,
            CASE WHEN resolved THEN 'resolved' WHEN escalates THEN 'escalated'
                 WHEN r_status < 0.15 THEN 'awaiting_approval' ELSE 'open' END,
            scenario, 0.8, NULL, team, severity,
            'guest at table ' || (g % 97) || ' reports ' || replace(scenario, '_', ' ') || ', case ' || g,
            CASE WHEN r_ref < 0.7 THEN 'table ' || floor(r_ref2 * 40000)::int END,
            NULL, 'USD',
            CASE WHEN r_given < 0.05 THEN 3500 WHEN r_given < 0.30 THEN 1500 ELSE 0 END,
            'U' || (g % 300), 'frontline', 'U' || (g % 300), 'slack', 'C' || (g % 12), NULL,
            CASE WHEN resolved THEN (ARRAY['process','people','product','supplier','system',
                 'expectation','customer','other'])[1 + floor(power(r_cause, 1.5) * 8)::int] END,
            CASE WHEN resolved AND r_out < 0.60 THEN 'recovered' WHEN resolved AND r_out < 0.85 THEN 'partly'
                 WHEN resolved AND r_out < 0.95 THEN 'lost' END,
            NULL, created, created + make_interval(mins => within),
            CASE WHEN resolved THEN created + r_res * LEAST(interval '48 hours', {now} - created) END
        FROM (
            SELECT g, ws, created, r_status, r_ref, r_ref2, r_given, r_cause, r_out, r_res,
                   ({ids})[k] AS scenario, ({teams})[k] AS team, ({severities})[k] AS severity,
                   ({minutes})[k] AS within, ({escalates})[k] AS escalates,
                   CASE WHEN {now} - created > interval '3 days' THEN r_done < 0.985 ELSE r_done < 0.5 END
                       AS resolved
            FROM (
                SELECT g, {workspace} AS ws,
                       {now} - interval '365 days' + (g::float8 / {cases}) * interval '365 days'
                           - random() * interval '10 minutes' AS created,
                       1 + floor(power(random(), 1.8) * {len(scenarios)})::int AS k,
                       random() AS r_status, random() AS r_ref, random() AS r_ref2, random() AS r_given,
                       random() AS r_cause, random() AS r_out, random() AS r_res, random() AS r_done
                FROM generate_series(1, {cases}) AS g
            ) raw
        ) s
        """,
        # compensation given on the spot; requests approved an hour later; requests still waiting
        """
        INSERT INTO offers (case_id, workspace_id, option_index, kind, description, value_cents, currency,
                            status, requested_by, decided_by, created_at, decided_at)
        SELECT id, workspace_id, 0, 'redo', 'Remake it, prioritised', 1500, 'USD', 'given', reporter_id,
               NULL, created_at + interval '2 minutes', NULL
        FROM cases WHERE given_cents > 0
        """,
        """
        INSERT INTO offers (case_id, workspace_id, option_index, kind, description, value_cents, currency,
                            status, requested_by, decided_by, created_at, decided_at)
        SELECT id, workspace_id, 1, 'discount', 'Take it off the bill', 2000, 'USD', 'given', reporter_id,
               'U_MGR', created_at + interval '3 minutes', created_at + interval '63 minutes'
        FROM cases WHERE given_cents = 3500
        """,
        """
        INSERT INTO offers (case_id, workspace_id, option_index, kind, description, value_cents, currency,
                            status, requested_by, decided_by, created_at, decided_at)
        SELECT id, workspace_id, 2, 'discount', 'Take it off the bill', 4000, 'USD', 'pending', reporter_id,
               NULL, created_at + interval '4 minutes', NULL
        FROM cases WHERE status = 'awaiting_approval'
        """,
        # the audit trail: reported, resolved, outcome recorded
        """
        INSERT INTO case_events (case_id, workspace_id, kind, actor_id, actor_role, platform, channel_id, at, detail)
        SELECT id, workspace_id, 'reported', reporter_id, 'frontline', 'slack', channel_id, created_at, scenario
        FROM cases
        """,
        """
        INSERT INTO case_events (case_id, workspace_id, kind, actor_id, actor_role, platform, channel_id, at, detail)
        SELECT id, workspace_id, 'resolved', reporter_id, 'frontline', 'slack', channel_id, resolved_at,
               'cause=' || root_cause
        FROM cases WHERE resolved_at IS NOT NULL
        """,
        """
        INSERT INTO case_events (case_id, workspace_id, kind, actor_id, actor_role, platform, channel_id, at, detail)
        SELECT id, workspace_id, 'outcome_recorded', reporter_id, 'frontline', 'slack', channel_id, resolved_at,
               outcome
        FROM cases WHERE outcome IS NOT NULL
        """,
        # the outbox: a team alert per case, sent; one in 200 failed for good
        """
        INSERT INTO deliveries (workspace_id, platform, kind, case_id, offer_id, recipient, text, due_at,
                                attempts, sent_at, failed_at, last_error, created_at, level)
        SELECT workspace_id, 'slack', 'team_alert', id, NULL, team, 'New case', created_at,
               CASE WHEN id % 200 = 0 THEN 5 ELSE 1 END,
               CASE WHEN id % 200 = 0 THEN NULL ELSE created_at + interval '1 second' END,
               CASE WHEN id % 200 = 0 THEN created_at + interval '10 minutes' END,
               CASE WHEN id % 200 = 0 THEN 'channel_not_found' END, created_at, 0
        FROM cases
        """,
    ]


async def execute(database: Database, sql: str) -> None:
    await database.run(lambda conn: conn.execute(text(sql)))


async def vacuum_analyze(url: str) -> None:
    """VACUUM cannot run in a transaction: one autocommit connection for it."""
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


async def time_digest(database: Database, playbook: Playbook, team: str | None,
                      runs: int) -> tuple[list[float], Digest]:
    timings, digest = [], None
    for _ in range(runs):
        started = time.perf_counter()
        digest = await database.run(lambda conn: build_digest(
            conn, playbook, workspace="W1", team=team, period="week", now=NOW, tz=TZ))
        timings.append(time.perf_counter() - started)
    assert digest is not None
    return timings, digest


def per_query(database: Database) -> tuple[dict[str, list[float]], Any]:
    """Times each statement the digest sends (for --queries)."""
    spent: dict[str, list[float]] = defaultdict(list)
    engine = database.async_engine().sync_engine

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        key = " ".join(statement.split())[:110]
        spent[key].append(time.perf_counter() - conn.info.pop("bench_started"))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    return spent, (engine, before, after)


async def explain(database: Database, playbook: Playbook, team: str | None, slower_ms: float) -> None:
    """EXPLAIN ANALYZE of each statement of one digest that took longer than `slower_ms`."""
    spent, (engine, before, after) = per_query(database)
    sent: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    await time_digest(database, playbook, team, 1)
    for name, hook in (("before_cursor_execute", before), ("after_cursor_execute", after),
                       ("before_cursor_execute", record)):
        event.remove(engine, name, hook)
    for statement, parameters in sent:
        if spent[" ".join(statement.split())[:110]][0] * 1000 < slower_ms:
            continue
        plan = await database.run(lambda conn, s=statement, p=parameters: conn.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS) " + s, p).scalars().all())
        print(f"--- team={team}: {' '.join(statement.split())[:300]}\n    " + "\n    ".join(plan))


def show(label: str, timings: list[float]) -> float:
    median = statistics.median(timings)
    print(f"  {label:<44} median {median * 1000:8.1f} ms   max {max(timings) * 1000:8.1f} ms"
          f"   ({len(timings)} runs)")
    return median


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--queries", action="store_true", help="print the time of each query")
    parser.add_argument("--explain", type=float, metavar="MS",
                        help="print the plans of the statements slower than MS, then stop")
    args = parser.parse_args()
    playbook = load_playbook()
    server = start_postgres()
    try:
        url = server.url("postgres")
        database = Database(url)
        print(f"PostgreSQL on port {server.port}; schema at revision {await database.upgrade()}")
        started = time.perf_counter()
        for sql in seed_sql(playbook, args.cases):
            await execute(database, sql)
        await vacuum_analyze(url.replace("postgresql://", "postgres://"))
        counts = await database.run(lambda conn: [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                                                  for t in ("cases", "offers", "case_events", "deliveries")])
        print(f"seeded {counts[0]:,} cases, {counts[1]:,} offers, {counts[2]:,} events, "
              f"{counts[3]:,} deliveries in {time.perf_counter() - started:.0f} s")

        await time_digest(database, playbook, None, 2)  # warm the cache and the pool
        if args.explain is not None:
            for team_key in (None, "kitchen"):
                await explain(database, playbook, team_key, args.explain)
            await database.dispose()
            return
        print("weekly digest of W1 (40% of the cases), last week in Europe/Paris:")
        spent, hooks = per_query(database) if args.queries else ({}, None)
        whole, digest = await time_digest(database, playbook, None, args.runs)
        if hooks:
            engine, before, after = hooks
            event.remove(engine, "before_cursor_execute", before)
            event.remove(engine, "after_cursor_execute", after)
        team, team_digest = await time_digest(database, playbook, "kitchen", args.runs)
        indexed = show("with migration 0005 (all teams)", whole)
        show("with migration 0005 (team kitchen)", team)
        print(f"    {digest.new_total:,} new ({team_digest.new_total:,} kitchen), {digest.open_count:,} open, "
              f"{digest.overdue_count:,} overdue, {digest.awaiting_approval:,} awaiting, "
              f"given {digest.given_cents / 100:,.0f} {digest.currency}, "
              f"rate {digest.recovery_rate or 0:.0%}, {len(digest.repeat_customers)} repeat customers shown, "
              f"{len(digest.worth_a_look)} worth a look, {digest.failed_deliveries} failed deliveries")
        if spent:
            print("  per query (median ms):")
            for statement, times in sorted(spent.items(), key=lambda item: -statistics.median(item[1])):
                print(f"    {statistics.median(times) * 1000:7.1f}  {statement}")

        for name, _, _ in NEW_INDEXES:   # back to the indexes of migration 0004
            await execute(database, f"DROP INDEX {name}")
        await execute(database, f"CREATE INDEX {REPLACED[0]} ON {REPLACED[1]} ({REPLACED[2]})")
        await execute(database, "ANALYZE")
        await time_digest(database, playbook, None, 1)
        baseline, same = await time_digest(database, playbook, None, args.baseline_runs)
        assert same == digest, "the digest must not depend on the indexes"
        plain = show("baseline: 0004's indexes only (all teams)", baseline)
        await execute(database, f"DROP INDEX {REPLACED[0]}")
        for name, table, columns in NEW_INDEXES:
            await execute(database, f"CREATE INDEX {name} ON {table} ({columns})")
        await execute(database, "ANALYZE")
        again, _ = await time_digest(database, playbook, None, 3)
        show("indexes recreated (all teams)", again)
        print(f"  baseline / indexed: {plain / indexed:.1f}x; target <= 500 ms: "
              f"{'met' if max(whole) <= 0.5 else 'MISSED'} (max {max(whole) * 1000:.0f} ms)")
        await database.dispose()
    finally:
        server.stop()


if __name__ == "__main__":
    asyncio.run(main())

