"""The offline recovery engine: classification and suggestion from the playbook and code.

`SuggestionWriter` is the seam an LLM-backed writer will plug into; whatever writes the words,
the policy guard decides the compensation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from bot.classifier import Classification, ScenarioClassifier
from bot.playbook import Playbook, Role
from bot.policy import EmpowermentPolicy
from bot.specifics import find_specifics
from bot.suggestion import Suggestion, build_suggestion


class SuggestionWriter(Protocol):
    async def write(self, text: str, role: Role, *, given: Decimal = Decimal(0),
                    paid: Decimal | None = None, scenario_id: str | None = None) -> Suggestion: ...


class OfflineEngine:
    def __init__(self, playbook: Playbook, classifier: ScenarioClassifier | None = None) -> None:
        self.playbook = playbook
        self.policy = EmpowermentPolicy(playbook)
        self.classifier = classifier or ScenarioClassifier.load(
            scenarios=tuple(playbook.scenarios),
            extra_examples=tuple((example, scenario.id)
                                 for scenario in playbook.scenarios.values()
                                 for example in scenario.examples),
        )

    def classify(self, text: str) -> Classification:
        return self.classifier.classify(text)

    def suggest(self, text: str, role: Role, *, given: Decimal = Decimal(0),
                paid: Decimal | None = None, scenario_id: str | None = None) -> Suggestion:
        return build_suggestion(self.playbook, self.policy, self.classify(text),
                                find_specifics(text), role, given=given, paid=paid,
                                scenario_id=scenario_id)

    async def write(self, text: str, role: Role, *, given: Decimal = Decimal(0),
                    paid: Decimal | None = None, scenario_id: str | None = None) -> Suggestion:
        return self.suggest(text, role, given=given, paid=paid, scenario_id=scenario_id)
