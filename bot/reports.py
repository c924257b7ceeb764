"""A report's text checked before anything else sees it: every refusal says what to do.

It is also where a payment card number in a report is masked, so the case, its cards, digests,
exports and logs never hold one (`bot.redact`)."""

from __future__ import annotations

import re
import unicodedata

from bot.redact import mask_cards

MAX_REPORT_CHARS = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]", re.DOTALL)


class ReportError(ValueError):
    """A one-line answer for the user; nothing has been stored when it is raised."""


def clean_report(text: str) -> str:
    if len(text) > MAX_REPORT_CHARS:
        raise ReportError(
            f"That report is {len(text):,} characters; keep it under {MAX_REPORT_CHARS:,}. "
            "Say in a line or two what went wrong (e.g. `/recover table 7 soup was cold`)."
        )
    junk = len(_CONTROL.findall(text))
    cleaned = " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())
    if not cleaned:
        raise ReportError("Tell me what went wrong, e.g. `/recover guest in 214 says the room "
                          "was not cleaned`.")
    if not _TWO_LETTERS.search(cleaned) or junk > max(3, len(text) // 10):
        raise ReportError("I couldn't read that as a report (it looks like binary or garbled "
                          "text). Type what went wrong in words.")
    return mask_cards(cleaned)
