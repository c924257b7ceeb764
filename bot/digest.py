"""The managers' digest: a period's figures for one workspace (and team), platform-free.

Periods are cut in the team's time zone and stored as UTC bounds, half-open `[start, end)`.
Every figure is aggregated in the database (store/digests.py); this module decides what the
figures mean:

- new cases: reported in the period, by scenario, most first;
- open, overdue, awaiting approval: as of `end` (open = reported before `end` and not resolved
  by then; overdue = open and past its due time; awaiting approval = cases with a request
  pending at `end`);
- compensation given: offers given on the spot in the period plus requests approved in it;
  against the team's budget (playbook `[teams.KEY] budget`, `budget_period`), `budget_used_cents`
  is what was given from the start of the budget's own day/week/month that holds the digest's
  last moment up to `end` ("X of Y this week"). For every team (`team=None`) the budgets of the
  teams that have one are added up when they share one period (and `None` otherwise);
- outcomes: one per case whose outcome was recorded in the period (its last one there counts);
- recovery rate: (recovered + 0.5 × partly) / outcomes recorded, `None` when there are none;
- root causes: of the cases resolved in the period, most first (top 5);
- repeat customers: references with a case in the period and at least two cases in the
  workspace (any team) reported before `end` (top 10);
- failed deliveries: outbox rows of the workspace that failed for good in the period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection

from bot.commands import OUTCOMES
from bot.money import from_cents, to_cents
from bot.playbook import Playbook
from bot.records import CaseRecord
from store import digests as store

PERIODS = ("day", "week")
BUDGET_PERIODS = ("day", "week", "month")
WORTH_A_LOOK = 5
TOP_ROOT_CAUSES = 5
TOP_REPEAT_CUSTOMERS = 10


@dataclass(frozen=True, slots=True)
class Digest:
    workspace: str
    team: str | None
    """None: every team of the workspace."""
    period: str
    """"day" or "week" (the length the bounds were cut to)."""
    start: datetime
    end: datetime
    """UTC, half-open: [start, end)."""
    timezone: str
    """The IANA zone the period was cut in, and that people read its times in."""
    new_total: int
    new_by_scenario: tuple[tuple[str, int], ...]
    open_count: int
    overdue_count: int
    awaiting_approval: int
    given_cents: int
    """Goodwill given; corrections of errors are `corrected_cents`, apart."""
    budget_cents: int | None
    budget_period: str | None
    budget_used_cents: int | None
    currency: str
    outcomes: tuple[tuple[str, int], ...]
    """("recovered", n), ("partly", n), ("lost", n), always in that order."""
    recovery_rate: float | None
    top_root_causes: tuple[tuple[str, int], ...]
    repeat_customers: tuple[tuple[str, int], ...]
    worth_a_look: tuple[CaseRecord, ...]
    """At most five, in this order, each case once: safety (a scenario that always escalates,
    reported in the period, or a case still escalated at `end`), then outcomes recorded as lost
    in the period, then the most overdue open cases at `end`, then the cases reported in the
    period with the most compensation given."""
    failed_deliveries: int
    corrected_cents: int = 0
    """Errors put right (a double charge refunded): not goodwill, not against any budget."""
    look_reasons: tuple[str, ...] = ()
    """Why each of `worth_a_look` is there, in the same order: safety, lost, overdue, given."""

    @property
    def outcome_total(self) -> int:
        return sum(count for _, count in self.outcomes)

    def outcome(self, name: str) -> int:
        return dict(self.outcomes).get(name, 0)


def zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{tz}' is not a time zone; use an IANA name like Europe/Paris") from None


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return moment.astimezone(UTC)


def _midnight(day: date, where: ZoneInfo) -> datetime:
    """The day's first instant in `where`, in UTC (a midnight skipped by a clock change maps
    to the moment the clocks jumped, which is that day's start)."""
    return datetime.combine(day, time(0), tzinfo=where).astimezone(UTC)


def _first_day(period: str, day: date) -> date:
    if period == "day":
        return day
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"'{period}' is not a period; use one of {', '.join(BUDGET_PERIODS)}")


