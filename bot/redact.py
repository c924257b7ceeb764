"""What must never be stored or printed: payment card numbers, secrets, database passwords.

A frontline employee types what the customer said, and sometimes that includes the card the
customer paid with. Amends has no use for it and must not keep it (PCI DSS), so a card number
is masked before anything stores, shows or logs a report. A card number is 13 to 19 digits,
typed in one run or in groups split by spaces or dashes, that passes the Luhn check: order,
booking and phone numbers almost always fail it, so they survive. A security code named as
such (CVV 123) is masked too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

MASK = "•••• •••• •••• "
HIDDEN = "***"

# Groups of digits joined by spaces, a dash or a dot, as people type card numbers.
_DIGIT_RUN = re.compile(r"(?<![\w+])\d+(?:(?: {1,3}| {0,2}[-.\u2010-\u2015] {0,2})\d+)*(?!\w)")
_GROUP = re.compile(r"\d+")
_PHONE_PREFIX = re.compile(r"(?:\+|\b00)\d{1,3}[ .-]?\(?$")
_SECURITY_CODE = re.compile(r"\b(cvv2?|cvc2?|cid|security code)(\s*(?:is|:|#|no\.?)?\s*)\d{3,4}\b",
                            re.IGNORECASE)
_URL_PASSWORD = re.compile(r"\b([a-z][a-z0-9+.-]*://[^:/@\s]*:)\S*@(?=[^@\s]*(?:\s|$))", re.IGNORECASE)


def luhn_valid(digits: str) -> bool:
    """The check digit every payment card number carries (ISO/IEC 7812)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """13-19 digits, Luhn-valid, not starting with 0 (no issuer's number does; many local
    phone numbers do)."""
    return 13 <= len(digits) <= 19 and not digits.startswith("0") and luhn_valid(digits)


def mask_cards(text: str) -> str:
    """`text` with every payment card number shown as `•••• •••• •••• 4242` (the last four
    kept, so staff can still say "the card ending 4242") and security codes hidden."""
    masked = _DIGIT_RUN.sub(_mask_match, text)
    return _SECURITY_CODE.sub(lambda m: f"{m.group(1)}{m.group(2)}•••", masked)


def _mask_match(match: re.Match[str]) -> str:
    """A run right after an international prefix ("+44 7946 0958 1234 567") is a phone number."""
    if _PHONE_PREFIX.search(match.string, 0, match.start()):
        return match.group(0)
    return _mask_run(match.group(0))


def _mask_run(run: str) -> str:
    """A run of digit groups may hold card numbers among other numbers ("4242 4242 4242 4242
    12 27"): from left to right, the longest card number starting at each group is masked.
    One pass, so a report full of numbers costs no more than its length."""
    groups = list(_GROUP.finditer(run))
    pieces: list[str] = []
    kept_until = 0
    index = 0
    while index < len(groups):
        last = _longest_card_from(groups, index)
        if last is None:
            index += 1
            continue
        digits = "".join(group.group(0) for group in groups[index:last + 1])
        pieces += [run[kept_until:groups[index].start()], MASK, digits[-4:]]
        kept_until = groups[last].end()
        index = last + 1
    return "".join(pieces) + run[kept_until:]


def _longest_card_from(groups: list[re.Match[str]], first: int) -> int | None:
    """The last group of the longest card number starting at `first`. Whole groups only: one
    group of 13-19 digits, or groups typed the way cards are printed, starting with a group of
    four (4-4-4-4, 4-6-5, 4-4-4-4-3), so two phone numbers in a row are not read as one card."""
    digits = ""
    found = None
    for last in range(first, len(groups)):
        digits += groups[last].group(0)
        if len(digits) > 19 or (last > first and len(groups[first].group(0)) != 4):
            break
        if is_card_number(digits):
            found = last
    return found


def hide_url_passwords(text: str) -> str:
    """`scheme://user:secret@host` anywhere in free text becomes `scheme://user:***@host`."""
    return _URL_PASSWORD.sub(lambda m: f"{m.group(1)}{HIDDEN}@", text)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Free text made safe to print or log: known secret values, URL passwords, card numbers."""
    for secret in sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return mask_cards(hide_url_passwords(text))


class RedactingFilter(logging.Filter):
    """Installed on the log handlers by the `amends` command: whatever a library or our code
    logs (message, arguments, traceback) goes out with secrets and card numbers hidden."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call: the handler reports it as logging always does
            return True
        record.msg = redact(message, self.secrets)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


_EMAIL = re.compile(r"[\w.+-]+\s?(?:@|\(at\)|\[at\]| at )\s?[\w-]+(?:\s?(?:\.|\(dot\)| dot )\s?[\w-]+)+",
                    re.IGNORECASE)
# A phone number as people type it: an optional +country or 00, then 7 or more digits in groups
# split by spaces, dots, dashes or brackets ("+44 20 7946 0958", "(555) 123-4567", "06 12 34 56 78").
_PHONE = re.compile(r"(?<![\w€$£])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?![\w%])")


def mask_contact(text: str) -> str:
    """`text` with e-mail addresses and phone numbers replaced, and card numbers masked, before
    it leaves for a model endpoint. Short numbers (rooms, tables, amounts, times) stay: a phone
    number has at least seven digits."""
    masked = _EMAIL.sub("[e-mail]", mask_cards(text))
    return _PHONE.sub(_phone_or_keep, masked)


def _phone_or_keep(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[phone]" if 7 <= len(digits) <= 15 else match.group(0)
