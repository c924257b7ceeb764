"""Confidence said in words: a percentage reads as certainty ("100% sure" on a wrong answer).

The engine's confidence is calibrated (an answer given at 0.9 is right about nine times in
ten on data it never saw), so the bands mean what they say: "sure" is right at least
`SURE` of the time, "not sure" less than `FAIRLY_SURE`.
"""

from __future__ import annotations

SURE = 0.85
FAIRLY_SURE = 0.6
UNSURE_BELOW = FAIRLY_SURE
"""Below this the engine's scenario is a guess the reporter is asked to confirm, and the team
hears of the case only once someone picks (or the window passes). Chosen from the training
data's 5-fold cross-validation (`scripts/eval_engine.py --cv`, the reliability table): answers
given at 0.5-0.6 were right 51% of the time, at 0.6-0.7 69%, and above 0.7 at least 76%; asking
below 0.6 asks about one report in eight (12%). Never tuned on a blind set."""


PLAIN_REPORT_SURE = 0.95
"""Plain text is a report when the failure flag says so, or when the engine is this sure of a
scenario (not "other"): the failure flag learnt from customers' feedback, and staff shorthand
("order #5 late") often carries no complaint word. On the development set this logs 39 of 40
reports (the flag alone 38) and 2 of 11 feedback lines that need no action (the flag alone 0);
over the development and English blind reports it logs 91% (the flag alone 81%). A report it
misses gets the one-tap "log it as a case"."""


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
