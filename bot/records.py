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
    language: str = "en"
    """ISO 639-1 code of the report's language."""
    also: tuple[str, ...] = ()
    """Further scenario ids the report names besides `scenario`."""
    safety: bool = False
    """The report reads as a safety incident, whatever its scenario."""
    confirmed: bool = True
    """False while the scenario is the engine's unsure guess and nobody has confirmed it."""
    corrected_cents: int = 0
    """Money that corrects an error (a double charge refunded), kept apart from goodwill
    (`given_cents`): it never counts against a role's limit."""
    amount_disputed_cents: int | None = None
    """The amount a billing complaint is about (a duplicate charge), when known."""
    voided_at: datetime | None = None
    void_reason: str | None = None
    merged_into: int | None = None
    """The number of the case (same workspace) this one was merged into."""

    def is_on_it(self, user: str) -> bool:
        """Whoever reported the case or owns it: with a supervisor, who may change it."""
        return user in (self.reporter_id, self.owner_id)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @classmethod
    def from_row(cls, row: Any) -> CaseRecord:
        data = dict(row._mapping)
        data["created_at"] = as_utc(data["created_at"])
        data["due_at"] = as_utc(data["due_at"])
        data["resolved_at"] = _maybe_utc(data["resolved_at"])
        data["voided_at"] = _maybe_utc(data.get("voided_at"))
        data["also"] = tuple(data.get("also") or ())
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
    requested_cents: int | None = None
    """What was asked for, when an approver approved another amount (`value_cents` counts)."""
    reason: str | None = None
    """Free text: why this offer, or why this amount."""
    is_correction: bool = False
    """Corrects an error (refund of a double charge): counted in `corrected_cents`, not given."""

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


@dataclass(frozen=True, slots=True)
class WordsRecord:
    """One version of the words the reporter was shown, as stored (`case_words`)."""

    id: int
    case_id: int
    workspace_id: str
    version: int
    writer: str
    prompt_version: str
    model: str
    language: str
    apology: str
    explanation: str
    guide: dict[str, Any]
    safety_steps: tuple[str, ...]
    recommended_option: str | None
    note: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: Any) -> WordsRecord:
        data = dict(row._mapping)
        data["created_at"] = as_utc(data["created_at"])
        data["guide"] = dict(data.get("guide") or {})
        data["safety_steps"] = tuple(str(step) for step in data.get("safety_steps") or ())
        return cls(**data)
