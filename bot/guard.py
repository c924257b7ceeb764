"""The policy guard for words a model wrote: what it may say, checked in code.

A writer other than the offline engine returns words; before anyone sees them they pass here,
and anything that fails is dropped so the offline words stand. The model can recommend one of
the options the policy allowed (`accept` drops any other id), never add one. What code can
check, it checks:

- blame on the customer ("your fault", "you should have"), per language;
- promises only an option may make, and causes or other teams' actions the report doesn't
  state (bot/wording_rules.py, per language);
- every number in the words (an amount, a time, a room) must appear in the report or the
  options: a model that says "$500" or "in 10 minutes" invented it;
- length and shape (short spoken lines, no links, no markup).

What it cannot catch: a paraphrase of a promise or a cause no list names, a wrong but plausible
reading of the report, a tone that is off. The trainer's read and the offline fallback are the
answer to those.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.wording_rules import asserts_unknown, promises
from bot.words import Brief, Guide, Words

MAX_LINE = 400
MAX_LIST = 4
_BLAME = {
    "en": r"\b(your (own )?fault|you should have|you shouldn't have|you didn't|because of you|"
          r"you were supposed to|you forgot|you failed to)\b",
    "es": r"\b(es culpa suya|fue culpa suya|por su culpa|usted deber[ií]a haber|usted no)\b",
    "fr": r"\b(c'est (de )?votre faute|vous auriez d[uû]|à cause de vous)\b",
    "de": r"\b(ihre schuld|sie h[äa]tten|wegen ihnen)\b",
    "pt": r"\b(culpa (sua|do senhor|da senhora)|o senhor deveria|a senhora deveria|você deveria)\b",
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-ZÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄÖÜÇÑ][a-záéíóúàèìòùâêîôûäöüçñ]{2,}\b")
"""A capitalised word inside a sentence: a name (a person, a place) unless the report, the
playbook's words or the options carry it. German capitalises every noun, so it is not read."""
_LINK = re.compile(r"https?://|www\.|<[^>]+>|\*\*|__")


class Rejected(ValueError):
    """Why a writer's words were not used (logged; the offline words stand)."""


def guarded(answer: Mapping[str, Any], brief: Brief, *, writer: str, model: str,
            prompt_version: str) -> Words:
    """The writer's JSON answer as Words, or Rejected with the first reason found."""
    apology = _line(answer, "apology")
    explanation = _line(answer, "explanation")
    guide_raw = answer.get("guide") or {}
    if not isinstance(guide_raw, Mapping):
        raise Rejected("guide is not an object")
    guide = Guide(empathy=_line(guide_raw, "empathy", required=False),
                  questions=_lines(guide_raw, "questions"),
                  alternatives=_lines(guide_raw, "alternatives"),
                  closing=_line(guide_raw, "closing", required=False))
    recommended = answer.get("recommended")
    if recommended is not None and recommended not in brief.option_ids:
        raise Rejected(f"recommended {str(recommended)[:40]!r} is not an option it was given")
    language = str(answer.get("language") or brief.language)[:8]
    said = [apology, explanation, guide.empathy, *guide.questions, *guide.alternatives,
            guide.closing]
    _check(said, explanation, brief, language)
    return Words(apology=apology, explanation=explanation, guide=guide,
                 safety_steps=brief.safety_steps, recommended=recommended, language=language,
                 writer=writer, prompt_version=prompt_version, model=model)


def _check(said: list[str], explanation: str, brief: Brief, language: str) -> None:
    blame = re.compile(_BLAME.get(language, _BLAME["en"]), re.IGNORECASE)
    allowed_numbers = _numbers_in(brief)
    for line in said:
        if blame.search(line):
            raise Rejected("blames the customer")
        found = promises(line, language) or promises(line, "en")
        if found:
            raise Rejected(f"promises {found!r}")
        if _LINK.search(line):
            raise Rejected("carries a link or markup")
        for number in _NUMBER.findall(line):
            if _normal(number) not in allowed_numbers:
                raise Rejected(f"states {number!r}, which neither the report nor the options do")
    if language != "de":
        known = _known_words(brief)
        for line in said:
            for name in _NAME.findall(line):
                if name.lower() not in known:
                    raise Rejected(f"names {name!r}, whom the report doesn't")
    claim = asserts_unknown(explanation, language) or asserts_unknown(explanation, "en")
    if claim:
        raise Rejected(f"states what nobody knows ({claim!r})")


_COURTESY = frozenset({"madame", "monsieur", "mademoiselle", "señor", "señora", "señorita",
                       "senhor", "senhora", "dona", "don", "sir", "madam", "miss", "mrs", "usted"})


def _known_words(brief: Brief) -> set[str]:
    """Every word the report, the playbook's words and the options use, lowercased, and the
    courtesy titles staff say to anyone."""
    texts = [brief.text, brief.scenario.description,
             *(f"{w.apology} {w.explanation} {w.empathy} {w.closing} {' '.join(w.questions)} "
               f"{' '.join(w.alternatives)}" for w in brief.scenario.words.values()),
             *(o.description for o in (*brief.options, *brief.needs_approval))]
    return {word.lower() for text in texts for word in re.findall(r"\w+", text)} | _COURTESY


def _numbers_in(brief: Brief) -> set[str]:
    """Every number the report or the options carry, as the guard compares them."""
    texts = [brief.text, *(f"{o.description} {o.value}" for o in (*brief.options,
                                                                  *brief.needs_approval))]
    if brief.specifics.reference is not None:
        texts.append(brief.specifics.reference.value)
    return {_normal(n) for text in texts for n in _NUMBER.findall(text)}


def _normal(number: str) -> str:
    value = number.replace(",", ".")
    return value[:-3] if value.endswith(".00") else value


def _line(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise Rejected(f"{key} is missing or not text")
    text = " ".join(value.split())
    if len(text) > MAX_LINE:
        raise Rejected(f"{key} is too long to say")
    return text


def _lines(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise Rejected(f"{key} is not a short list")
    return tuple(_line({"x": item}, "x") for item in value)
