"""The offline recovery engine: it classifies reports, and it is the default words writer.

The writer seam (`bot.words.SuggestionWriter`) hands a writer only what code decided and takes
back only words; an LLM-backed writer plugs in there. Classification stays here, local and
fast, whatever writes the words (`Amends.classify`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bot.classifier import Classification, ScenarioClassifier
from bot.money import amount_in
from bot.playbook import Playbook, Role
from bot.policy import EmpowermentPolicy
from bot.specifics import find_specifics
from bot.suggestion import Decided, Suggestion, decide, in_language, playbook_words
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
               classification: Classification | None = None,
               disputed: Decimal | None = None, emergency_number: str | None = None) -> Decided:
        """What code decides about `text` for `role`: the brief any writer gets. An amount
        written in the report stands for what was paid and what is in question, unless
        `paid=` / `amount=` said otherwise."""
        classification = classification or self.classify(text)
        written = amount_in(text) if paid is None or disputed is None else None
        return decide(self.playbook, self.policy, classification,
                      find_specifics(text, classification.language), role, text, given=given,
                      paid=written if paid is None else paid, scenario_id=scenario_id,
                      disputed=written if disputed is None else disputed,
                      emergency_number=emergency_number)

    def words(self, brief: Brief) -> Words:
        return playbook_words(brief, prompt_version=self.prompt_version)

    async def write(self, brief: Brief) -> Words:
        """The writer protocol; the offline words take no time, so nothing is awaited."""
        return self.words(brief)

    def suggest(self, text: str, role: Role, *, given: Decimal = Decimal(0),
                paid: Decimal | None = None, scenario_id: str | None = None,
                disputed: Decimal | None = None, language: str | None = None) -> Suggestion:
        """Decision and offline words in one call (`amends suggest`, benchmarks); `language`
        overrides the report's (the reporter asked for the words in another)."""
        decided = self.decide(text, role, given=given, paid=paid, scenario_id=scenario_id,
                              disputed=disputed)
        if language is not None:
            decided = in_language(decided, language)
        return Suggestion(decided, self.words(decided.brief))
