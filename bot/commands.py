"""The chat commands, the same on every platform, parsed into typed requests.

People type these on phones: verbs can be given as `/case 42 resolve ...` or `/resolve 42 ...`,
and resolve takes its outcome and root cause as words in any order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.money import parse_amount
from bot.playbook.durations import parse_duration
from bot.references import parse_reference

OUTCOMES = ("recovered", "partly", "lost")
ROOT_CAUSES = ("process", "people", "product", "supplier", "system", "expectation", "customer",
               "other")
CASE_VERBS = ("offer", "request", "approve", "decline", "escalate", "resolve", "outcome", "take")


class CommandError(ValueError):
    """A one-line answer naming what was wrong and what to type instead."""


@dataclass(frozen=True, slots=True)
class Recover:
    text: str
    reference: str | None = None
    paid: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ShowCase:
    number: int


@dataclass(frozen=True, slots=True)
class FindCases:
    which: str
    """mine | open | reference"""
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class CaseAction:
    number: int
    verb: str
    option: int | None = None
    outcome: str | None = None
    root_cause: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class DigestRequest:
    period: str
    """day | week: the current one so far."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """`/nudge 12 snooze 1h`, `/nudge 12 snooze tomorrow`, `/nudge 12 done`."""

    delivery_id: int
    snooze: str | None
    """A duration ("1h", "30m") or "tomorrow"; None means done."""


Command = Recover | ShowCase | FindCases | CaseAction | Help | FollowUp | DigestRequest

_KEY_VALUE = re.compile(r"""\b(ref|paid)=("[^"]*"|'[^']*'|\S+)""", re.IGNORECASE)


def parse_command(text: str) -> Command:
    """Plain text with no command is a report, like a DM to the bot."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return parse_recover(stripped)
    head, _, rest = stripped.partition(" ")
    name = head[1:].lower()
    if name == "recover":
        return parse_recover(rest)
    if name == "case":
        return parse_case(rest)
    if name in CASE_VERBS:
        number, _, args = rest.strip().partition(" ")
        return parse_case(f"{number} {name} {args}")
    if name == "help":
        return Help()
    if name == "nudge":
        return parse_follow_up(rest)
    raise CommandError(f"I don't know `{head}`. Try `/recover what happened` or `/case help`.")


def parse_follow_up(text: str) -> FollowUp:
    words = text.split()
    usage = "Use `/nudge 12 snooze 1h`, `/nudge 12 snooze tomorrow` or `/nudge 12 done`."
    if len(words) < 2 or not words[0].isdigit() or len(words[0]) > 12:
        raise CommandError(usage)
    if words[1].lower() == "done" and len(words) == 2:
        return FollowUp(int(words[0]), None)
    if words[1].lower() == "snooze" and len(words) == 3:
        when = words[2].lower()
        if when != "tomorrow":
            try:
                parse_duration(when)
            except ValueError as error:
                raise CommandError(f"{error}. {usage}") from None
        return FollowUp(int(words[0]), when)
    raise CommandError(usage)


def parse_recover(text: str) -> Recover:
    reference: str | None = None
    paid: Decimal | None = None
    for key, raw in _KEY_VALUE.findall(text):
        value = raw.strip("\"'")
        if key.lower() == "ref":
            found = parse_reference(value)
            if found is None:
                raise CommandError(f"`ref={value}` isn't a reference I can read; write it like "
                                   "ref=\"room 214\", ref=#88231 or ref=ABC123.")
            reference = found.normalised
        else:
            try:
                paid = parse_amount(value)
            except ValueError as error:
                raise CommandError(f"`paid=`: {error}.") from None
    return Recover(text=_KEY_VALUE.sub(" ", text).strip(), reference=reference, paid=paid)


def parse_case(text: str) -> Command:
    words = text.split()
    if not words or words[0].lower() == "help":
        return Help()
    first = words[0].lower()
    if first in ("mine", "open"):
        return FindCases(which=first)
    if first == "digest":
        period = words[1].lower() if len(words) > 1 else "week"
        if period not in ("day", "week") or len(words) > 2:
            raise CommandError("Use `/case digest day` or `/case digest week`.")
        return DigestRequest(period)
    number = _case_number(first)
    if number is None:
        found = parse_reference(text)
        if found is None:
            raise CommandError(f"`{text.strip()[:40]}` isn't a case number or a customer reference. "
                               "Try `/case 42`, `/case room 214`, `/case mine` or `/case open`.")
        return FindCases(which="reference", reference=found.normalised)
    if len(words) == 1:
        return ShowCase(number=number)
    return _case_action(number, words[1].lower(), words[2:])


def _case_number(word: str) -> int | None:
    digits = word.lstrip("#")
    if not digits.isdigit():
        return None
    if len(digits) > 9:
        raise CommandError(f"Case #{digits[:12]} doesn't exist: case numbers are small numbers "
                           "like 42. Try `/case open`.")
    return int(digits)


def _case_action(number: int, verb: str, args: list[str]) -> CaseAction:
    if verb not in CASE_VERBS:
        raise CommandError(f"`{verb}` isn't something I can do to a case; use one of "
                           f"{', '.join(CASE_VERBS)} (e.g. `/case {number} resolve process recovered`).")
    if verb in ("offer", "request"):
        return CaseAction(number, verb, option=_option(number, verb, args))
    if verb == "approve":
        option = _option(number, verb, args) if args else None
        return CaseAction(number, verb, option=option)
    if verb == "outcome":
        if len(args) != 1:
            raise CommandError(f"Say the outcome: `/case {number} outcome recovered` "
                               f"({', '.join(OUTCOMES)}).")
        return CaseAction(number, verb, outcome=_outcome(args[0]))
    if verb == "resolve":
        return _resolve(number, args)
    return CaseAction(number, verb, note=" ".join(args))


def _option(number: int, verb: str, args: list[str]) -> int:
    if len(args) != 1 or not args[0].isdigit() or int(args[0]) < 1:
        raise CommandError(f"Say which option by its number: `/case {number} {verb} 1`. "
                           f"`/case {number}` lists them.")
    return int(args[0])


def _outcome(word: str) -> str:
    value = word.lower().removeprefix("outcome=")
    if value not in OUTCOMES:
        raise CommandError(f"`{value}` isn't an outcome; use recovered, partly or lost.")
    return value


def _resolve(number: int, args: list[str]) -> CaseAction:
    outcome = cause = None
    note: list[str] = []
    for word in args:
        lowered = word.lower()
        if lowered.startswith("outcome="):
            outcome = _outcome(lowered)
        elif lowered.startswith(("cause=", "root=", "root_cause=")):
            value = lowered.partition("=")[2]
            if value not in ROOT_CAUSES:
                raise CommandError(f"`{value}` isn't a root cause; use one of {', '.join(ROOT_CAUSES)}.")
            cause = value
        elif outcome is None and lowered in OUTCOMES:
            outcome = lowered
        elif cause is None and lowered in ROOT_CAUSES:
            cause = lowered
        else:
            note.append(word)
    if cause is None:
        raise CommandError(f"Say the root cause to resolve: `/case {number} resolve process "
                           f"recovered` (causes: {', '.join(ROOT_CAUSES)}; outcome optional).")
    return CaseAction(number, "resolve", outcome=outcome, root_cause=cause, note=" ".join(note))
