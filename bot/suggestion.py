"""What Amends tells the employee: scenario, apology, explanation and what they may give."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.classifier import Classification
from bot.playbook import Playbook, Role, Scenario
from bot.policy import Decision, EmpowermentPolicy
from bot.specifics import Specifics

_PREPOSITIONS = {"room": "in", "table": "at", "order": "on", "booking": "on"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    scenario: Scenario
    classification: Classification
    role: Role
    apology: str
    explanation: str
    on_the_spot: tuple[Decision, ...]
    needs_approval: tuple[Decision, ...]
    specifics: Specifics
    currency: str

    @property
    def escalate(self) -> bool:
        return self.scenario.escalate


def build_suggestion(playbook: Playbook, policy: EmpowermentPolicy, classification: Classification,
                     specifics: Specifics, role: Role, *, given: Decimal = Decimal(0),
                     paid: Decimal | None = None, scenario_id: str | None = None) -> Suggestion:
    scenario = playbook.scenario(scenario_id or classification.scenario)
    fields = template_fields(scenario, specifics)
    decisions = policy.decide_all(scenario, role, given, paid)
    return Suggestion(
        scenario=scenario,
        classification=classification,
        role=role,
        apology=scenario.apology.format(**fields),
        explanation=scenario.explanation.format(**fields),
        on_the_spot=tuple(d for d in decisions if d.on_the_spot),
        needs_approval=tuple(d for d in decisions if not d.on_the_spot),
        specifics=specifics,
        currency=playbook.currency,
    )


def template_fields(scenario: Scenario, specifics: Specifics) -> dict[str, str]:
    """Fills the playbook's placeholders with what the report named.

    When the reference is the scenario's own subject ("room 214" for a room that wasn't ready),
    it becomes the item; otherwise it says where ("your burger at table 7").
    """
    reference = specifics.reference
    item = f"your {specifics.item}" if specifics.item else scenario.item
    at_reference = ""
    if reference is not None:
        if scenario.item.split()[-1] == reference.kind:
            item = reference.spoken
        else:
            at_reference = f" {_PREPOSITIONS[reference.kind]} {reference.spoken}"
    problem = specifics.problem if specifics.problem and scenario.problem != "wrong" else scenario.problem
    return {
        "reference": reference.spoken if reference else "",
        "at_reference": at_reference,
        "item": item,
        "problem": problem,
        "wait": specifics.wait or "that long",
    }
