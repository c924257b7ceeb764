"""Reading a report in another language through a word-to-English lexicon.

The classifier learned most of what it knows from English reports. A Spanish, French, German
or Portuguese report is read as its own words plus, for each word the hand-written lexicon
knows (`data/lexicon-xx.tsv`), that word's English equivalent: "mesa 4 sopa fria" is also read
as "table soup cold", so what the English data taught carries over, while the language's own
words still count for what its own data taught. English is read as it is, so a French "pain"
(bread) never turns an English "pain" into bread.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from .language import detect_language
from .normalise import normalise

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def lexicon(language: str) -> dict[str, tuple[str, ...]]:
    """word (normalised) -> English words; empty for English and for a language with no file."""
    path = DATA_DIR / f"lexicon-{language}.tsv"
    if language == "en" or not path.exists():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, english = line.partition("\t")
        key = normalise(word).replace(" ", "")
        gloss = tuple(normalise(english).split())
        if key and gloss and key not in table:
            table[key] = gloss
    return table


def glossed(normalised: str, language: str) -> str:
    """The normalised text followed by the English of the words the lexicon knows."""
    table = lexicon(language)
    if not table:
        return normalised
    extra = [word for token in normalised.split() for word in table.get(token, ())]
    return f"{normalised} {' '.join(extra)}" if extra else normalised


@lru_cache(maxsize=16384)
def read(text: str) -> str:
    """What the statistical heads read of a raw text: normalised, glossed in its language."""
    return glossed(normalise(text), detect_language(text))
