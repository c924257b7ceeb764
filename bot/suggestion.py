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
from bot.phrasing import localised_fields
from bot.playbook import Playbook, Role, Scenario, ScenarioWords
from bot.policy import Decision, EmpowermentPolicy
from bot.records import CaseRecord
from bot.safety_kinds import safety_kinds
from bot.specifics import Specifics
from bot.sureness import UNSURE_BELOW
from bot.words import (
    DEFAULT_LANGUAGE,
    Brief,
    BriefOption,
    Guide,
    ScenarioBrief,
    Words,
    accept,
    option_id,
    with_safety_steps,
)

MAX_SAFETY_KINDS = 2
"""Steps for at most this many kinds of incident, the most urgent first: more would bury them."""

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
    paid: Decimal | None = None
    """What the customer paid (`paid=`, or the amount the report names)."""
    scenario_ids: tuple[str, ...] = ()
    """The playbook's scenario ids, for a reporter who picks another."""
    disputed: Decimal | None = None
    """The amount in question (`amount=`, or the amount the report names)."""

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
        words = with_safety_steps(accept(self.words, self.decided.option_ids), self.decided.brief)
        object.__setattr__(self, "words", words)

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

    @property
    def playbook_scenarios(self) -> tuple[str, ...]:
        """Every scenario id the reporter could pick instead (from the engine's labels)."""
        return self.decided.scenario_ids


def decide(playbook: Playbook, policy: EmpowermentPolicy, classification: Classification,
           specifics: Specifics, role: Role, text: str, *, given: Decimal = Decimal(0),
           paid: Decimal | None = None, scenario_id: str | None = None,
           disputed: Decimal | None = None, emergency_number: str | None = None) -> Decided:
    scenario = playbook.scenario(scenario_id or classification.scenario)
    decisions = policy.decide_all(scenario, role, given, paid, disputed=disputed)
    now = tuple(d for d in decisions if d.on_the_spot)
    later = tuple(d for d in decisions if not d.on_the_spot)
    language, also, safety = reading(classification, scenario)
    told = ScenarioBrief(id=scenario.id, description=scenario.description, escalate=scenario.escalate,
                         apology=scenario.apology, explanation=scenario.explanation, item=scenario.item,
                         problem=scenario.problem, words=dict(scenario.words))
    steps = safety_steps(playbook, text, emergency_number) if safety else ()
    brief = Brief(text=text, scenario=told, specifics=specifics, language=language,
                  role=role.name, options=tuple(_offered(scenario, d, playbook.currency) for d in now),
                  needs_approval=tuple(_offered(scenario, d, playbook.currency) for d in later),
                  also=also, safety=safety, safety_steps=steps,
                  fill_ins=fill_ins_in(scenario, language))
    return Decided(brief=brief, scenario=scenario, specifics=specifics, classification=classification,
                   role=role, on_the_spot=now,
                   needs_approval=later, currency=playbook.currency,
                   confirmed=(scenario_id is not None or safety
                              or classification.confidence >= UNSURE_BELOW),
                   paid=paid, disputed=disputed, scenario_ids=tuple(playbook.scenarios))


def in_language(decided: Decided, language: str) -> Decided:
    """The same decisions, briefed for words in another language (the reporter switched)."""
    brief = dataclasses.replace(decided.brief, language=language,
                                fill_ins=fill_ins_in(decided.scenario, language))
    return dataclasses.replace(decided, brief=brief)


def fill_ins_in(scenario: Scenario, language: str) -> tuple[tuple[str, str], ...]:
    """(id, line) of the scenario's optional lines, in the language its words are shown in."""
    shown_in, _ = scenario.words_in(language)
    return tuple((f.id, f.text.get(shown_in) or f.text["en"]) for f in scenario.fill_ins)


