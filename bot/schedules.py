"""When digests fall due: cron expressions in the workspace's time zone, planned as outbox rows.

The database holds the next digest of each (workspace, team, period) as a row with a unique
key, so replicas that plan at the same time create it once, and a restart finds it waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Connection

from store import deliveries as outbox

DIGEST = "digest"


class ScheduleError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class DigestPlan:
    schedules: dict[str, str]
    teams: tuple[str, ...]

    def validate(self) -> None:
        for period, cron in self.schedules.items():
            if period not in ("day", "week"):
                raise ScheduleError(f"digests.{period}: the periods are day and week")
            try:
                CronTrigger.from_crontab(cron)
            except ValueError as error:
                raise ScheduleError(f"digests.{period}: '{cron}' is not a cron expression "
                                    f"(minute hour day month weekday): {error}") from None


def next_fire(cron: str, tz: str, after: datetime) -> datetime:
    trigger = CronTrigger.from_crontab(cron, timezone=tz)
    fire = trigger.get_next_fire_time(None, after)
    if not isinstance(fire, datetime):
        raise ScheduleError(f"'{cron}' never fires")
    return fire.astimezone(UTC)


def recipient(team: str, period: str) -> str:
    return f"digest:{team}:{period}"


def parse_recipient(value: str) -> tuple[str | None, str]:
    _, team, period = value.split(":", 2)
    return (None if team == "*" else team), period


def plan_digests(conn: Connection, plan: DigestPlan, *, workspace: str, platform: str, tz: str,
                 now: datetime) -> int:
    """Makes sure each digest of this workspace has its next occurrence queued."""
    created = 0
    for team in plan.teams:
        for period, cron in plan.schedules.items():
            due = next_fire(cron, tz, now)
            key = f"{DIGEST}:{workspace}:{team}:{period}:{due.isoformat()}"
            created += outbox.enqueue_once(conn, workspace=workspace, platform=platform,
                                           kind=DIGEST, recipient=recipient(team, period),
                                           due_at=due, dedupe_key=key, now=now)
    return created
