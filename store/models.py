"""Typed models. The schema itself comes from the Alembic migrations, which must match these."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID_LENGTH = 255
"""Platform ids: a Teams user id is ~90 characters (`29:1…`), a personal conversation id ~130;
PostgreSQL enforces VARCHAR lengths, so every user, channel, message and workspace id fits 255."""


def platform_id() -> String:
    return String(ID_LENGTH)


class Base(DeclarativeBase):
    pass


class Workspace(Base):
    """A tenant: a Slack team, a Teams tenant or the console. Also counts its case numbers."""

    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(platform_id(), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    next_case_number: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number", name="uq_cases_workspace_number"),
        UniqueConstraint("workspace_id", "source_key", name="uq_cases_workspace_source"),
        Index("ix_cases_workspace_status", "workspace_id", "status"),
        Index("ix_cases_workspace_reference_created", "workspace_id", "customer_ref", "created_at"),
        Index("ix_cases_workspace_reporter", "workspace_id", "reporter_id"),
        Index("ix_cases_workspace_created", "workspace_id", "created_at"),
        Index("ix_cases_workspace_resolved", "workspace_id", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24))
    scenario: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float)
    runner_up: Mapped[str | None] = mapped_column(String(64))
    team: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    customer_ref: Mapped[str | None] = mapped_column(String(64))
    amount_paid_cents: Mapped[int | None] = mapped_column(Integer)
    amount_disputed_cents: Mapped[int | None] = mapped_column(Integer)
    """The amount a billing complaint is about (a duplicate charge), when known."""
    currency: Mapped[str] = mapped_column(String(3))
    given_cents: Mapped[int] = mapped_column(Integer, default=0)
    reporter_id: Mapped[str] = mapped_column(platform_id())
    reporter_role: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(platform_id())
    platform: Mapped[str] = mapped_column(String(16))
    channel_id: Mapped[str] = mapped_column(platform_id())
    source_key: Mapped[str | None] = mapped_column(platform_id())
    root_cause: Mapped[str | None] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(16))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    language: Mapped[str] = mapped_column(String(8), server_default="en")
    """ISO 639-1 code of the report's language."""
    also: Mapped[list[str]] = mapped_column(JSON, server_default="[]")
    """Further scenario ids the report names besides `scenario`."""
    safety: Mapped[bool] = mapped_column(Boolean, server_default=false())
    confirmed: Mapped[bool] = mapped_column(Boolean, server_default=true())
    """False while the scenario is the engine's unsure guess and nobody confirmed it."""
    corrected_cents: Mapped[int] = mapped_column(Integer, server_default="0")
    """Corrections of an error (a double charge refunded), apart from goodwill `given_cents`."""
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    void_reason: Mapped[str | None] = mapped_column(Text)
    merged_into: Mapped[int | None] = mapped_column(Integer)
    """The number (same workspace) of the case this one was merged into."""


class CaseEvent(Base):
    """The audit trail: who did what to a case, when, and from which platform and channel."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case", "case_id", "id"),
                      Index("ix_case_events_workspace_kind_at", "workspace_id", "kind", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[str] = mapped_column(platform_id())
    actor_role: Mapped[str] = mapped_column(String(32))
    platform: Mapped[str] = mapped_column(String(16))
    channel_id: Mapped[str] = mapped_column(platform_id())
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[str] = mapped_column(Text, default="")


class Offer(Base):
    """Compensation given on the spot, or requested and waiting for (or decided by) a manager."""

    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("case_id", "option_index", name="uq_offers_case_option"),
        Index("ix_offers_workspace_status", "workspace_id", "status"),
        Index("ix_offers_workspace_created", "workspace_id", "created_at"),
        Index("ix_offers_workspace_decided", "workspace_id", "decided_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    option_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(String(200))
    value_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(platform_id())
    decided_by: Mapped[str | None] = mapped_column(platform_id())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    requested_cents: Mapped[int | None] = mapped_column(Integer)
    """What was asked for, when an approver approved another amount (`value_cents` counts)."""
    reason: Mapped[str | None] = mapped_column(Text)
    is_correction: Mapped[bool] = mapped_column(Boolean, server_default=false())
    """Corrects an error: counted in the case's `corrected_cents`, never against a limit."""


class Delivery(Base):
    """The outbox: a message some platform must deliver (a card, an alert, an approval request).

    Written in the transaction that caused it, so nothing acknowledged is lost; a sender claims
    due rows, delivers them, and on failure retries with backoff until its last attempt, after
    which the row stays, failed, for the managers' digest.
    """

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_due", "platform", "sent_at", "failed_at", "due_at"),
                      UniqueConstraint("dedupe_key", name="uq_deliveries_dedupe"),
                      Index("ix_deliveries_case", "case_id", "kind"),
                      Index("ix_deliveries_workspace_failed", "workspace_id", "failed_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    platform: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id"))
    recipient: Mapped[str] = mapped_column(platform_id())
    text: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Set when a follow-up no longer applies (answered, done, case resolved)."""
    level: Mapped[int] = mapped_column(Integer, default=0)
    """How many times this follow-up was escalated (approval reminders)."""
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    """Scheduled rows that several replicas might create (digests) carry a key made unique here."""
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CaseMessage(Base):
    """Where a case's lasting messages live on a platform, so later events update them in place."""

    __tablename__ = "case_messages"
    __table_args__ = (UniqueConstraint("case_id", "kind", "channel_id", name="uq_case_messages"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    platform: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(platform_id())
    message_id: Mapped[str] = mapped_column(platform_id())
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CaseWords(Base):
    """Every version of the words the reporter was shown (the first answer, a later update, a
    language switch), with who wrote them: the writer, its prompt version, model and language."""

    __tablename__ = "case_words"
    __table_args__ = (UniqueConstraint("case_id", "version", name="uq_case_words_case_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    version: Mapped[int] = mapped_column(Integer)
    writer: Mapped[str] = mapped_column(String(64))
    prompt_version: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(128))
    language: Mapped[str] = mapped_column(String(8))
    apology: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    guide: Mapped[dict[str, object]] = mapped_column(JSON)
    safety_steps: Mapped[list[str]] = mapped_column(JSON)
    recommended_option: Mapped[str | None] = mapped_column(String(128))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AdminAudit(Base):
    """Who purged or forgot what, in which workspace, when and how many rows: what remains after
    an erasure. Holds no customer text (scope names a date, or a reference's fingerprint)."""

    __tablename__ = "admin_audit"
    __table_args__ = (Index("ix_admin_audit_workspace_at", "workspace_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(platform_id())
    action: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    scope: Mapped[str] = mapped_column(Text)
    cases_deleted: Mapped[int] = mapped_column(Integer)
    rows_deleted: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text)


class Conversation(Base):
    """Where a platform can reach someone or somewhere without being spoken to first (Teams'
    conversation references): a person's 1:1 chat, a channel or group chat, or just a person's
    display name and platform id from a message in a channel (`reference` empty then)."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "key", name="uq_conversations_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(platform_id())
    key: Mapped[str] = mapped_column(platform_id())
    """A person's id as the core knows them, or a channel's or chat's id."""
    kind: Mapped[str] = mapped_column(String(16))
    """personal | channel | groupChat | person"""
    name: Mapped[str] = mapped_column(String(255))
    reference: Mapped[dict[str, object] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
