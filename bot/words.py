"""The writer seam: a writer is handed what code already decided and gives back only words.

Compensation is decided by `bot.policy` before any writer runs. The writer sees the options
the policy allowed this role (and those needing approval), each with a stable id, and may name
one of those ids to recommend first. `Words` has no field for an option, an amount or a role,
so a writer cannot add, remove or price one; `accept` drops a recommended id it was not given.
The offline engine is one writer; an LLM-backed one is another, plugged in without touching
`bot/`. Every version of the words shown to the reporter is stored (`case_words`) with the
writer, prompt version, model and language, so the audit trail says who wrote what was said.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from bot.playbook.model import ScenarioWords
from bot.records import Actor, CaseRecord, WordsRecord
from bot.specifics import Specifics

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported where words are stored, not to write them
    from sqlalchemy import Connection

DEFAULT_LANGUAGE = "en"
"""ISO 639-1 code of the report's language when nothing better is known."""


def option_id(scenario_id: str, index: int) -> str:
    """Stable for a case: the scenario and the option's number as people type it
    (`food_quality.2` is what `/case N offer 2` gives)."""
    return f"{scenario_id}.{index + 1}"


@dataclass(frozen=True, slots=True)
class BriefOption:
    """An option the policy already decided on: the writer may name it, never change it."""

    id: str
    kind: str
    description: str
    value: Decimal
    currency: str
    reason: str = ""
    """Why it needs approval ("above your $25 limit"); empty when it may be given now."""


@dataclass(frozen=True, slots=True)
class ScenarioBrief:
    """The scenario as a writer sees it: the playbook's words for it, never its options."""

    id: str
    description: str
    escalate: bool
    apology: str
    """The playbook's English template ({item}, {problem}, {reference}, {at_reference}, {wait})."""
    explanation: str
    item: str
    problem: str
    words: Mapping[str, ScenarioWords] = field(default_factory=dict)
    """The playbook's words per language, guide included (bot.phrasing says the fields)."""


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything a writer gets: the report and what code decided about it."""

    text: str
    """The report as stored (cleaned, card numbers masked)."""
    scenario: ScenarioBrief
    specifics: Specifics
    language: str
    """ISO 639-1 code the reporter's customer speaks; the words should be in it."""
    role: str
    options: tuple[BriefOption, ...]
    """What this role may give now, in the playbook's order."""
    needs_approval: tuple[BriefOption, ...]
    also: tuple[str, ...] = ()
    """Further scenario ids the report names besides the main one."""
    safety: bool = False
    safety_steps: tuple[str, ...] = ()
    """The playbook's vetted steps for this kind of incident: every writer's answer carries
    them unchanged (code copies them; a writer cannot drop or reword them)."""
    fill_ins: tuple[tuple[str, str], ...] = ()
    """(id, line) explanation lines the employee may add only when true, in the words' language."""

    @property
    def option_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in (*self.options, *self.needs_approval))


@dataclass(frozen=True, slots=True)
class Guide:
    """How to hold the conversation: empathise, ask, offer alternatives, close."""

    empathy: str = ""
    questions: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    closing: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.empathy or self.questions or self.alternatives or self.closing)

    def as_json(self) -> dict[str, Any]:
        return {"empathy": self.empathy, "questions": list(self.questions),
                "alternatives": list(self.alternatives), "closing": self.closing}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Guide:
        data = data or {}
        return cls(empathy=str(data.get("empathy") or ""),
                   questions=tuple(str(q) for q in data.get("questions") or ()),
                   alternatives=tuple(str(a) for a in data.get("alternatives") or ()),
                   closing=str(data.get("closing") or ""))


@dataclass(frozen=True, slots=True)
class Words:
    """What a writer returns: text for the employee to say, and at most a recommendation."""

    apology: str
    explanation: str
    guide: Guide = field(default_factory=Guide)
    safety_steps: tuple[str, ...] = ()
    """What staff do first in a safety incident (staff-facing, not said to the customer)."""
    recommended: str | None = None
    """One of the brief's option ids to offer first, or None."""
    language: str = DEFAULT_LANGUAGE
    """The language these words are actually in (a fallback may differ from the brief's)."""
    writer: str = "offline"
    prompt_version: str = ""
    model: str = ""
    note: str = ""
    """A short remark for staff about these words ("standard answer: …"), or nothing."""


class SuggestionWriter(Protocol):
    """Writes the words for a brief. It may be slow or fail: the core falls back to the
    offline words, and what it returns passes through `accept` before anyone sees it."""

    async def write(self, brief: Brief) -> Words: ...


def accept(words: Words, allowed: frozenset[str]) -> Words:
    """The words as the core will use them: a recommendation outside `allowed` (the ids code
    decided, not whatever the brief holds after the writer had it) is dropped."""
    recommended = words.recommended if words.recommended in allowed else None
    return dataclasses.replace(words, recommended=recommended,
                               safety_steps=tuple(str(step) for step in words.safety_steps))


def with_safety_steps(words: Words, brief: Brief) -> Words:
    """The brief's vetted safety steps, whatever the writer returned in their place."""
    return dataclasses.replace(words, safety_steps=brief.safety_steps)


def record_shown(conn: Connection, case: CaseRecord, words: Words, actor: Actor, at: datetime, *,
                 version: int | None = None) -> WordsRecord:
    """Stores a version of the words the reporter is shown, with its audit event: the first
    answer (version 1), and every later one (a model's answer arriving after the offline one,
    a language switch). Call it in the transaction that shows them, with the case row locked
    for a later version."""
    from store import cases as case_store

    stored = case_store.record_words(conn, case, words_columns(words), at, version=version)
    case_store.record_event(conn, case, "words", actor, at,
                            f"version {stored.version} shown to the reporter, {provenance(words)}")
    return stored


def words_columns(words: Words) -> dict[str, Any]:
    """The `case_words` columns for one version of the words."""
    return {"writer": words.writer, "prompt_version": words.prompt_version, "model": words.model,
            "language": words.language, "apology": words.apology, "explanation": words.explanation,
            "guide": words.guide.as_json(), "safety_steps": list(words.safety_steps),
            "recommended_option": words.recommended, "note": words.note}


def words_from_record(record: WordsRecord) -> Words:
    """A stored version back as Words (see `store.cases.latest_words`)."""
    return Words(apology=record.apology, explanation=record.explanation,
                 guide=Guide.from_json(record.guide), safety_steps=record.safety_steps,
                 recommended=record.recommended_option, language=record.language,
                 writer=record.writer, prompt_version=record.prompt_version, model=record.model,
                 note=record.note)


def provenance(words: Words) -> str:
    """One audit line: who wrote the words and how, never the words themselves."""
    parts = [f"by {words.writer}", words.language]
    if words.prompt_version:
        parts.append(f"prompt {words.prompt_version}")
    if words.model:
        parts.append(f"model {words.model}")
    return " · ".join(parts)
