"""Which characters a regular expression can start a match with, read from Python's own parser.

Used to group a large alternation by first letter (see safety.py), so the set of letters must
never be too small: anything this module cannot reason about returns None ("could start with
anything"), and the caller then tries that pattern everywhere.
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def first_letters(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can begin with, or None if it may be any or empty."""
    letters, may_be_empty = _sequence(list(parser.parse(pattern)))
    if letters is None or may_be_empty:
        return None
    return frozenset(letters)


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """First letters of a sequence of parsed items, and whether it can match the empty string."""
    out: set[str] = set()
    for op, arg in items:
        letters, may_be_empty = _item(op, arg)
        if letters is None:
            return None, False
        out |= letters
        if not may_be_empty:
            return out, False
    return out, True


def _item(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {chr(arg)}, False
    if op is sre.IN:
        return _charset(arg), False
    if op is sre.BRANCH:
        out: set[str] = set()
        any_empty = False
        for branch in arg[1]:
            letters, may_be_empty = _sequence(list(branch))
            if letters is None:
                return None, False
            out |= letters
            any_empty = any_empty or may_be_empty
        return out, any_empty
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[3]))
    if op in _REPEATS:
        letters, may_be_empty = _sequence(list(arg[2]))
        return letters, may_be_empty or arg[0] == 0
    if op in _ZERO_WIDTH:
        return set(), True
    return None, False


def _charset(members: list[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, arg in members:
        if op is sre.LITERAL:
            out.add(chr(arg))
        elif op is sre.RANGE:
            out |= {chr(code) for code in range(arg[0], arg[1] + 1)}
        else:
            return None
    return out
