"""A workspace's time zone, for what is cut by the calendar (digests): decided by the core.

The configured zone wins (per workspace, then "*"); else the zone kept on the workspace row,
which a platform may fill in from what it knows (Slack learns it from the first reporter);
else UTC. Read inside the caller's transaction, so every platform and every replica agrees.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection

from store import cases as case_store

UTC_NAME = "UTC"


def configured_timezone(workspace: str, configured: Mapping[str, str]) -> str | None:
    return configured.get(workspace) or configured.get("*") or None


def workspace_timezone(conn: Connection, workspace: str, configured: Mapping[str, str]) -> str:
    """The IANA zone this workspace's digests are cut in and read in."""
    return (configured_timezone(workspace, configured)
            or case_store.workspace_timezone(conn, workspace) or UTC_NAME)


def needs_learning(conn: Connection, workspace: str, configured: Mapping[str, str]) -> bool:
    """True when nothing is configured and the row still holds the default: a platform that
    can tell the zone should store it (`remember_timezone`)."""
    if configured_timezone(workspace, configured):
        return False
    return (case_store.workspace_timezone(conn, workspace) or UTC_NAME) == UTC_NAME


def remember_timezone(conn: Connection, workspace: str, zone: str) -> None:
    case_store.set_workspace_timezone(conn, workspace, zone)
