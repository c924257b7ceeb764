"""The managers' digest and the CSV export, as SQL: every figure is aggregated in the database
(GROUP BY, COUNT, SUM), and the only rows that come back are the handful the digest shows.

Every function takes the workspace and filters on it; `team=None` means every team. Ranges are
half-open, `[start, end)`, in UTC. The composite indexes these need are in migration 0005
(`ix_cases_workspace_created`, `ix_cases_workspace_resolved`, `ix_cases_workspace_reference_created`,
`ix_case_events_workspace_kind_at`, `ix_offers_workspace_created`, `ix_offers_workspace_decided`,
`ix_deliveries_workspace_failed`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Select, Table, and_, case, func, or_, select, text

from bot.records import CaseRecord
from store.models import Case, CaseEvent, Delivery, Offer, Workspace

CASES = cast(Table, Case.__table__)
EVENTS = cast(Table, CaseEvent.__table__)
OFFERS = cast(Table, Offer.__table__)
DELIVERIES = cast(Table, Delivery.__table__)
WORKSPACES = cast(Table, Workspace.__table__)

Counts = list[tuple[str, int]]


def _utc(moment: datetime) -> datetime:
    """SQLite stores the wall time it is given: always hand it UTC."""
    if moment.tzinfo is None:
        raise ValueError("digest times must be timezone-aware")
    return moment.astimezone(UTC)


def _cases_of(workspace: str, team: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [CASES.c.workspace_id == workspace,
                                        CASES.c.voided_at.is_(None)]  # a void case was no case
    if team is not None:
        where.append(CASES.c.team == team)
    return where


def _created_in(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [CASES.c.created_at >= _utc(start), CASES.c.created_at < _utc(end)]


def _pairs(rows: Any) -> Counts:
    return [(str(key), int(count)) for key, count in rows]


def small_reads(conn: Connection) -> None:
    """On PostgreSQL, no parallel workers for the rest of this transaction: every digest query
    reads a few thousand rows through an index, and starting workers costs more than that."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))


def new_by_scenario(conn: Connection, workspace: str, team: str | None, start: datetime,
                    end: datetime) -> Counts:
    """Cases created in the range, per scenario, most first (ties by name)."""
    count = func.count().label("n")
    statement = (select(CASES.c.scenario, count)
                 .where(*_cases_of(workspace, team), *_created_in(start, end))
                 .group_by(CASES.c.scenario).order_by(count.desc(), CASES.c.scenario))
    return _pairs(conn.execute(statement))


def _open_at(at: datetime) -> list[ColumnElement[bool]]:
    """Open at `at`: reported before it and not resolved by then (the status history is the
    resolved_at column, so a digest of a past week counts what was open at its end)."""
    at = _utc(at)
    return [CASES.c.created_at < at,
            or_(CASES.c.resolved_at.is_(None), CASES.c.resolved_at >= at)]


def open_and_overdue(conn: Connection, workspace: str, team: str | None,
                     at: datetime) -> tuple[int, int]:
    """(open, overdue) at `at`; overdue = open and past its due time."""
    overdue = func.coalesce(func.sum(case((CASES.c.due_at < _utc(at), 1), else_=0)), 0)
    statement = (select(func.count(), overdue)
                 .where(*_cases_of(workspace, team), *_open_at(at)))
    row = conn.execute(statement).one()
    return int(row[0]), int(row[1])


def awaiting_approval(conn: Connection, workspace: str, team: str | None, at: datetime) -> int:
    """Cases with a request waiting for a manager at `at`: requested before it and still
    pending, or decided only after it."""
    at = _utc(at)
    statement = (select(func.count(func.distinct(OFFERS.c.case_id)))
                 .select_from(OFFERS.join(CASES, CASES.c.id == OFFERS.c.case_id))
                 .where(OFFERS.c.workspace_id == workspace, OFFERS.c.created_at < at,
                        or_(OFFERS.c.status == "pending", OFFERS.c.decided_at >= at),
                        *_cases_of(workspace, team)))
    return int(conn.execute(statement).scalar_one())


