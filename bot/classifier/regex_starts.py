"""What a regular expression's matches can start with, read from Python's own regex parser,
and a way to join many patterns into one regex that tries only the ones that fit.

Python's regex engine tries every alternative of an alternation at every word. Grouped in a
small trie of lookaheads on their first letters ("gas…" under (?=g) then (?=ga) then (?=gas)),
a thousand-phrase vocabulary costs a few alternatives per word instead of a thousand. Anything
this module cannot reason about is tried everywhere, so the grouping never loses a match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

from . import compiled

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
DEPTH = 3
_MIN_GUARD = 4

_Trie = dict[str, "_Trie"]


def prefixes(pattern: str, length: int) -> frozenset[str] | None:
    """Every string of `length` characters a match can begin with (shorter if the whole match is).

    None when some match could begin with anything or be empty.
    """
    found = _sequence(list(parser.parse(pattern)), length)
    if found is None or "" in found:
        return None
    return frozenset(found)


class PhraseSet:
    """Many phrases matched as one: a prefix-grouped regex, plus compound-word phrases
    ("\\w+verletzung") tried only when their fixed part is in the text at all."""

    def __init__(self, patterns: list[str]) -> None:
        inputs = "\n".join(patterns)
        stored = compiled.layout(inputs)
        if stored is None:
            stored = _layout(patterns)
            compiled.remember_layout(inputs, stored)
        main, guarded = stored
        self._main = _bounded(main)
        self._guarded = [(fixed, _bounded(body)) for fixed, body in guarded]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match: left to right for the grouped phrases, then the compound ones."""
        yield from self._main.finditer(text)
        for fixed, regex in self._guarded:
            if fixed in text:
                yield from regex.finditer(text)

    def search(self, text: str, start: int = 0, end: int = sys.maxsize) -> re.Match[str] | None:
        """The first match found in text[start:end], if any."""
        found = self._main.search(text, start, end)
        if found is not None:
            return found
        for fixed, regex in self._guarded:
            if fixed in text:
                found = regex.search(text, start, end)
                if found is not None:
                    return found
        return None


def required_literal(pattern: str) -> str | None:
    """The fixed text right after a leading \\w* or \\w+ ("verletzung" in \\w+verletzung\\w*)."""
    items = list(parser.parse(pattern))
    if not items or items[0][0] not in _REPEATS or _sequence(list(items[0][1][2]), 1) is not None:
        return None
    letters = []
    for op, arg in items[1:]:
        if op is not sre.LITERAL:
            break
        letters.append(chr(arg))
    return "".join(letters) or None


def _layout(patterns: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """The grouped expression's body, and the compound phrases by their fixed part."""
    trie: dict[str, Any] = {}
    anywhere: list[str] = []
    guarded: dict[str, list[str]] = {}
    for pattern in patterns:
        starts = _best_prefixes(pattern)
        if starts is not None:
            for start in starts:
                node = trie
                for letter in start:
                    node = node.setdefault(letter, {})
                node.setdefault("", []).append(pattern)
            continue
        fixed = required_literal(pattern)
        if fixed is not None and len(fixed) >= _MIN_GUARD:
            guarded.setdefault(fixed, []).append(pattern)
        else:
            anywhere.append(pattern)
    main = "|".join(filter(None, [_emit(trie, ""), *anywhere]))
    return main, [(fixed, "|".join(group)) for fixed, group in guarded.items()]


def _bounded(body: str) -> re.Pattern[str]:
    return compiled.regex(rf"\b(?:{body})\b") if body else re.compile(r"(?!)")


def _best_prefixes(pattern: str) -> frozenset[str] | None:
    for length in range(DEPTH, 0, -1):
        found = prefixes(pattern, length)
        if found is not None:
            return found
    return None


def _emit(node: dict[str, Any], prefix: str) -> str:
    branches = []
    for letter in sorted(key for key in node if key):
        child = node[letter]
        here = "|".join(dict.fromkeys(child.get("", [])))
        inner = "|".join(filter(None, [here, _emit(child, prefix + letter)]))
        branches.append(f"(?={re.escape(prefix + letter)})(?:{inner})")
    return "|".join(branches)


def _sequence(items: list[tuple[Any, Any]], length: int) -> set[str] | None:
    """Prefixes (cut at `length`) of the strings a sequence of parsed items can match."""
    out = {""}
    for op, arg in items:
        if all(len(start) >= length for start in out):
            break
        found = _item(op, arg, length)
        if found is None:
            return None
        out = {start if len(start) >= length else (start + more)[:length] for start in out for more in found}
    return out


def _item(op: Any, arg: Any, length: int) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(arg)}
    if op is sre.IN:
        return _charset(arg)
    if op is sre.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch), length)
            if found is None:
                return None
            out |= found
        return out
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[3]), length)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(arg), length)
    if op in _REPEATS:
        return _repeat(arg, length)
    if op in _ZERO_WIDTH:
        return {""}
    return None


def _repeat(arg: Any, length: int) -> set[str] | None:
    least, most, sub = arg
    once = _sequence(list(sub), length)
    if once is None:
        return None
    out = {""} if least == 0 else set()
    so_far = {""}
    for times in range(1, length + 1):
        if times > most:
            break
        so_far = {start if len(start) >= length else (start + more)[:length] for start in so_far for more in once}
        if times >= least or times == length:
            out |= so_far
    return out


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
