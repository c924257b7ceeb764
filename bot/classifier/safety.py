"""A small, negation-aware rule layer for harm to a person, in English, Spanish, French, German
and Portuguese.

A missed safety incident (an allergic reaction filed as "special request missed") is the most
costly mistake the engine can make, and the phrases that signal harm are few enough to write
down, so they live here (one vocabulary per language in harm_words/) instead of being left to
word statistics alone. When in doubt the rules say harm: a false alarm costs a manager a
minute, a miss can cost a life.

A match preceded by a negation ("no reaction", "nadie se hizo daño", "personne n'a été
blessé", "keine Reaktion", "ninguém se machucou") does not count, and for illness a
counterfactual does not either ("could have caused a reaction"): those reports are about the
failure, not about harm. The language is not detected first: every vocabulary reads every
report, so a mixed or misdetected report still raises the alarm.
"""

from __future__ import annotations

import re
from enum import Enum

from .harm_words import LANGUAGES
from .regex_starts import first_letters

_WINDOW = 6
# "personne" denies only on its own ("personne n'a été blessé"), not as a noun ("une personne").
_ARTICLED = frozenset({"personne"})
_ARTICLES = frozenset({"une", "la", "cette", "chaque", "autre", "de", "quelle", "toute", "seule", "une autre"})
# German (and English) put the denial after the harm word: "Verletzt wurde niemand".
_DENIED_AFTER = re.compile(
    r" (?:wurde|wurden|ist|war|hat|hatte|sind|waren)(?: (?:er|sie|es|man|sich|aber|dabei|zum gluck|gott sei dank)){0,3}"
    r" (?:niemand|keiner|nicht(?! (?:schlimm|schwer|ernst|so|nur|mal)\b))\b"
)
# "… eine Reaktion auslösen können": the counterfactual follows the harm word in German.
_COUNTERFACTUAL_AFTER = re.compile(r"(?: \w+){0,2} (?:konnen|koennen|gekonnt)\b")


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """One regex for many phrases, grouped by the letter they can start with.

    Python's regex engine tries every alternative at every word; behind a one-letter lookahead
    it tries only the phrases that can start there, which keeps five languages of phrases
    within a fraction of a millisecond per report.
    """
    buckets: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for pattern in patterns:
        starts = first_letters(pattern)
        if starts is None:
            anywhere.append(pattern)
            continue
        for letter in starts:
            buckets.setdefault(letter, []).append(pattern)
    grouped = [f"(?={re.escape(letter)})(?:{'|'.join(group)})" for letter, group in sorted(buckets.items())]
    return re.compile(r"\b(?:" + "|".join(grouped + anywhere) + r")\b")


_HAZARD = _alternation([p for words in LANGUAGES for p in words.hazard])
_HEALTH = _alternation([p for words in LANGUAGES for p in words.health])
_SOFT = _alternation([p for words in LANGUAGES for p in words.soft])
_REASSURE = _alternation([p for words in LANGUAGES for p in words.reassure])
_DENIALS = frozenset().union(*(words.denials for words in LANGUAGES))
_HYPOTHETICALS = _DENIALS.union(*(words.hypotheticals for words in LANGUAGES))
_SCOPE = frozenset().union(*(words.scope for words in LANGUAGES))


class Harm(Enum):
    """What the rules say about harm to a person in a text."""

    NONE = "none"  # no harm words at all
    NEGATED = "negated"  # harm words, but every one is denied or hypothetical
    PRESENT = "present"  # at least one plain statement of harm


def _negated_before(normalised: str, start: int, negations: frozenset[str]) -> bool:
    """True if a negation a few scope words before `start` governs the phrase there."""
    before = normalised[:start].split()[-_WINDOW - 1:]
    for i in range(len(before) - 1, max(len(before) - 1 - _WINDOW, -1), -1):
        token = before[i]
        if token in negations:
            return token not in _ARTICLED or i == 0 or before[i - 1] not in _ARTICLES
        if token not in _SCOPE:
            return False
    return False


def _negated(normalised: str, match: re.Match[str], negations: frozenset[str], health: bool) -> bool:
    if _negated_before(normalised, match.start(), negations):
        return True
    after = normalised[match.end():match.end() + 60]
    if _DENIED_AFTER.match(after) is not None:
        return True
    return health and _COUNTERFACTUAL_AFTER.match(after) is not None


def detect_harm(normalised: str) -> Harm:
    """Classify a normalise()d text as stating, denying or not mentioning harm.

    Hazards and illness count unless denied where they are said; "soft" hazards (a glass that
    shattered, a tile that came down) count unless the report also says nobody was harmed.
    """
    found = Harm.NEGATED if _REASSURE.search(normalised) is not None else Harm.NONE
    for pattern, negations, health in ((_HAZARD, _DENIALS, False), (_HEALTH, _HYPOTHETICALS, True)):
        for match in pattern.finditer(normalised):
            if not _negated(normalised, match, negations, health):
                return Harm.PRESENT
            found = Harm.NEGATED
    for match in _SOFT.finditer(normalised):
        if found is Harm.NONE and not _negated(normalised, match, _DENIALS, False):
            return Harm.PRESENT
        found = Harm.NEGATED
    return found


def harm_phrases(normalised: str) -> list[tuple[str, str]]:
    """Every harm phrase the rules see, with how it was read: for diagnostics and the eval script."""
    reassured = _REASSURE.search(normalised) is not None
    out: list[tuple[str, str]] = []
    for kind, pattern, negations, health in (("hazard", _HAZARD, _DENIALS, False),
                                             ("health", _HEALTH, _HYPOTHETICALS, True),
                                             ("soft", _SOFT, _DENIALS, False)):
        for match in pattern.finditer(normalised):
            denied = _negated(normalised, match, negations, health) or (kind == "soft" and reassured)
            out.append((match.group(0), f"{kind}{' denied' if denied else ''}"))
    return out
