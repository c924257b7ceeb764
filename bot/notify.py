"""Alerts the core raises for other people (a team, the managers, the reporter).

Handlers deliver them to a channel; the in-memory notifier keeps them for tests and the console.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from store.records import CaseRecord


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    """reported | escalated | approval_requested | offer_decided | resolved"""
    team: str
    case: CaseRecord
    text: str


class Notifier(Protocol):
    async def notify(self, alert: Alert) -> None: ...


class MemoryNotifier:
    def __init__(self) -> None:
        self.alerts: list[Alert] = []

    async def notify(self, alert: Alert) -> None:
        self.alerts.append(alert)
