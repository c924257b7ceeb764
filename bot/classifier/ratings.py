"""Scores in feedback ("★★", "2/5", "NPS 3", "CSAT: 4", "5 stars") as one of three tokens.

Number normalisation turns every number into NUM, which would make "1/5" and "5/5" identical;
yet a score is often the strongest hint that a survey line reports a failure. So before that,
each score becomes rating_low, rating_mid or rating_high by its share of the scale.
"""

from __future__ import annotations

import re

_FILLED = "★⭐✭✮●"
_EMPTY = "☆✩✰○"
# "5★", "4 ⭐", "2/5★": a count written before one star is the score, not one star.
_COUNTED_STAR = re.compile(rf"(?<![\d/.])([0-5](?:[.,]\d)?)\s?(?:/\s?5\s?)?[{_FILLED}]\ufe0f?(?![{_FILLED}])")
_STARS = re.compile(rf"([{_FILLED}](?:\ufe0f)?(?:\s?[{_FILLED}]\ufe0f?)*)((?:\s?[{_EMPTY}])*)")
_FRACTION = re.compile(r"(?<![\d/])(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*(5|10)(?![\d/])")
_LABELLED = re.compile(r"\b(nps|csat|score|rating|rated|rate)\s*[:=\-]?\s*(\d{1,2})(?![\d/.])")
_LABEL_KEYS = ("nps", "csat", "scor", "rat")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_STAR_COUNT = re.compile(r"\b([1-5]|one|two|three|four|five)\s*stars?\b")


def bucket(score: float, scale: float) -> str:
    """rating_low / rating_mid / rating_high by share of the scale (NPS 0-4 low, 5-6 mid)."""
    share = score / scale if scale else 0.0
    if share <= 0.45:
        return " rating_low "
    if share <= 0.65:
        return " rating_mid "
    return " rating_high "


def _stars(match: re.Match[str]) -> str:
    filled = sum(ch in _FILLED for ch in match.group(1))
    empty = sum(ch in _EMPTY for ch in match.group(2))
    return bucket(filled, filled + empty if empty else 5)


def _labelled(match: re.Match[str]) -> str:
    value = int(match.group(2))
    scale = 10 if match.group(1) == "nps" or value > 5 else 5
    return bucket(value, scale)


def _star_count(match: re.Match[str]) -> str:
    raw = match.group(1)
    return bucket(_WORD_NUMBERS.get(raw) or int(raw), 5)


def rewrite_ratings(lowered: str) -> str:
    """Replace every recognised score in lowercased text by its rating token.

    Each pattern only runs when a substring it needs is present; most texts have none.
    """
    text = lowered
    if not text.isascii():
        text = _COUNTED_STAR.sub(lambda m: bucket(float(m.group(1).replace(",", ".")), 5), text)
        text = _STARS.sub(_stars, text)
    if "/" in text or "out of" in text:
        text = _FRACTION.sub(lambda m: bucket(float(m.group(1)), float(m.group(2))), text)
    if any(key in text for key in _LABEL_KEYS):
        text = _LABELLED.sub(_labelled, text)
    if "star" in text:
        text = _STAR_COUNT.sub(_star_count, text)
    return text
