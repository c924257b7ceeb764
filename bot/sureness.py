"""Confidence said in words: a percentage reads as certainty ("100% sure" on a wrong answer).

The engine's confidence is calibrated (an answer given at 0.9 is right about nine times in
ten on data it never saw), so the bands mean what they say: "sure" is right at least
`SURE` of the time, "not sure" less than `FAIRLY_SURE`.
"""

from __future__ import annotations

SURE = 0.85
FAIRLY_SURE = 0.6


def sureness(confidence: float) -> str:
    if confidence >= SURE:
        return "sure"
    if confidence >= FAIRLY_SURE:
        return "fairly sure"
    return "not sure"


def snippet(text: str, limit: int = 60) -> str:
    """The start of what happened, on one line, for a list."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
