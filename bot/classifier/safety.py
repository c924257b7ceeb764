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

from .harm_words import BY_CODE, LANGUAGES, Words
from .regex_starts import PhraseSet

_WINDOW = 6
# A denial word that is not one after these: "une personne" is a person, not "personne n'a…";
# "il n'arrête pas de vomir" keeps vomiting.
_NOT_A_DENIAL_AFTER: dict[str, frozenset[str]] = {
    "personne": frozenset({"une", "la", "cette", "chaque", "autre", "de", "quelle", "toute", "seule"}),
    "pas": frozenset({"narrete", "arrete", "narretait", "narretent", "cesse", "ncesse", "sarrete", "nen finit"}),
}
# German (and English) put the denial after the harm word: "Verletzt wurde niemand".
_DENIED_AFTER = re.compile(
    r" (?:wurde|wurden|ist|war|hat|hatte|sind|waren)(?: (?:er|sie|es|man|sich|aber|dabei|zum gluck|gott sei dank)){0,3}"
    r" (?:niemand|niemandem|keiner|keinem|nicht(?! (?:schlimm|schwer|ernst|so|nur|mal)\b))\b"
)
# "… eine Reaktion auslösen können": the counterfactual follows the harm word in German.
_COUNTERFACTUAL_AFTER = re.compile(r"(?: \w+){0,2} (?:konnen|koennen|gekonnt)\b")


_EXCUSE_BEFORE, _EXCUSE_AFTER = 90, 30
# German typed without umlauts ("uebel", "gestuerzt", "Fuss") is read a second time, folded.
_DIGRAPHS = re.compile(r"ae|oe|ue|ß")
_GERMAN_WORDS = re.compile(
    r"\b(?:der|die|das|und|ist|nicht|ein|eine|einen|mit|sich|hat|wurde|dem|den|im|vom|zum|auf)\b"
)
_FOLDED = {"ae": "a", "oe": "o", "ue": "u", "ß": "ss"}
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
            return i == 0 or before[i - 1] not in _NOT_A_DENIAL_AFTER.get(token, frozenset())
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


class _Vocabulary:
    """The phrases of some languages, compiled once, and how to read a text with them."""

    def __init__(self, languages: tuple[Words, ...]) -> None:
        self.hazard = PhraseSet([p for words in languages for p in words.hazard])
        self.health = PhraseSet([p for words in languages for p in words.health])
        self.soft = PhraseSet([p for words in languages for p in words.soft])
        self.reassure = PhraseSet([p for words in languages for p in words.reassure])
        self.excuses = PhraseSet([p for words in languages for p in words.excuses])

    def read(self, text: str) -> Harm:
        found = Harm.NONE
        for pattern, negations, health in ((self.hazard, _DENIALS, False), (self.health, _HYPOTHETICALS, True)):
            for match in pattern.finditer(text):
                if not _negated(text, match, negations, health):
                    return Harm.PRESENT
                found = Harm.NEGATED
        reassured = self.reassure.search(text) is not None
        for match in self.soft.finditer(text):
            if self.excused(text, match):
                continue
            if found is Harm.NONE and not reassured and not _negated(text, match, _DENIALS, False):
                return Harm.PRESENT
            found = Harm.NEGATED
        return Harm.NEGATED if reassured else found

    def excused(self, text: str, match: re.Match[str]) -> bool:
        """True if an innocent reading of a soft hazard is said right beside it ("the wifi dropped")."""
        start, end = max(0, match.start() - _EXCUSE_BEFORE), match.end() + _EXCUSE_AFTER
        return self.excuses.search(text, start, end) is not None

    def phrases(self, text: str) -> list[tuple[str, str]]:
        reassured = self.reassure.search(text) is not None
        out: list[tuple[str, str]] = []
        for kind, pattern, negations, health in (("hazard", self.hazard, _DENIALS, False),
                                                 ("health", self.health, _HYPOTHETICALS, True),
                                                 ("soft", self.soft, _DENIALS, False)):
            for match in pattern.finditer(text):
                denied = _negated(text, match, negations, health) or (
                    kind == "soft" and (reassured or self.excused(text, match)))
                out.append((match.group(0), f"{kind}{' denied' if denied else ''}"))
        return out


_EVERY_LANGUAGE = _Vocabulary(LANGUAGES)
_GERMAN = _Vocabulary((BY_CODE["de"],))


def _folded(normalised: str) -> str | None:
    """A German text with its digraphs folded ("gestuerzt" is "gesturzt"), or None if there is none."""
    if _DIGRAPHS.search(normalised) is None or _GERMAN_WORDS.search(normalised) is None:
        return None
    return _DIGRAPHS.sub(lambda match: _FOLDED[match.group(0)], normalised)


def detect_harm(normalised: str) -> Harm:
    """Classify a normalise()d text as stating, denying or not mentioning harm.

    Hazards and illness count unless denied where they are said; "soft" hazards (a glass that
    shattered, a tile that came down) count unless the report also says nobody was harmed or
    explains them away right beside them.
    """
    found = _EVERY_LANGUAGE.read(normalised)
    folded = _folded(normalised) if found is not Harm.PRESENT else None
    if folded is None:
        return found
    again = _GERMAN.read(folded)
    if again is Harm.PRESENT:
        return again
    return Harm.NEGATED if Harm.NEGATED in (found, again) else Harm.NONE


def harm_phrases(normalised: str) -> list[tuple[str, str]]:
    """Every harm phrase the rules see, with how it was read: for diagnostics and the eval script."""
    folded = _folded(normalised)
    return _EVERY_LANGUAGE.phrases(normalised) + (_GERMAN.phrases(folded) if folded else [])
