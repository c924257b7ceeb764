"""What the outbox hands a platform, and what the platform answers (the loop is bot/outbox.py).

A platform adds only a transport: render one delivery and send it, answering `Sent` (with where
the message now lives, when it is one the case will update later), `Retry` (with the
platform's own wait, when it rate-limited us) or `Failed` (it can never go out as it is).
`MemoryTransport` is the console's and the tests' platform.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import NamedTuple, Protocol, assert_never

from bot import followups
from bot.digest import Digest
from bot.policy import Decision
from bot.records import CaseRecord, OfferRecord
from bot.schedules import DIGEST
from bot.words import Words


class Kind(StrEnum):
    """Every kind of outbox row; each is exactly one post (or one in-place update) on a platform."""

    CASE_CARD = "case_card"
    """The case's lasting card in the reporter's DM."""
    TEAM_ALERT = "team_alert"
    """The case's card in its team's channel."""
    FEEDBACK_ALERT = "feedback_alert"
    """A failure spotted in a feedback channel, to the team, with "take this case"."""
    ESCALATION = "escalation"
    """The escalated case's card in its team's channel (a note in its thread when it is there)."""
    ESCALATION_MANAGERS = "escalation_managers"
    """The escalated case's card in the managers' channel."""
    CARD_UPDATE_DM = "card_update_dm"
    CARD_UPDATE_TEAM = "card_update_team"
    THREAD_NOTE = "thread_note"
    """What changed, in the thread under the team's card."""
    APPROVAL_REQUEST = "approval_request"
    APPROVAL_REMINDER = followups.APPROVAL_REMINDER
    APPROVAL_DECIDED = "approval_decided"
    """Every message that asked for the approval shows the decision (in-place updates)."""
    NUDGE_OPEN = followups.OPEN_NUDGE
    NUDGE_OUTCOME = followups.OUTCOME_NUDGE
    SLA_ALERT = followups.SLA_ALERT
    DIGEST = DIGEST
    DIGEST_CHART = "digest_chart"
    """The digest's chart, posted after its figures (queued once those are sent)."""


LEGACY_CARD_UPDATE = "card_update"
"""Rows written before card updates were split into one row per post; split when claimed."""

ABOUT_AN_OFFER = frozenset({Kind.APPROVAL_REQUEST, Kind.APPROVAL_REMINDER, Kind.APPROVAL_DECIDED})


class Posted(NamedTuple):
    """Where a message lives on its platform: the conversation and the message's id there."""

    channel: str
    message_id: str


@dataclass(frozen=True, slots=True)
class OutboundPost:
    """One delivery, with everything needed to render it as the case is now."""

    id: int
    kind: Kind
    workspace: str
    platform: str
    recipient: str
    """A person's id, a team key, "managers", a role name, or a digest's "digest:TEAM:PERIOD"."""
    text: str
    level: int = 0
    """How far an approval reminder has gone up (0: the managers, 1: the next role up)."""
    case: CaseRecord | None = None
    offers: tuple[OfferRecord, ...] = ()
    offer: OfferRecord | None = None
    """The offer an approval message is about."""
    posted: Mapping[str, Posted] = field(default_factory=dict)
    """The case's lasting messages by key: "dm", "team", "approval:OFFER" and its reminders."""
    digest: Digest | None = None
    words: Words | None = None
    """The latest words the reporter was shown for this case (for their own card)."""
    options: tuple[Decision, ...] = ()
    """What the reporter's role may give now, decided by the policy (for their own card)."""


@dataclass(frozen=True, slots=True)
class Sent:
    """The platform accepted it. `where`: the new message, when the case will update it later."""

    where: Posted | None = None


@dataclass(frozen=True, slots=True)
class Retry:
    """Not sent; try again. `after`: the platform said when (a rate limit), which is not a failed
    attempt; None: the loop backs off and counts the attempt."""

    reason: str
    after: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    """It can never go out as it is: kept in the outbox, marked failed, counted in the digest."""

    reason: str


Outcome = Sent | Retry | Failed


class Transport(Protocol):
    """A platform's half of the outbox: send this rendered delivery, say what became of it."""

    platform: str

    async def send(self, post: OutboundPost) -> Sent | Retry | Failed: ...


def lasting_key(post: OutboundPost) -> str | None:
    """Which of the case's lasting messages a new post becomes, so later changes edit it."""
    match post.kind:
        case Kind.CASE_CARD:
            return "dm"
        case Kind.TEAM_ALERT | Kind.FEEDBACK_ALERT | Kind.ESCALATION | Kind.SLA_ALERT:
            return "team"
        case Kind.APPROVAL_REQUEST:
            return f"approval:{post.offer.id}" if post.offer else None
        case Kind.APPROVAL_REMINDER:
            return f"approval:{post.offer.id}:reminder{post.level}" if post.offer else None
        case (Kind.ESCALATION_MANAGERS | Kind.CARD_UPDATE_DM | Kind.CARD_UPDATE_TEAM
              | Kind.THREAD_NOTE | Kind.APPROVAL_DECIDED | Kind.NUDGE_OPEN | Kind.NUDGE_OUTCOME
              | Kind.DIGEST | Kind.DIGEST_CHART):
            return None
        case _:
            assert_never(post.kind)


class MemoryTransport:
    """The console's and the tests' platform: keeps every post it is given, in order.
    `answer` (tests) may refuse a post with a `Retry` or `Failed` instead."""

    def __init__(self, platform: str = "console",
                 answer: Callable[[OutboundPost], Retry | Failed | None] | None = None) -> None:
        self.platform = platform
        self.answer = answer
        self.delivered: list[OutboundPost] = []

    async def send(self, post: OutboundPost) -> Sent | Retry | Failed:
        refused = self.answer(post) if self.answer is not None else None
        if refused is not None:
            return refused
        self.delivered.append(post)
        return Sent(Posted(post.recipient, f"{self.platform}-{len(self.delivered)}"))

    def take_new(self, since: int) -> list[OutboundPost]:
        return self.delivered[since:]
