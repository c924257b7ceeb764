"""Conversation references and display names, per platform and workspace (table `conversations`).

A reference is the platform's own JSON (Teams: a serialised ConversationReference); the store
keeps it opaque. A person seen only in a channel has a row with their name and no reference;
their 1:1 chat, once it exists, fills the reference in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, case, select
from sqlalchemy.dialects import postgresql, sqlite

from bot.records import as_utc
from store.models import Conversation

CONVERSATIONS = cast(Table, Conversation.__table__)
NAME_LENGTH = 255


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    platform: str
    workspace_id: str
    key: str
    kind: str
    name: str
    reference: Mapping[str, Any] | None
    updated_at: datetime


def remember(conn: Connection, *, platform: str, workspace: str, key: str, kind: str, name: str,
             reference: Mapping[str, Any] | None, now: datetime) -> None:
    """Insert or refresh. A person's 1:1 chat (kind "personal") is never replaced by where they
    were merely seen (kind "person"), a row without a reference never erases one, and an empty
    name never erases a known one."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    values: dict[str, Any] = {"platform": platform, "workspace_id": workspace, "key": key,
                              "kind": kind, "name": name[:NAME_LENGTH],
                              "reference": dict(reference) if reference is not None else None,
                              "updated_at": now}
    statement = dialect.insert(CONVERSATIONS).values(**values)
    changed: dict[str, Any] = {"updated_at": now}
    if name:
        changed["name"] = values["name"]
    if reference is not None:
        keep = and_(CONVERSATIONS.c.kind == "personal", statement.excluded.kind != "personal")
        changed["reference"] = case((keep, CONVERSATIONS.c.reference), else_=statement.excluded.reference)
        changed["kind"] = case((keep, CONVERSATIONS.c.kind), else_=statement.excluded.kind)
    conn.execute(statement.on_conflict_do_update(
        index_elements=["platform", "workspace_id", "key"], set_=changed))


def find(conn: Connection, platform: str, workspace: str, key: str) -> ConversationRecord | None:
    row = conn.execute(select(CONVERSATIONS).where(
        CONVERSATIONS.c.platform == platform, CONVERSATIONS.c.workspace_id == workspace,
        CONVERSATIONS.c.key == key)).fetchone()
    return None if row is None else _record(row)


def latest_reference(conn: Connection, platform: str, workspace: str) -> ConversationRecord | None:
    """The workspace's most recently refreshed reference: where its service lives now."""
    row = conn.execute(select(CONVERSATIONS).where(
        CONVERSATIONS.c.platform == platform, CONVERSATIONS.c.workspace_id == workspace,
        CONVERSATIONS.c.reference.is_not(None))
        .order_by(CONVERSATIONS.c.updated_at.desc(), CONVERSATIONS.c.id.desc()).limit(1)).fetchone()
    return None if row is None else _record(row)


def names(conn: Connection, platform: str, workspace: str, keys: Iterable[str]) -> dict[str, str]:
    wanted = sorted({key for key in keys if key})
    if not wanted:
        return {}
    rows = conn.execute(select(CONVERSATIONS.c.key, CONVERSATIONS.c.name).where(
        CONVERSATIONS.c.platform == platform, CONVERSATIONS.c.workspace_id == workspace,
        CONVERSATIONS.c.key.in_(wanted)))
    return {key: name for key, name in rows if name}


def _record(row: Any) -> ConversationRecord:
    data = row._mapping
    return ConversationRecord(platform=data["platform"], workspace_id=data["workspace_id"],
                              key=data["key"], kind=data["kind"], name=data["name"],
                              reference=data["reference"], updated_at=as_utc(data["updated_at"]))