def given_cents(conn: Connection, workspace: str, teams: Sequence[str] | None, start: datetime,
                end: datetime, *, corrections: bool = False) -> int:
    """Compensation given in the range: offers given on the spot (created then) plus requests
    approved then (decided then). `teams=None`: every team. Goodwill only, or with
    `corrections` only the errors put right (a double charge refunded): never both."""
    start, end = _utc(start), _utc(end)
    on_the_spot = and_(OFFERS.c.decided_at.is_(None), OFFERS.c.created_at >= start,
                       OFFERS.c.created_at < end)
    approved = and_(OFFERS.c.decided_at >= start, OFFERS.c.decided_at < end)
    statement = (select(func.coalesce(func.sum(OFFERS.c.value_cents), 0))
                 .where(OFFERS.c.workspace_id == workspace, OFFERS.c.status == "given",
                        OFFERS.c.is_correction.is_(corrections), or_(on_the_spot, approved)))
    if teams is not None:
        if not teams:
            return 0
        statement = (statement.select_from(OFFERS.join(CASES, CASES.c.id == OFFERS.c.case_id))
                     .where(CASES.c.workspace_id == workspace, CASES.c.team.in_(list(teams))))
    return int(conn.execute(statement).scalar_one())


def _latest_outcomes(workspace: str, team: str | None, start: datetime,
                     end: datetime) -> Select[Any]:
    """Per case, the id of its last outcome recorded in the range (the latest one counts)."""
    statement = (select(func.max(EVENTS.c.id))
                 .where(EVENTS.c.workspace_id == workspace, EVENTS.c.kind == "outcome_recorded",
                        EVENTS.c.at >= _utc(start), EVENTS.c.at < _utc(end))
                 .group_by(EVENTS.c.case_id))
    if team is not None:
        statement = (statement.select_from(EVENTS.join(CASES, CASES.c.id == EVENTS.c.case_id))
                     .where(*_cases_of(workspace, team)))
    return statement


def outcomes(conn: Connection, workspace: str, team: str | None, start: datetime,
             end: datetime) -> Counts:
    """Outcomes recorded in the range, one per case (its last in the range), by outcome."""
    count = func.count().label("n")
    statement = (select(EVENTS.c.detail, count)
                 .where(EVENTS.c.id.in_(_latest_outcomes(workspace, team, start, end)))
                 .group_by(EVENTS.c.detail).order_by(count.desc(), EVENTS.c.detail))
    return _pairs(conn.execute(statement))


def root_causes(conn: Connection, workspace: str, team: str | None, start: datetime,
                end: datetime, *, limit: int = 5) -> Counts:
    """Root causes of the cases resolved in the range, most first."""
    count = func.count().label("n")
    statement = (select(CASES.c.root_cause, count)
                 .where(*_cases_of(workspace, team), CASES.c.resolved_at >= _utc(start),
                        CASES.c.resolved_at < _utc(end), CASES.c.root_cause.is_not(None))
                 .group_by(CASES.c.root_cause).order_by(count.desc(), CASES.c.root_cause)
                 .limit(limit))
    return _pairs(conn.execute(statement))


def repeat_customers(conn: Connection, workspace: str, team: str | None, start: datetime,
                     end: datetime, *, limit: int = 10) -> Counts:
    """Customer references with a case (of `team`) in the range and at least two cases in the
    workspace (any team) reported before `end`, most cases first. Only references that name
    one customer across visits (an order or booking number) count; tables and rooms don't.

    Each reference of the period is counted by its own lookup in
    ix_cases_workspace_reference_created (index only), never by scanning the workspace."""
    refs = (select(CASES.c.customer_ref.label("ref"))
            .where(*_cases_of(workspace, team), *_created_in(start, end),
                   CASES.c.customer_ref.is_not(None),
                   # a table or a room is a place, not a customer: many guests sit at table 7
                   CASES.c.customer_ref.like("order %") | CASES.c.customer_ref.like("booking %"))
            .distinct().subquery("refs"))
    ever = CASES.alias("ever")
    count = (select(func.count()).select_from(ever)
             .where(ever.c.workspace_id == workspace, ever.c.customer_ref == refs.c.ref,
                    ever.c.created_at < _utc(end))
             .scalar_subquery().label("n"))
    statement = (select(refs.c.ref, count).order_by(count.desc(), refs.c.ref)
                 .limit(limit))
    return [(ref, n) for ref, n in _pairs(conn.execute(statement)) if n >= 2]