def reading(classification: Classification, scenario: Scenario) -> tuple[str, tuple[str, ...], bool]:
    """The report's language, the further scenarios it names (only those the playbook has,
    never the main one), and whether it is a safety incident: the engine's safety flag, or a
    scenario someone chose as safety_incident."""
    also = tuple(extra for extra in classification.also if extra != scenario.id)
    return classification.language, also, classification.safety or scenario.id == SAFETY


def safety_steps(playbook: Playbook, text: str, emergency_number: str | None) -> tuple[str, ...]:
    """The playbook's steps for the kinds of incident the report names (the most urgent
    first), each step once, the emergency number filled in."""
    number = emergency_number or playbook.emergency_number
    steps: dict[str, None] = {}
    for kind in safety_kinds(text)[:MAX_SAFETY_KINDS]:
        for step in playbook.safety_steps.get(kind, ()):
            steps[step.format(emergency_number=number)] = None
    return tuple(steps)


def _offered(scenario: Scenario, decision: Decision, currency: str) -> BriefOption:
    option = decision.option
    return BriefOption(id=option_id(scenario.id, decision.index), kind=option.kind,
                       description=option.description, value=decision.amount, currency=currency,
                       reason=decision.reason)


def words_for(brief: Brief) -> tuple[str, ScenarioWords]:
    """The playbook's words in the brief's language, or in English when it has none."""
    words = brief.scenario.words
    if brief.language in words:
        return brief.language, words[brief.language]
    return DEFAULT_LANGUAGE, words.get(DEFAULT_LANGUAGE) or ScenarioWords(
        brief.scenario.apology, brief.scenario.explanation)


def playbook_words(brief: Brief, *, prompt_version: str = "") -> Words:
    """The offline writer's words: the playbook's words in the customer's language, filled
    with the report's specifics; it recommends the first option the role may give now."""
    language, words = words_for(brief)
    fields = template_fields(brief.scenario, brief.specifics)
    fields |= localised_fields(brief.specifics, language, brief.text)
    if language == DEFAULT_LANGUAGE:  # English names the item in {item}: no bracketed note
        fields["wait"] = brief.specifics.wait or fields["wait"]
        fields["item_note"] = ""
    note = "" if language == brief.language else \
        f"In English: the playbook has no wording in `{brief.language}`."
    guide = Guide(empathy=words.empathy.format(**fields),
                  questions=tuple(q.format(**fields) for q in words.questions),
                  alternatives=tuple(a.format(**fields) for a in words.alternatives),
                  closing=words.closing.format(**fields))
    return Words(apology=_tidy(words.apology.format(**fields)),
                 explanation=_tidy(words.explanation.format(**fields)), guide=guide,
                 safety_steps=brief.safety_steps,
                 recommended=brief.options[0].id if brief.options else None,
                 language=language, writer="offline", prompt_version=prompt_version, note=note)


def _tidy(text: str) -> str:
    """An empty field can leave a space before a full stop or two spaces behind."""
    return " ".join(text.split()).replace(" .", ".").replace(" ,", ",")


def reporter_options(playbook: Playbook, case: CaseRecord) -> tuple[Decision, ...]:
    """The options on the reporter's own card (their DM), decided now for their role and what
    the case has given so far; none when their role is no longer in the playbook. With the
    stored words (`store.cases.latest_words`) this is the card, without running any writer."""
    if not playbook.has_role(case.reporter_role):
        return ()
    return tuple(EmpowermentPolicy(playbook).decide_all(
        playbook.scenario(case.scenario), playbook.role(case.reporter_role),
        from_cents(case.given_cents), case_paid(case), disputed=case_disputed(case),
        corrected=from_cents(case.corrected_cents)))


def case_paid(case: CaseRecord) -> Decimal | None:
    return None if case.amount_paid_cents is None else from_cents(case.amount_paid_cents)


def case_disputed(case: CaseRecord) -> Decimal | None:
    cents = case.amount_disputed_cents
    return None if cents is None else from_cents(cents)


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
