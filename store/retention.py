"""Retention and erasure: a workspace's cases deleted with every row that hangs off them, and an
audit row saying who did it, when, what and how many rows.

What hangs off a case is read from the models' foreign keys (events, offers, outbox rows, case
messages, and whatever table is added later that points at a case or at one of those), so a new
table can never make a purge fail or leave customer text behind. The audit row holds no
customer text: a purge names its date, a forget the reference's fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Table,
    delete,
    func,
    insert,
    or_,
    select,
)

from store.models import AdminAudit, Base, Case, Workspace

CASES = cast(Table, Case.__table__)
AUDIT = cast(Table, AdminAudit.__table__)
WORKSPACES = cast(Table, Workspace.__table__)


@dataclass(frozen=True, slots=True)
class Erasure:
    """What a purge or forget deleted (or, on a dry run, would delete) in one workspace."""

    workspace: str
    action: str
    scope: str
    rows: dict[str, int]
    """Rows per table, `cases` included."""
    audit_id: int | None
    """The audit row; None on a dry run, which changes nothing and records nothing."""

    @property
    def cases(self) -> int:
        return self.rows.get("cases", 0)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    workspace_id: str
    action: str
    actor: str
    at: datetime
    scope: str
    cases_deleted: int
    rows_deleted: int
    detail: str


def reference_fingerprint(reference: str) -> str:
    """Lets an admin show that a given customer's request was carried out (hash the reference
    again and compare) without the audit trail keeping the reference itself."""
    return "sha256:" + hashlib.sha256(reference.encode("utf-8")).hexdigest()[:16]


def purge_before(conn: Connection, workspace: str, before: datetime, *, actor: str, now: datetime,
                 shown_before: str, dry_run: bool = False) -> Erasure:
    """Every case of `workspace` reported before `before` (aware), open or not."""
    chosen = (CASES.c.workspace_id == workspace) & (CASES.c.created_at < before.astimezone(UTC))
    return _erase(conn, workspace, chosen, action="purge", scope=f"cases reported before {shown_before}",
                  actor=actor, now=now, dry_run=dry_run)


def forget_reference(conn: Connection, workspace: str, reference: str, *, actor: str, now: datetime,
                     dry_run: bool = False) -> Erasure:
    """Every case of `workspace` whose customer reference is `reference` (normalised, as the
    cases store it: "room 214", "order 88231", "booking ABC123")."""
    chosen = (CASES.c.workspace_id == workspace) & (CASES.c.customer_ref == reference)
    return _erase(conn, workspace, chosen, action="forget",
                  scope=f"cases of customer reference {reference_fingerprint(reference)}",
                  actor=actor, now=now, dry_run=dry_run)


def workspace_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(WORKSPACES.c.id).order_by(WORKSPACES.c.id)).scalars())


def audit_trail(conn: Connection, workspace: str) -> list[AuditEntry]:
    rows = conn.execute(select(AUDIT).where(AUDIT.c.workspace_id == workspace).order_by(AUDIT.c.id))
    return [AuditEntry(**row._mapping) for row in rows]


def _erase(conn: Connection, workspace: str, chosen: ColumnElement[bool], *, action: str, scope: str,
           actor: str, now: datetime, dry_run: bool) -> Erasure:
    plan = _plan(chosen)
    rows: dict[str, int] = {}
    for table, condition in reversed(plan):  # what points at a row goes before the row
        if dry_run:
            rows[table.name] = int(conn.execute(select(func.count()).select_from(table)
                                                .where(condition)).scalar_one())
        else:
            rows[table.name] = int(conn.execute(delete(table).where(condition)).rowcount or 0)
    erasure = Erasure(workspace, action, scope, rows, None)
    if dry_run:
        return erasure
    audit_id = conn.execute(insert(AUDIT).values(
        workspace_id=workspace, action=action, actor=actor, at=now, scope=scope,
        cases_deleted=erasure.cases, rows_deleted=erasure.total,
        detail=", ".join(f"{name} {count}" for name, count in sorted(rows.items())),
    ).returning(AUDIT.c.id)).scalar_one()
    return Erasure(workspace, action, scope, rows, int(audit_id))


def _plan(chosen: ColumnElement[bool]) -> Sequence[tuple[Table, ColumnElement[bool]]]:
    """(table, which of its rows go) for the cases and everything that points at them, parents
    before children."""
    conditions: dict[Table, ColumnElement[bool]] = {CASES: chosen}
    plan: list[tuple[Table, ColumnElement[bool]]] = [(CASES, chosen)]
    for table in Base.metadata.sorted_tables:
        if table is CASES:
            continue
        links = [_points_into(cast(Column[int], key.parent), key.column, conditions[key.column.table])
                 for key in table.foreign_keys if key.column.table in conditions]
        if links:
            conditions[table] = or_(*links)
            plan.append((table, conditions[table]))
    return plan


def _points_into(column: Column[int], target: Column[int],
                 target_condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return column.in_(select(target).where(target_condition))
