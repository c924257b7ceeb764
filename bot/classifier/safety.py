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
from .regex_starts import PhraseSet

_WINDOW = 6
# "personne" denies only on its own ("personne n'a été blessé"), not as a noun ("une personne").
_ARTICLED = frozenset({"personne"})
_ARTICLES = frozenset({"une", "la", "cette", "chaque", "autre", "de", "quelle", "toute", "seule", "une autre"})
# German (and English) put the denial after the harm word: "Verletzt wurde niemand".
_DENIED_AFTER = re.compile(
    r" (?:wurde|wurden|ist|war|hat|hatte|sind|waren)(?: (?:er|sie|es|man|sich|aber|dabei|zum gluck|gott sei dank)){0,3}"
    r" (?:niemand|niemandem|keiner|keinem|nicht(?! (?:schlimm|schwer|ernst|so|nur|mal)\b))\b"
)
# "… eine Reaktion auslösen können": the counterfactual follows the harm word in German.
_COUNTERFACTUAL_AFTER = re.compile(r"(?: \w+){0,2} (?:konnen|koennen|gekonnt)\b")


_HAZARD = PhraseSet([p for words in LANGUAGES for p in words.hazard])
_HEALTH = PhraseSet([p for words in LANGUAGES for p in words.health])
_SOFT = PhraseSet([p for words in LANGUAGES for p in words.soft])
_REASSURE = PhraseSet([p for words in LANGUAGES for p in words.reassure])
_EXCUSES = PhraseSet([p for words in LANGUAGES for p in words.excuses])
_EXCUSE_BEFORE, _EXCUSE_AFTER = 90, 30
_DENIALS = frozenset().union(*(words.denials for words in LANGUAGES))
_HYPOTHETICALS = _DENIALS.union(*(words.hypotheticals for words in LANGUAGES))
_SCOPE = frozenset().union(*(words.scope for words in LANGUAGES))
_SUBJECTS = frozenset().union(*(words.subjects for words in LANGUAGES))


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
            return token in _SUBJECTS and i > 0 and before[i - 1] in negations
    return False


def _negated(normalised: str, match: re.Match[str], negations: frozenset[str], health: bool) -> bool:
    if _negated_before(normalised, match.start(), negations):
        return True
    after = normalised[match.end():match.end() + 60]
    if _DENIED_AFTER.match(after) is not None:
        return True
    return health and _COUNTERFACTUAL_AFTER.match(after) is not None


def _excused(normalised: str, match: re.Match[str]) -> bool:
    """True if an innocent reading of a soft hazard is said right beside it ("the wifi dropped")."""
    start, end = max(0, match.start() - _EXCUSE_BEFORE), match.end() + _EXCUSE_AFTER
    return _EXCUSES.search(normalised, start, end) is not None


def detect_harm(normalised: str) -> Harm:
    """Classify a normalise()d text as stating, denying or not mentioning harm.

    Hazards and illness count unless denied where they are said; "soft" hazards (a glass that
    shattered, a tile that came down) count unless the report also says nobody was harmed or
    explains them away right beside them.
    """
    found = Harm.NONE
    for pattern, negations, health in ((_HAZARD, _DENIALS, False), (_HEALTH, _HYPOTHETICALS, True)):
        for match in pattern.finditer(normalised):
            if not _negated(normalised, match, negations, health):
                return Harm.PRESENT
            found = Harm.NEGATED
    reassured = _REASSURE.search(normalised) is not None
    for match in _SOFT.finditer(normalised):
        if _excused(normalised, match):
            continue
        if found is Harm.NONE and not reassured and not _negated(normalised, match, _DENIALS, False):
            return Harm.PRESENT
        found = Harm.NEGATED
    return Harm.NEGATED if reassured else found


def harm_phrases(normalised: str) -> list[tuple[str, str]]:
    """Every harm phrase the rules see, with how it was read: for diagnostics and the eval script."""
    reassured = _REASSURE.search(normalised) is not None
    out: list[tuple[str, str]] = []
    for kind, pattern, negations, health in (("hazard", _HAZARD, _DENIALS, False),
                                             ("health", _HEALTH, _HYPOTHETICALS, True),
                                             ("soft", _SOFT, _DENIALS, False)):
        for match in pattern.finditer(normalised):
            denied = _negated(normalised, match, negations, health) or (
                kind == "soft" and (reassured or _excused(normalised, match)))
            out.append((match.group(0), f"{kind}{' denied' if denied else ''}"))
    return out
