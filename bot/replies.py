"""Platform-neutral answers; handlers turn them into text, Block Kit or Adaptive Cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.digest import Digest
from bot.policy import Decision
from bot.records import CaseRecord, EventRecord, OfferRecord
from bot.suggestion import Suggestion
from bot.words import Words


@dataclass(frozen=True, slots=True)
class Notice:
    """A one-line answer: a confirmation, or (error=True) what went wrong and what to do."""

    text: str
    error: bool = False
    log_anyway: str = ""
    """Plain text that didn't read as a problem: the text to log if the reporter says it is
    one (a Slack button, a console hint)."""


@dataclass(frozen=True, slots=True)
class Reported:
    """A report stored as a case; `suggestion.words` are the words stored as its version 1."""

    case: CaseRecord
    suggestion: Suggestion
    duplicate: bool = False
    same_customer: CaseRecord | None = None
    """An open case for the same customer reference from a few minutes before: the reporter
    may add this report to it (`/case N merge M`) or keep it as a new case, linked."""

    @property
    def words(self) -> Words:
        return self.suggestion.words

    @property
    def same_customer_line(self) -> str:
        """"table 7 already has case #1 from 3 minutes ago", or nothing."""
        same = self.same_customer
        if same is None or not same.customer_ref:
            return ""
        minutes = max(0, int((self.case.created_at - same.created_at).total_seconds() // 60))
        ago = "just now" if minutes == 0 else f"{minutes} minute{'s' if minutes != 1 else ''} ago"
        return f"{same.customer_ref} already has case #{same.number} from {ago}"


@dataclass(frozen=True, slots=True)
class CaseCard:
    headline: str
    case: CaseRecord
    offers: tuple[OfferRecord, ...]
    events: tuple[EventRecord, ...]
    options: tuple[Decision, ...]
    """The playbook's options for this case, decided for the viewer's role."""
    words: Words | None = None
    """The latest words the reporter was shown (stored), or None for a case from before they
    were stored."""
    reminders: tuple[tuple[int, str, datetime], ...] = ()
    """Follow-ups still to come (number, kind, when): the number is what `/nudge N` takes."""


@dataclass(frozen=True, slots=True)
class CaseList:
    title: str
    cases: tuple[CaseRecord, ...]
    empty: str
    total: int | None = None
    """How many there are in all (None: the list is all of them)."""
    first: int = 1
    """The position of the first case shown, counting from 1."""
    more: str = ""
    """What to type for the next page, when there is one."""

    @property
    def heading(self) -> str:
        """"Open cases, most urgent first (12; 1-10 shown)"."""
        if self.total is None:
            return self.title
        if len(self.cases) >= self.total:
            return f"{self.title} ({self.total})"
        last = self.first + len(self.cases) - 1
        return f"{self.title} ({self.total}; {self.first}-{last} shown)"


@dataclass(frozen=True, slots=True)
class Overview:
    """What a person's home screen shows: their open cases and, for approvers, the team's."""

    mine: tuple[CaseRecord, ...]
    team: tuple[CaseRecord, ...]
    overdue: frozenset[int]
    awaiting: tuple[CaseRecord, ...]
    is_approver: bool


@dataclass(frozen=True, slots=True)
class HelpText:
    topics: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class DigestReply:
    digest: Digest


Reply = Notice | Reported | CaseCard | CaseList | HelpText | DigestReply
