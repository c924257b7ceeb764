"""What a case action comes to, shared by the modules that carry the actions out
(bot/casework.py, bot/offers.py, bot/amendments.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.records import CaseRecord
from bot.replies import Notice, Reply


class Moved(Exception):
    """The case changed under this request after it was read; the transaction is rolled back
    and the person is told to look again. With the case row locked this is a last line of
    defence, not the usual path."""


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    reply: Reply
    delivered: bool = False
    """True when the action queued messages for others (the sender should wake up)."""


def not_found(number: int) -> Notice:
    return Notice(f"No case #{number} here. Try `/case open` or `/case mine`.", error=True)


def closed(case: CaseRecord) -> Notice:
    return Notice(f"Case #{case.number} is already resolved; record how it ended with "
                  f"`/case {case.number} outcome recovered|partly|lost`.", error=True)
