"""The chat commands, the same on every platform, parsed into typed requests.

People type these on phones: verbs can be given as `/case 42 resolve ...` or `/resolve 42 ...`,
and resolve takes its outcome and root cause as words in any order.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

from bot.money import parse_amount
from bot.playbook.durations import parse_duration
from bot.redact import mask_cards
from bot.references import parse_reference

OUTCOMES = ("recovered", "partly", "lost")
ROOT_CAUSES = ("process", "people", "product", "supplier", "system", "expectation", "customer",
               "other")
CaseVerb = Literal["offer", "request", "approve", "decline", "escalate", "resolve", "outcome", "take",
                   "void", "undo", "assign", "merge"]
CASE_VERBS: tuple[CaseVerb, ...] = get_args(CaseVerb)


class CommandError(ValueError):
    """A one-line answer naming what was wrong and what to type instead."""


@dataclass(frozen=True, slots=True)
class Recover:
    text: str
    reference: str | None = None
    paid: Decimal | None = None
    amount: Decimal | None = None
    """The amount in question (`amount=84.50`: a duplicate charge)."""
    explicit: bool = True
    """`/recover` (or `recover …`, or a button "log it anyway"): always logged. Plain text is a
    report only when the engine reads a service failure in it."""


@dataclass(frozen=True, slots=True)
class ShowCase:
    number: int


@dataclass(frozen=True, slots=True)
class FindCases:
    which: str
    """mine | open | waiting | reference"""
    reference: str | None = None
    page: int = 1
    """`/case open 2`: the second page."""


@dataclass(frozen=True, slots=True)
class CaseAction:
    number: int
    verb: CaseVerb
    option: int | None = None
    outcome: str | None = None
    root_cause: str | None = None
    note: str = ""
    amount: Decimal | None = None
    """An approver's own amount (`/case 8 approve 2 30`), instead of the one asked for."""

    def __post_init__(self) -> None:  # a note (resolve, decline, escalate) never keeps a card number
        object.__setattr__(self, "note", mask_cards(self.note))


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


@dataclass(frozen=True, slots=True)
class SwitchLanguage:
    """`/case 42 language es`: the words to say, again, in the customer's language."""

    number: int
    language: str


@dataclass(frozen=True, slots=True)
class ChangeScenario:
    """`/case 42 scenario billing_error`: confirm the engine's guess, or correct it."""

    number: int
    scenario: str


WORD_LANGUAGES = ("en", "es", "fr", "de", "pt")
_LANGUAGE_NAMES = {"english": "en", "spanish": "es", "español": "es", "espanol": "es",
                   "french": "fr", "français": "fr", "francais": "fr", "german": "de",
                   "deutsch": "de", "portuguese": "pt", "português": "pt", "portugues": "pt"}

Command = (Recover | ShowCase | FindCases | CaseAction | Help | FollowUp | DigestRequest
           | SwitchLanguage | ChangeScenario)

_KEY_VALUE = re.compile(r"""\b(ref|paid|amount)=("[^"]*"|'[^']*'|\S+)""", re.IGNORECASE)


def parse_command(text: str) -> Command:
    """A message is a command only when it parses as one whole: `/case 42`, or the same words
    without the slash (`case 42`, `help`, `nudge 7 done`) as people type them in Teams or a DM.
    Anything else is a report ("case of wine was broken", "help me, the soup is cold").
    A mistyped slash command gets an answer saying what to type; words never do."""
    stripped = text.strip()
    if stripped.startswith("/"):
        return _parse_slash(stripped)
    return parse_words(stripped)


def parse_words(text: str) -> Command:
    """Words typed without a slash: a command when the whole message is one, else a report."""
    words = text.rstrip(".!?").split()
    if words and words[0].lower() == "recover":
        return parse_recover(text.strip().partition(" ")[2])
    try:
        command = _whole_command(words)
    except CommandError:
        command = None
    if command is not None:
        return command
    return dataclasses.replace(parse_recover(text), explicit=False)


def _whole_command(words: list[str]) -> Command | None:
    if not words:
        return None
    head, rest = words[0].lower(), words[1:]
    if head == "help":
        return Help() if not rest else None
    if head == "nudge":
        return parse_follow_up(" ".join(rest))
    if head == "case":
        return _case_words(rest)
    if head in CASE_VERBS and rest:
        number = _case_number(rest[0])
        if number is None:
            return None
        if head in ("offer", "request", "approve") and len(rest) > 2:
            return None  # "approve 3 more towels for room 5" is a report; reasons need "case N"
        return _case_action(number, head, rest[1:], whole=True)
    return None


def _case_words(rest: list[str]) -> Command | None:
    """`case …` without a slash: the same forms as `/case`, but a lookup by reference must be
    only the reference ("case room 214", not "case room 214 tv is broken")."""
    if not rest:
        return Help()
    first = rest[0].lower()
    if first == "help":
        return Help() if len(rest) == 1 else None
    if first in ("mine", "open", "waiting"):
        if len(rest) > 2 or (len(rest) == 2 and not rest[1].isdigit()):
            return None
        return FindCases(which=first, page=_page(first, rest[1:]))
    if first == "digest":
        return parse_case(" ".join(rest))
    number = _case_number(first)
    if number is not None:
        return ShowCase(number) if len(rest) == 1 else _case_action(number, rest[1].lower(), rest[2:],
                                                                      whole=True)
    if len(rest) > 3:
        return None
    found = parse_reference(" ".join(rest))
    if found is None or not _only_the_reference(rest, found.value):
        return None
    return FindCases(which="reference", reference=found.normalised)


