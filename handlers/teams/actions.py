"""A card button's data (handlers/teams/cards.py writes it) read back as a core command,
without trusting its shape: anything we could not have sent is refused before anything changes.

Action.Execute (Universal Actions) and its Action.Submit fallback carry the same data:
`{"amends": <action>, ...fields}`, with the card's inputs merged in by their ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.commands import (
    OUTCOMES,
    ROOT_CAUSES,
    WORD_LANGUAGES,
    CaseAction,
    CaseVerb,
    ChangeScenario,
    Command,
    Recover,
    SwitchLanguage,
)

MAX_NUMBER = 2**31 - 1
MAX_TEXT = 2000
SNOOZES = ("1h", "tomorrow")
_OPTION_VERBS: dict[str, CaseVerb] = {"offer": "offer", "request": "request", "approve": "approve",
                                      "decline": "decline"}
_CASE_VERBS: dict[str, CaseVerb] = {"escalate": "escalate", "take": "take"}


class BadAction(ValueError):
    """Data a card of ours could not have sent; the message says which field."""


@dataclass(frozen=True, slots=True)
class Snooze:
    delivery: int
    until: str | None
    """"1h" or "tomorrow"; None: the reminder is done."""


CardAction = Command | Snooze


def read_action(data: object) -> CardAction:
    if not isinstance(data, Mapping):
        raise BadAction("the card's data is not an object")
    action = data.get("amends")
    if not isinstance(action, str):
        raise BadAction("the card's data names no action")
    if action in _OPTION_VERBS:
        option = _number(data, "option") if data.get("option") is not None else None
        return CaseAction(_number(data, "case"), _OPTION_VERBS[action], option=option)
    if action in _CASE_VERBS:
        return CaseAction(_number(data, "case"), _CASE_VERBS[action])
    return _other(action, data)


def _other(action: str, data: Mapping[str, Any]) -> CardAction:
    match action:
        case "resolve":
            return CaseAction(_number(data, "case"), "resolve",
                              outcome=_maybe(data, "outcome", OUTCOMES),
                              root_cause=_maybe(data, "root_cause", ROOT_CAUSES),
                              note=_text(data, "note", required=False))
        case "outcome":
            return CaseAction(_number(data, "case"), "outcome",
                              outcome=_choice(data, "outcome", OUTCOMES))
        case "snooze":
            return Snooze(_number(data, "delivery"), _choice(data, "for", SNOOZES))
        case "done":
            return Snooze(_number(data, "delivery"), None)
        case "merge":
            return CaseAction(_number(data, "case"), "merge", option=_number(data, "into"))
        case "log_anyway":
            return Recover(text=_text(data, "text"))
        case "scenario":
            return ChangeScenario(_number(data, "case"), _text(data, "scenario"))
        case "language":
            return SwitchLanguage(_number(data, "case"), _choice(data, "language", WORD_LANGUAGES))
    raise BadAction(f"'{action[:40]}' is not an action of ours")


def _number(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_NUMBER:
        raise BadAction(f"{key} is not a number we could have sent")
    return value


def _text(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > MAX_TEXT:
        raise BadAction(f"{key} is missing or not text")
    return value.strip()


def _choice(data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = data.get(key)
    if value not in allowed:
        raise BadAction(f"{key} is not one of {', '.join(allowed)}")
    return str(value)


def _maybe(data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
    """An optional choice: an input left empty arrives missing or as ""."""
    return None if data.get(key) in (None, "") else _choice(data, key, allowed)
