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


PRICINGS = ("fixed", "share_of_paid", "amount_in_question")


@dataclass(frozen=True, slots=True)
class CompensationOption:
    kind: str
    description: str
    value: Decimal
    """The fixed amount, and the fallback of a priced option when no amount is known."""
    lowest_role: str
    pricing: str = "fixed"
    """fixed; share_of_paid (`share` of what the customer paid: a remake costs what they paid);
    amount_in_question (the disputed amount: a duplicate or wrong charge)."""
    share: Decimal = Decimal(1)
    cap: Decimal | None = None
    """The most a priced option may come to."""
    correction: bool = False
    """Putting an error right (refunding a double charge): capped by the disputed amount and
    the role's correction limit, never counted against the goodwill limit."""


@dataclass(frozen=True, slots=True)
class ScenarioWords:
    """What staff say, in one language: templates (see bot.phrasing for the fields)."""

    apology: str
    explanation: str
    empathy: str = ""
    questions: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    closing: str = ""


@dataclass(frozen=True, slots=True)
class FillIn:
    """An explanation line the employee may add only when it is true ("we're short of staff
    tonight"): it can state a cause, so it is never said unless someone picks it."""

    id: str
    text: dict[str, str]
    """Language code -> the line."""


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
    words: dict[str, ScenarioWords] = field(default_factory=dict)
    """Language code -> words; without "en", `apology` and `explanation` are the English."""
    fill_ins: tuple[FillIn, ...] = ()

    def words_in(self, language: str) -> tuple[str, ScenarioWords]:
        """The words in `language`, or in English when the playbook has none in it."""
        if language in self.words:
            return language, self.words[language]
        return "en", self.words.get("en") or ScenarioWords(self.apology, self.explanation)


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
    safety_steps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Kind of incident (allergic_reaction, fall_or_injury, fire_smoke_gas, illness,
    hazard_found) -> what staff do first; {emergency_number} is filled per workspace."""
    emergency_number: str = "911"
    correction_limits: dict[str, Decimal] = field(default_factory=dict)
    """Role -> the most it may correct (refund an error) on one case; a role not named may
    correct up to its goodwill limit."""
    business: str = "general"

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