def _only_the_reference(words: list[str], value: str) -> bool:
    """The message ends with the reference's value, and before it is at most its label
    ("room 214", "room no 214", "order #88231", "rm214"), never more words about the problem."""
    lowered = value.lower()
    others = [word for word in words if lowered not in word.lower()]
    return (lowered in words[-1].lower() and len(others) <= 2
            and all(len(word) <= 12 and not any(ch.isdigit() for ch in word) for word in others))


def _parse_slash(stripped: str) -> Command:
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
    amounts: dict[str, Decimal] = {}
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
                amounts[key.lower()] = parse_amount(value)
            except ValueError as error:
                raise CommandError(f"`{key.lower()}=`: {error}.") from None
    return Recover(text=_KEY_VALUE.sub(" ", text).strip(), reference=reference,
                   paid=amounts.get("paid"), amount=amounts.get("amount"))


def parse_case(text: str) -> Command:
    words = text.split()
    if not words or words[0].lower() == "help":
        return Help()
    first = words[0].lower()
    if first in ("mine", "open", "waiting"):
        return FindCases(which=first, page=_page(first, words[1:]))
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


def _page(which: str, args: list[str]) -> int:
    if not args:
        return 1
    if len(args) == 1 and args[0].isdigit() and 1 <= int(args[0]) <= 10_000:
        return int(args[0])
    raise CommandError(f"Say which page by its number: `/case {which} 2`.")


def _case_number(word: str) -> int | None:
    digits = word.lstrip("#")
    if not digits.isdigit():
        return None
    if len(digits) > 9:
        raise CommandError(f"Case #{digits[:12]} doesn't exist: case numbers are small numbers "
                           "like 42. Try `/case open`.")
    return int(digits)


def _case_action(number: int, typed: str, args: list[str], *,
                 whole: bool = False) -> CaseAction | SwitchLanguage | ChangeScenario:
    """`whole`: typed without a slash, so every word must belong to the command; `take 2
    coffees off the bill` is a report, not `take` on case 2."""
    if typed in ("language", "lang", "in"):
        return _switch_language(number, args)
    if typed == "scenario":
        if len(args) != 1:
            raise CommandError(f"Say the scenario by its id: `/case {number} scenario billing_error` "
                               "(`/case help` lists them).")
        return ChangeScenario(number, args[0].lower().replace("-", "_"))
    if typed not in CASE_VERBS:
        raise CommandError(f"`{typed}` isn't something I can do to a case; use one of "
                           f"{', '.join(CASE_VERBS)} (e.g. `/case {number} resolve process recovered`).")
    verb = typed
    if verb in ("offer", "request"):
        return CaseAction(number, verb, option=_option(number, verb, args[:1]),
                          note=" ".join(args[1:]))
    if verb == "approve":
        option = _option(number, verb, args[:1]) if args and args[0].isdigit() else None
        rest = args[1:] if option is not None else args
        amount = None
        if rest and _is_amount(rest[0]):
            amount, rest = _approved_amount(number, rest[:1]), rest[1:]
        return CaseAction(number, verb, option=option, amount=amount, note=" ".join(rest))
    if verb == "outcome":
        if len(args) != 1:
            raise CommandError(f"Say the outcome: `/case {number} outcome recovered` "
                               f"({', '.join(OUTCOMES)}).")
        return CaseAction(number, verb, outcome=_outcome(args[0]))
    if verb == "resolve":
        return _resolve(number, args)
    if whole and verb == "take" and args:
        raise CommandError(f"Take a case with `/case {number} take`.")
    if verb == "decline":
        option = _option(number, verb, args[:1]) if args and args[0].isdigit() else None
        return CaseAction(number, verb, option=option,
                          note=" ".join(args[1:] if option is not None else args))
    if verb == "merge":
        if len(args) != 1 or not args[0].lstrip("#").isdigit():
            raise CommandError(f"Say which case to add it to: `/case {number} merge 12`.")
        return CaseAction(number, verb, option=int(args[0].lstrip("#")))
    if verb == "undo":
        option = _option(number, verb, args[:1]) if args and args[0].isdigit() else None
        return CaseAction(number, verb, option=option)
    return CaseAction(number, verb, note=" ".join(args))


def _switch_language(number: int, args: list[str]) -> SwitchLanguage:
    word = args[0].lower() if len(args) == 1 else ""
    language = _LANGUAGE_NAMES.get(word, word)
    if language not in WORD_LANGUAGES:
        raise CommandError(f"Say the language as en, es, fr, de or pt: `/case {number} language es`.")
    return SwitchLanguage(number, language)


def _option(number: int, verb: str, args: list[str]) -> int:
    if len(args) != 1 or not args[0].isdigit() or not 1 <= int(args[0]) <= 1000:
        raise CommandError(f"Say which option by its number: `/case {number} {verb} 1`. "
                           f"`/case {number}` lists them.")
    return int(args[0])


_CURRENCY_MARK = re.compile(r"^(?:amount=|[$€£¥]|r\$|chf)|[$€£¥]$", re.IGNORECASE)


def _is_amount(word: str) -> bool:
    """One rule for every verb: an amount is written `amount=30` or with a currency sign; a
    bare whole number is an option, and any other words are the reason."""
    return bool(_CURRENCY_MARK.search(word))


def _approved_amount(number: int, args: list[str]) -> Decimal:
    try:
        return parse_amount(" ".join(args).removeprefix("amount=").removeprefix("AMOUNT="))
    except ValueError as error:
        raise CommandError(f"{error}. To approve another amount, write it after the option: "
                           f"`/case {number} approve 2 $30`.") from None


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
