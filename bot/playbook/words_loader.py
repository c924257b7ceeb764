"""The parts of a playbook added with format version 2: the words per language, the optional
"only if true" lines, the safety steps and the correction limits. Read by loader.py with its
field reader, so every mistake names the file and the field."""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bot.playbook.model import FillIn, Role, ScenarioWords

if TYPE_CHECKING:
    from bot.playbook.loader import _Reader

ANY_LANGUAGE_FIELDS = frozenset({"at_ref", "ref", "item_note", "wait"})
"""What templates in every language may use (bot.phrasing fills them)."""
TEMPLATE_FIELDS = frozenset({"reference", "at_reference", "item", "problem"}) | ANY_LANGUAGE_FIELDS
"""What English templates may use."""
WORD_LANGUAGES = ("en", "es", "fr", "de", "pt")
SAFETY_KINDS = ("allergic_reaction", "fall_or_injury", "fire_smoke_gas", "illness", "hazard_found")

def safety(reader: _Reader, raw: Mapping[str, Any]) -> tuple[dict[str, tuple[str, ...]], str]:
    """[safety]: emergency_number, and steps.KIND = [...] for staff, vetted, never rewritten."""
    table = reader.table(raw, "safety")
    reader.only(table, "safety", {"emergency_number", "steps"})
    number = reader.text(table, "emergency_number", field="safety.emergency_number", default="911")
    steps_table = reader.table(table, "steps")
    steps: dict[str, tuple[str, ...]] = {}
    for kind in steps_table:
        if kind not in SAFETY_KINDS:
            reader.fail(f"safety.steps.{kind}", f"unknown kind; use {', '.join(SAFETY_KINDS)}")
        listed = reader.strings(steps_table, kind, f"safety.steps.{kind}")
        for index, step in enumerate(listed):
            check_placeholders(reader, step, f"safety.steps.{kind}[{index}]",
                                frozenset({"emergency_number"}))
        steps[kind] = tuple(listed)
    return steps, number
def correction_limits(reader: _Reader, raw: Mapping[str, Any],
                       roles: tuple[Role, ...]) -> dict[str, Decimal]:
    limits: dict[str, Decimal] = {}
    for index, entry in enumerate(reader.table_list(raw, "roles")):
        if "correction_limit" in entry:
            limits[roles[index].name] = reader.money(entry, "correction_limit",
                                                     field=f"roles[{index}].correction_limit")
    return limits
def words(reader: _Reader, entry: Mapping[str, Any], where: str) -> dict[str, ScenarioWords]:
    """[scenarios.ID.words.LANG]: apology, explanation and the conversation guide."""
    words: dict[str, ScenarioWords] = {}
    for language, table in reader.table(entry, "words").items():
        at = f"{where}.words.{language}"
        if language not in WORD_LANGUAGES:
            reader.fail(at, f"unknown language; use {', '.join(WORD_LANGUAGES)}")
        reader.only(table, at, {"apology", "explanation", "empathy", "questions", "alternatives",
                                "closing"})
        fields = TEMPLATE_FIELDS if language == "en" else ANY_LANGUAGE_FIELDS
        lines = {key: reader.template(table, key, f"{at}.{key}", fields)
                 for key in ("apology", "explanation")}
        lists = {key: tuple(reader.strings(table, key, f"{at}.{key}"))
                 for key in ("questions", "alternatives")}
        optional = {key: reader.text(table, key, field=f"{at}.{key}", default="")
                    for key in ("empathy", "closing")}
        for key, value in [*optional.items(), *((k, v) for k, vs in lists.items() for v in vs)]:
            check_placeholders(reader, value, f"{at}.{key}", fields)
        words[language] = ScenarioWords(
            apology=lines["apology"], explanation=lines["explanation"],
            empathy=optional["empathy"], questions=lists["questions"],
            alternatives=lists["alternatives"], closing=optional["closing"])
    return words
def fill_ins(reader: _Reader, entry: Mapping[str, Any], where: str) -> tuple[FillIn, ...]:
    found: list[FillIn] = []
    for index, item in enumerate(reader.table_list(entry, "fill_ins", f"{where}.fill_ins")):
        at = f"{where}.fill_ins[{index}]"
        reader.only(item, at, {"id", *WORD_LANGUAGES})
        ident = reader.identifier(item, f"{at}.id", key="id")
        if "en" not in item:
            reader.fail(f"{at}.en", "is missing; every fill-in needs its English line")
        found.append(FillIn(id=ident, text={lang: reader.text(item, lang, field=f"{at}.{lang}")
                                            for lang in WORD_LANGUAGES if lang in item}))
    return tuple(found)
def check_placeholders(reader: _Reader, value: str, field: str, allowed: frozenset[str]) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        reader.fail(field, f"has a broken placeholder: {error}")
    unknown = names - allowed
    if unknown:
        reader.fail(field, f"unknown placeholder {{{sorted(unknown)[0]}}}; use "
                           + ", ".join("{" + name + "}" for name in sorted(allowed)))