def failed_deliveries(conn: Connection, workspace: str, start: datetime, end: datetime) -> int:
    """Outbox rows that failed for good (after their last attempt) in the range."""
    statement = (select(func.count()).select_from(DELIVERIES)
                 .where(DELIVERIES.c.workspace_id == workspace,
                        DELIVERIES.c.failed_at >= _utc(start), DELIVERIES.c.failed_at < _utc(end)))
    return int(conn.execute(statement).scalar_one())


def _records(conn: Connection, statement: Select[Any]) -> list[CaseRecord]:
    return [CaseRecord.from_row(row) for row in conn.execute(statement)]


def safety_cases(conn: Connection, workspace: str, team: str | None, start: datetime,
                 end: datetime, safety_scenarios: Sequence[str], *, limit: int = 5) -> list[CaseRecord]:
    """Still escalated (open) at `end`, or a safety scenario reported in the range; newest first.
    Two indexed queries (by status; by creation time), merged: one OR would scan."""
    escalated = (select(CASES).where(*_cases_of(workspace, team), CASES.c.status == "escalated",
                                     *_open_at(end))
                 .order_by(CASES.c.created_at.desc(), CASES.c.id.desc()).limit(limit))
    found = {case.id: case for case in _records(conn, escalated)}
    if safety_scenarios:
        reported = (select(CASES).where(*_cases_of(workspace, team), *_created_in(start, end),
                                        CASES.c.scenario.in_(list(safety_scenarios)))
                    .order_by(CASES.c.created_at.desc(), CASES.c.id.desc()).limit(limit))
        found.update((case.id, case) for case in _records(conn, reported))
    return sorted(found.values(), key=lambda case: (case.created_at, case.id), reverse=True)[:limit]


def lost_cases(conn: Connection, workspace: str, team: str | None, start: datetime,
               end: datetime, *, limit: int = 5) -> list[CaseRecord]:
    """Cases whose last outcome recorded in the range was "lost"; most recent first."""
    lost = (select(EVENTS.c.case_id)
            .where(EVENTS.c.id.in_(_latest_outcomes(workspace, team, start, end)),
                   EVENTS.c.detail == "lost"))
    statement = (select(CASES).where(CASES.c.workspace_id == workspace, CASES.c.id.in_(lost))
                 .order_by(CASES.c.resolved_at.desc(), CASES.c.id.desc()).limit(limit))
    return _records(conn, statement)


def overdue_cases(conn: Connection, workspace: str, team: str | None, at: datetime, *,
                  limit: int = 5) -> list[CaseRecord]:
    """Open and past due at `at`, most overdue first."""
    statement = (select(CASES).where(*_cases_of(workspace, team), *_open_at(at),
                                     CASES.c.due_at < _utc(at))
                 .order_by(CASES.c.due_at, CASES.c.id).limit(limit))
    return _records(conn, statement)


def costliest_cases(conn: Connection, workspace: str, team: str | None, start: datetime,
                    end: datetime, *, limit: int = 5) -> list[CaseRecord]:
    """Cases reported in the range with compensation given, highest first."""
    statement = (select(CASES).where(*_cases_of(workspace, team), *_created_in(start, end),
                                     CASES.c.given_cents > 0)
                 .order_by(CASES.c.given_cents.desc(), CASES.c.id).limit(limit))
    return _records(conn, statement)


def cases_since(conn: Connection, workspace: str, since: datetime, *,
                batch: int = 1000) -> Iterator[CaseRecord]:
    """Every case of the workspace reported at or after `since`, by number, read in batches
    (keyset on the number) so an export of a large workspace never holds it all."""
    after = 0
    while True:
        statement = (select(CASES).where(CASES.c.workspace_id == workspace,
                                         CASES.c.created_at >= _utc(since), CASES.c.number > after)
                     .order_by(CASES.c.number).limit(batch))
        rows = _records(conn, statement)
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].number
