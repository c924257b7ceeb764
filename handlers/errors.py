"""One answer for anything unexpected, on every platform: a plain sentence and a short reference.

The person who hit the error gets the sentence (never a stack trace); whoever reads the logs
finds the same reference next to the traceback, so "ref 4F2A9C" in a screenshot leads straight
to what happened.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

log = logging.getLogger("amends.errors")

SOMETHING_WENT_WRONG = "Something went wrong on our side; nothing was recorded. Please try again."


@dataclass(frozen=True, slots=True)
class Oops:
    """What the user is told about an unexpected error, and the reference it is logged under."""

    reference: str

    @property
    def text(self) -> str:
        return f"{SOMETHING_WENT_WRONG} (ref {self.reference})"


def new_reference() -> str:
    """Six hex digits: short enough to read out, random enough not to collide in one day's logs."""
    return secrets.token_hex(3).upper()


def unexpected(error: BaseException, where: str) -> Oops:
    """Logs the error with its traceback under a fresh reference and returns what to tell the user."""
    oops = Oops(new_reference())
    log.error("unexpected error in %s (ref %s)", where, oops.reference, exc_info=error)
    return oops