def _next_first_day(period: str, first: date) -> date:
    if period == "day":
        return first + timedelta(days=1)
    if period == "week":
        return first + timedelta(days=7)
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def bounds_containing(period: str, moment: datetime, tz: str) -> tuple[datetime, datetime]:
    """The UTC bounds of the local day, week (Monday first) or month that holds `moment`."""
    where = zone(tz)
    first = _first_day(period, _aware(moment).astimezone(where).date())
    return _midnight(first, where), _midnight(_next_first_day(period, first), where)


def period_bounds(period: str, now: datetime, tz: str) -> tuple[datetime, datetime]:
    """The last complete `period` before `now`, cut at midnight in `tz`, as UTC `[start, end)`.

    "day" is yesterday, local midnight to local midnight; "week" is last week, Monday 00:00 to
    the next Monday 00:00 local. Across a clock change the bounds follow local midnights, so a
    day can last 23 or 25 hours and a week 167 or 169.
    """
    if period not in PERIODS:
        raise ValueError(f"'{period}' is not a digest period; use day or week")
    current_start, _ = bounds_containing(period, now, tz)
    return bounds_containing(period, current_start - timedelta(microseconds=1), tz)


def period_to_date(period: str, now: datetime, tz: str) -> tuple[datetime, datetime]:
    """The current `period` so far: its local start to `now` (for an on-demand digest)."""
    if period not in PERIODS:
        raise ValueError(f"'{period}' is not a digest period; use day or week")
    return bounds_containing(period, now, tz)[0], _aware(now)


def _budget(playbook: Playbook, team: str | None) -> tuple[tuple[str, ...], Decimal, str] | None:
    """(teams counted, budget, period); None when there is no budget to report."""
    teams = [t for t in playbook.teams.values()
             if t.budget is not None and (team is None or t.key == team)]
    periods = {t.budget_period for t in teams}
    if not teams or len(periods) != 1:
        return None
    return (tuple(t.key for t in teams), sum((t.budget or Decimal(0) for t in teams), Decimal(0)),
            periods.pop())


def build_digest(conn: Connection, playbook: Playbook, *, workspace: str, team: str | None,
                 period: str, now: datetime, tz: str, start: datetime | None = None,
                 end: datetime | None = None) -> Digest:
    """The digest of `period` (the last complete one before `now`, see `period_bounds`), or
    of `[start, end)` when both are given. Runs a dozen aggregate queries; no case is loaded
    beyond the five worth a look."""
    if (start is None) != (end is None):
        raise ValueError("give both start and end, or neither")
    if start is None or end is None:
        start, end = period_bounds(period, now, tz)
    else:
        zone(tz)
        if period not in PERIODS:
            raise ValueError(f"'{period}' is not a digest period; use day or week")
        start, end = _aware(start), _aware(end)
        if start >= end:
            raise ValueError("the digest's start must come before its end")

    store.small_reads(conn)
    by_scenario = store.new_by_scenario(conn, workspace, team, start, end)
    open_count, overdue_count = store.open_and_overdue(conn, workspace, team, end)
    recorded = dict(store.outcomes(conn, workspace, team, start, end))
    outcomes = [(name, recorded.pop(name, 0)) for name in OUTCOMES]
    outcomes += sorted(recorded.items())
    total = sum(count for _, count in outcomes)
    rate = None if total == 0 else \
        (dict(outcomes)["recovered"] + 0.5 * dict(outcomes)["partly"]) / total

    budget = _budget(playbook, team)
    budget_cents = budget_used = None
    budget_period = None
    if budget is not None:
        teams, amount, budget_period = budget
        budget_cents = to_cents(amount)
        budget_start, _ = bounds_containing(budget_period, end - timedelta(microseconds=1), tz)
        budget_used = store.given_cents(conn, workspace, teams, budget_start, end)

    looks, reasons = _worth_a_look(conn, playbook, workspace, team, start, end)
    return Digest(
        workspace=workspace, team=team, period=period, start=start, end=end, timezone=tz,
        new_total=sum(count for _, count in by_scenario), new_by_scenario=tuple(by_scenario),
        open_count=open_count, overdue_count=overdue_count,
        awaiting_approval=store.awaiting_approval(conn, workspace, team, end),
        given_cents=store.given_cents(conn, workspace, None if team is None else (team,), start, end),
        corrected_cents=store.given_cents(conn, workspace, None if team is None else (team,), start,
                                          end, corrections=True),
        budget_cents=budget_cents, budget_period=budget_period, budget_used_cents=budget_used,
        currency=playbook.currency, outcomes=tuple(outcomes), recovery_rate=rate,
        top_root_causes=tuple(store.root_causes(conn, workspace, team, start, end,
                                                limit=TOP_ROOT_CAUSES)),
        repeat_customers=tuple(store.repeat_customers(conn, workspace, team, start, end,
                                                      limit=TOP_REPEAT_CUSTOMERS)),
        worth_a_look=looks, look_reasons=reasons,
        failed_deliveries=store.failed_deliveries(conn, workspace, start, end),
    )


