"""The offline recovery engine: it classifies reports, and it is the default words writer.

The writer seam (`bot.words.SuggestionWriter`) hands a writer only what code decided and takes
back only words; an LLM-backed writer plugs in there. Classification stays here, local and
fast, whatever writes the words (`Amends.classify`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bot.classifier import Classification, ScenarioClassifier
from bot.playbook import Playbook, Role
from bot.policy import EmpowermentPolicy
from bot.specifics import find_specifics
from bot.suggestion import Decided, Suggestion, decide, playbook_words
from bot.words import Brief, SuggestionWriter, Words

__all__ = ["OfflineEngine", "SuggestionWriter"]


class OfflineEngine:
    """Classifier plus the playbook's templates: no network, no model download."""

    def __init__(self, playbook: Playbook, classifier: ScenarioClassifier | None = None) -> None:
        self.playbook = playbook
        self.policy = EmpowermentPolicy(playbook)
        self.prompt_version = f"playbook:{Path(playbook.source).name}" if playbook.source else "playbook"
        self.classifier = classifier or ScenarioClassifier.load(
            scenarios=tuple(playbook.scenarios),
            extra_examples=tuple((example, scenario.id)
                                 for scenario in playbook.scenarios.values()
                                 for example in scenario.examples),
        )

    def classify(self, text: str) -> Classification:
        return self.classifier.classify(text)

    def decide(self, text: str, role: Role, *, given: Decimal = Decimal(0),
               paid: Decimal | None = None, scenario_id: str | None = None,
               classification: Classification | None = None) -> Decided:
        """What code decides about `text` for `role`: the brief any writer gets."""
        return decide(self.playbook, self.policy, classification or self.classify(text),
                      find_specifics(text), role, text, given=given, paid=paid,
                      scenario_id=scenario_id)

    def words(self, brief: Brief) -> Words:
        return playbook_words(brief, prompt_version=self.prompt_version)

    async def write(self, brief: Brief) -> Words:
        """The writer protocol; the offline words take no time, so nothing is awaited."""
        return self.words(brief)

    def suggest(self, text: str, role: Role, *, given: Decimal = Decimal(0),
                paid: Decimal | None = None, scenario_id: str | None = None) -> Suggestion:
        """Decision and offline words in one call (`amends suggest`, benchmarks)."""
        decided = self.decide(text, role, given=given, paid=paid, scenario_id=scenario_id)
        return Suggestion(decided, self.words(decided.brief))
