"""Plain records the core reads; rows become these so no ORM state leaks past a transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

OPEN_STATUSES = ("open", "awaiting_approval", "escalated")


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _maybe_utc(value: datetime | None) -> datetime | None:
    return None if value is None else as_utc(value)


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    workspace_id: str
    number: int
    status: str
    scenario: str
    confidence: float
    runner_up: str | None
    team: str
    severity: str
    text: str
    customer_ref: str | None
    amount_paid_cents: int | None
    currency: str
    given_cents: int
    reporter_id: str
    reporter_role: str
    owner_id: str
    platform: str
    channel_id: str
    source_key: str | None
    root_cause: str | None
    outcome: str | None
    resolution_note: str | None
    created_at: datetime
    due_at: datetime
    resolved_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @classmethod
    def from_row(cls, row: Any) -> CaseRecord:
        data = dict(row._mapping)
        data["created_at"] = as_utc(data["created_at"])
        data["due_at"] = as_utc(data["due_at"])
        data["resolved_at"] = _maybe_utc(data["resolved_at"])
        return cls(**data)


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    case_id: int
    workspace_id: str
    kind: str
    actor_id: str
    actor_role: str
    platform: str
    channel_id: str
    at: datetime
    detail: str

    @classmethod
    def from_row(cls, row: Any) -> EventRecord:
        data = dict(row._mapping)
        data["at"] = as_utc(data["at"])
        return cls(**data)


@dataclass(frozen=True, slots=True)
class OfferRecord:
    id: int
    case_id: int
    workspace_id: str
    option_index: int
    kind: str
    description: str
    value_cents: int
    currency: str
    status: str
    requested_by: str
    decided_by: str | None
    created_at: datetime
    decided_at: datetime | None

    @classmethod
    def from_row(cls, row: Any) -> OfferRecord:
        data = dict(row._mapping)
        data["created_at"] = as_utc(data["created_at"])
        data["decided_at"] = _maybe_utc(data["decided_at"])
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who did something, and from where: every audit row carries all four."""

    user_id: str
    role: str
    platform: str
    channel_id: str