def _worth_a_look(conn: Connection, playbook: Playbook, workspace: str, team: str | None,
                  start: datetime, end: datetime) -> tuple[tuple[CaseRecord, ...], tuple[str, ...]]:
    safety = [s.id for s in playbook.scenarios.values() if s.escalate]
    tiers: tuple[tuple[str, Callable[[], list[CaseRecord]]], ...] = (
        ("safety", lambda: store.safety_cases(conn, workspace, team, start, end, safety,
                                              limit=WORTH_A_LOOK)),
        ("lost", lambda: store.lost_cases(conn, workspace, team, start, end, limit=WORTH_A_LOOK)),
        ("overdue", lambda: store.overdue_cases(conn, workspace, team, end, limit=WORTH_A_LOOK)),
        ("given", lambda: store.costliest_cases(conn, workspace, team, start, end,
                                                limit=WORTH_A_LOOK)),
    )
    chosen: dict[int, tuple[CaseRecord, str]] = {}
    for reason, fetch in tiers:
        if len(chosen) >= WORTH_A_LOOK:
            break
        for found in fetch():
            if len(chosen) < WORTH_A_LOOK and found.id not in chosen:
                chosen[found.id] = (found, reason)
    return tuple(c for c, _ in chosen.values()), tuple(r for _, r in chosen.values())


def digest_figures(digest: Digest) -> dict[str, Any]:
    """The digest's figures as plain JSON-ready data (the chart embeds these)."""
    return {
        "workspace": digest.workspace, "team": digest.team, "period": digest.period,
        "start": digest.start.isoformat(), "end": digest.end.isoformat(),
        "timezone": digest.timezone, "new_total": digest.new_total,
        "new_by_scenario": [[name, count] for name, count in digest.new_by_scenario],
        "open": digest.open_count, "overdue": digest.overdue_count,
        "awaiting_approval": digest.awaiting_approval,
        "given": str(from_cents(digest.given_cents)), "currency": digest.currency,
        "corrected": str(from_cents(digest.corrected_cents)),
        "budget": None if digest.budget_cents is None else str(from_cents(digest.budget_cents)),
        "budget_period": digest.budget_period,
        "budget_used": None if digest.budget_used_cents is None
        else str(from_cents(digest.budget_used_cents)),
        "outcomes": [[name, count] for name, count in digest.outcomes],
        "recovery_rate": None if digest.recovery_rate is None else round(digest.recovery_rate, 4),
        "failed_deliveries": digest.failed_deliveries,
    }


def local(moment: datetime, tz: str) -> datetime:
    """A stored UTC time as people read it."""
    return _aware(moment).astimezone(zone(tz))


def period_label(digest: Digest) -> str:
    """"Mon 16 Nov 2026" for a day, "Mon 16 – Sun 22 Nov 2026" for a week (local dates)."""
    first = local(digest.start, digest.timezone)
    last = local(digest.end - timedelta(microseconds=1), digest.timezone)
    if first.date() == last.date():
        return f"{first:%a} {first.day} {first:%b %Y}"
    head = f"{first:%a} {first.day}" + (f" {first:%b}" if first.month != last.month else "") + \
        (f" {first.year}" if first.year != last.year else "")
    return f"{head} – {last:%a} {last.day} {last:%b %Y}"


def label(key: str) -> str:
    return key.replace("_", " ")
