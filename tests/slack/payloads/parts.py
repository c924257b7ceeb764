"""Pieces that several payloads share."""

from __future__ import annotations

from typing import Any


def team(team_id: str, team_domain: str, enterprise_id: str | None) -> dict[str, Any]:
    team: dict[str, Any] = {"id": team_id, "domain": team_domain}
    if enterprise_id is not None:
        team["enterprise_id"] = enterprise_id
        team["enterprise_name"] = "Amends Enterprise"
    return team


def enterprise(enterprise_id: str | None) -> dict[str, str] | None:
    return None if enterprise_id is None else {"id": enterprise_id, "name": "Amends Enterprise"}


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}
