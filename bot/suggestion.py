"""What Amends tells the employee: scenario, words to say, and what they may give.

Two halves, made apart on purpose. `decide` is code only: the scenario, and what the policy lets
this role give (`Decided`, with the `Brief` a writer gets). A writer then returns `Words`. A
`Suggestion` joins the two; its options always come from `Decided`, never from the writer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from bot.classifier import Classification
from bot.classifier.engine import SAFETY
from bot.money import from_cents
from bot.playbook import Playbook, Role, Scenario
from bot.policy import Decision, EmpowermentPolicy
from bot.records import CaseRecord
from bot.specifics import Specifics
from bot.words import DEFAULT_LANGUAGE, Brief, BriefOption, Guide, ScenarioBrief, Words, accept, option_id

_PREPOSITIONS = {"room": "in", "table": "at", "order": "on", "booking": "on"}


@dataclass(frozen=True, slots=True)
class Decided:
    """Everything code decides about a report before any words are written."""

    brief: Brief
    """What a writer gets. The core hands writers a copy and keeps this one."""
    scenario: Scenario
    specifics: Specifics
    classification: Classification
    role: Role
    on_the_spot: tuple[Decision, ...]
    needs_approval: tuple[Decision, ...]
    currency: str
    confirmed: bool = True
    """False when the scenario is the engine's unsure guess (a runner-up was close) and nobody
    chose it."""

    @property
    def option_ids(self) -> frozenset[str]:
        """The ids a writer may recommend, from the policy's decisions (not from the brief,
        which a misbehaving writer might have tampered with)."""
        scenario = self.scenario.id
        return frozenset(option_id(scenario, d.index) for d in (*self.on_the_spot, *self.needs_approval))


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Decided options plus written words; an unknown recommended id is dropped on creation."""

    decided: Decided
    words: Words

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", accept(self.words, self.decided.option_ids))

    @property
    def brief(self) -> Brief:
        return self.decided.brief

    @property
    def scenario(self) -> Scenario:
        return self.decided.scenario

    @property
    def classification(self) -> Classification:
        return self.decided.classification

    @property
    def role(self) -> Role:
        return self.decided.role

    @property
    def specifics(self) -> Specifics:
        return self.decided.specifics

    @property
    def on_the_spot(self) -> tuple[Decision, ...]:
        return self.decided.on_the_spot

    @property
    def needs_approval(self) -> tuple[Decision, ...]:
        return self.decided.needs_approval

    @property
    def currency(self) -> str:
        return self.decided.currency

    @property
    def apology(self) -> str:
        return self.words.apology

    @property
    def explanation(self) -> str:
        return self.words.explanation

    @property
    def recommended(self) -> str | None:
        return self.words.recommended

    @property
    def language(self) -> str:
        return self.brief.language

    @property
    def escalate(self) -> bool:
        return self.scenario.escalate


def decide(playbook: Playbook, policy: EmpowermentPolicy, classification: Classification,
           specifics: Specifics, role: Role, text: str, *, given: Decimal = Decimal(0),
           paid: Decimal | None = None, scenario_id: str | None = None) -> Decided:
    scenario = playbook.scenario(scenario_id or classification.scenario)
    decisions = policy.decide_all(scenario, role, given, paid)
    now = tuple(d for d in decisions if d.on_the_spot)
    later = tuple(d for d in decisions if not d.on_the_spot)
    language, also, safety = reading(classification, scenario)
    told = ScenarioBrief(id=scenario.id, description=scenario.description, escalate=scenario.escalate,
                         apology=scenario.apology, explanation=scenario.explanation, item=scenario.item,
                         problem=scenario.problem)
    brief = Brief(text=text, scenario=told, specifics=specifics, language=language,
                  role=role.name, options=tuple(_offered(scenario, d, playbook.currency) for d in now),
                  needs_approval=tuple(_offered(scenario, d, playbook.currency) for d in later),
                  also=also, safety=safety)
    return Decided(brief=brief, scenario=scenario, specifics=specifics, classification=classification,
                   role=role, on_the_spot=now,
                   needs_approval=later, currency=playbook.currency,
                   confirmed=scenario_id is not None or classification.runner_up is None)


def reading(classification: Classification, scenario: Scenario) -> tuple[str, tuple[str, ...], bool]:
    """The report's language, the further scenarios it names (only those the playbook has,
    never the main one), and whether it is a safety incident: the engine's safety flag, or a
    scenario someone chose as safety_incident."""
    also = tuple(extra for extra in classification.also if extra != scenario.id)
    return classification.language, also, classification.safety or scenario.id == SAFETY


def _offered(scenario: Scenario, decision: Decision, currency: str) -> BriefOption:
    option = decision.option
    return BriefOption(id=option_id(scenario.id, decision.index), kind=option.kind,
                       description=option.description, value=option.value, currency=currency,
                       reason=decision.reason)


def playbook_words(brief: Brief, *, prompt_version: str = "") -> Words:
    """The offline writer's words: the playbook's templates filled with the report's specifics;
    it recommends the first option the role may give now."""
    fields = template_fields(brief.scenario, brief.specifics)
    note = "" if brief.language == DEFAULT_LANGUAGE else \
        f"In English: the playbook has no wording in `{brief.language}`."
    return Words(apology=brief.scenario.apology.format(**fields),
                 explanation=brief.scenario.explanation.format(**fields), guide=Guide(),
                 recommended=brief.options[0].id if brief.options else None,
                 language=DEFAULT_LANGUAGE, writer="offline", prompt_version=prompt_version,
                 note=note)


def reporter_options(playbook: Playbook, case: CaseRecord) -> tuple[Decision, ...]:
    """The options on the reporter's own card (their DM), decided now for their role and what
    the case has given so far; none when their role is no longer in the playbook. With the
    stored words (`store.cases.latest_words`) this is the card, without running any writer."""
    if not playbook.has_role(case.reporter_role):
        return ()
    paid = None if case.amount_paid_cents is None else from_cents(case.amount_paid_cents)
    return tuple(EmpowermentPolicy(playbook).decide_all(
        playbook.scenario(case.scenario), playbook.role(case.reporter_role),
        from_cents(case.given_cents), paid))


def with_words(suggestion: Suggestion, words: Words) -> Suggestion:
    """The same decisions with other words (a later update, a language switch)."""
    return dataclasses.replace(suggestion, words=words)


def template_fields(scenario: Scenario | ScenarioBrief, specifics: Specifics) -> dict[str, str]:
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
