"""Typed, immutable playbook objects; the loader guarantees they are consistent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

SEVERITIES = ("low", "medium", "high", "critical")


@dataclass(frozen=True, slots=True)
class Role:
    """A role's rank orders who may approve what; its limit is per case, in playbook currency."""

    name: str
    rank: int
    limit: Decimal


@dataclass(frozen=True, slots=True)
class CompensationOption:
    kind: str
    description: str
    value: Decimal
    lowest_role: str


@dataclass(frozen=True, slots=True)
class NudgeRule:
    """Read now so playbooks can carry follow-up rules before the scheduler ships."""

    when: str
    after: timedelta
    message: str


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    description: str
    team: str
    severity: str
    resolve_within: timedelta
    escalate: bool
    apology: str
    explanation: str
    item: str
    problem: str
    compensation: tuple[CompensationOption, ...]
    examples: tuple[str, ...] = ()
    nudges: tuple[NudgeRule, ...] = ()
    approval_window: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Team:
    key: str
    name: str
    budget: Decimal | None = None
    budget_period: str = "week"


@dataclass(frozen=True, slots=True)
class Playbook:
    source: str
    currency: str
    roles: tuple[Role, ...]
    scenarios: dict[str, Scenario]
    teams: dict[str, Team] = field(default_factory=dict)
    fallback_scenario: str = "other"
    max_ratio_of_paid: Decimal = Decimal("1.5")
    default_nudges: tuple[NudgeRule, ...] = ()
    """Follow-up rules for scenarios that have none of their own."""
    approval_window: timedelta = timedelta(hours=1)
    """How long an approval request waits before it is sent again, unless the scenario says."""

    def role(self, name: str) -> Role:
        for role in self.roles:
            if role.name == name:
                return role
        raise KeyError(name)

    def has_role(self, name: str) -> bool:
        return any(role.name == name for role in self.roles)

    @property
    def lowest_role(self) -> Role:
        return self.roles[0]

    @property
    def role_names(self) -> tuple[str, ...]:
        return tuple(role.name for role in self.roles)

    def nudges_for(self, scenario: Scenario) -> tuple[NudgeRule, ...]:
        """A scenario's own rules replace the playbook-wide ones with the same `when`."""
        own = {rule.when for rule in scenario.nudges}
        return scenario.nudges + tuple(r for r in self.default_nudges if r.when not in own)

    def approval_window_for(self, scenario: Scenario) -> timedelta:
        return scenario.approval_window or self.approval_window

    def scenario(self, scenario_id: str) -> Scenario:
        return self.scenarios.get(scenario_id) or self.scenarios[self.fallback_scenario]
