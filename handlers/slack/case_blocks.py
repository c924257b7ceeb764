"""A case as Slack blocks: its lasting card (the reporter's and the team's), its full detail, and
the lines of a list of cases. Built on the pieces in blocks.py."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.policy import Decision
from bot.records import CaseRecord, OfferRecord
from bot.replies import CaseCard, CaseList
from bot.suggestion import Suggestion
from bot.sureness import snippet
from bot.words import Words
from handlers.slack.blocks import (
    HISTORY_SHOWN,
    LIST_SHOWN,
    OFFER_STATUS,
    Json,
    Message,
    _core,
    _user,
    case_actions,
    cents,
    context,
    escape,
    label,
    message,
    mrkdwn,
    option_blocks,
    quote,
    section,
    sections,
    status_text,
    when,
    who,
    words_blocks,
)


def case_card_blocks(case: CaseRecord, offers: Sequence[OfferRecord], *, headline: str = "",
                     words: Words | None = None, options: Sequence[Decision] = (),
                     suggestion: Suggestion | None = None) -> Message:
    """The case's lasting card. The reporter's (in their DM) carries the stored `words` they
    were shown and the `options` decided for their role now; a team's card carries neither.
    (`suggestion` is the same for a fresh answer: its words and options.)"""
    if suggestion is not None:
        words = words or suggestion.words
        options = options or suggestion.on_the_spot + suggestion.needs_approval
    people = _people(case, offers)
    blocks = [section(_core(headline, people))] if headline else []
    blocks += _case_body(case, offers)
    if case.is_open and words is not None:
        blocks += words_blocks(words, explain=False)
    if case.is_open and options:
        blocks += option_blocks(case, options, case.currency, offers,
                                recommended=None if words is None else words.recommended)
    blocks += case_actions(case, None if words is None else words.language)
    fallback = f"Case #{case.number} · {label(case.scenario)} · {status_text(case.status)}"
    return message(fallback, blocks, f"The whole case: `/case {case.number}`")


def case_detail_blocks(card: CaseCard) -> Message:
    case = card.case
    people = _people(case, card.offers) | {event.actor_id for event in card.events}
    blocks = [] if card.headline == f"Case #{case.number}" else [section(_core(card.headline, people))]
    blocks += _case_body(card.case, card.offers)
    if card.words is not None:
        blocks += words_blocks(card.words)
    if case.is_open:
        blocks += option_blocks(case, card.options, case.currency, card.offers,
                                recommended=None if card.words is None else card.words.recommended)
    if card.reminders:
        lines = [f"• {number}: {escape(kind.replace('_', ' '))}, {when(due)} "
                 f"(`/nudge {number} snooze 1h` · `/nudge {number} done`)"
                 for number, kind, due in card.reminders]
        blocks.append(context("*Reminders to come*\n" + "\n".join(lines)))
    blocks += _history(card)
    blocks += case_actions(case)
    fallback = _core(card.headline, people) or f"Case #{case.number}"
    return message(fallback, blocks, f"The whole case: `/case {case.number}`")


def _people(case: CaseRecord, offers: Sequence[OfferRecord]) -> set[str]:
    people = {case.reporter_id, case.owner_id}
    for offer in offers:
        people |= {offer.requested_by, offer.decided_by or ""}
    return people


def _case_body(case: CaseRecord, offers: Sequence[OfferRecord]) -> list[Json]:
    title = f"*#{case.number} · {label(case.scenario)}*"
    if case.customer_ref:
        title += f" · {_user(case.customer_ref, 100)}"
    blocks = [section(f"{title}\n{quote(case.text)}"),
              {"type": "section", "fields": [mrkdwn(field) for field in _fields(case)]}]
    if case.resolution_note:
        blocks.append(section(f"*Note:* {_user(case.resolution_note, 1000)}"))
    lines = [f"{escape(o.description)} · {cents(o.value_cents, o.currency)} · "
             f"{OFFER_STATUS.get(o.status, escape(o.status))}" for o in offers]
    if lines:
        blocks.append(section("*Offers*\n" + "\n".join(f"• {line}" for line in lines)))
    return blocks


def _fields(case: CaseRecord) -> list[str]:
    fields = [f"*Status*\n{status_text(case.status)}",
              f"*Given*\n{cents(case.given_cents, case.currency)}",
              f"*Reported*\n{when(case.created_at)} by {who(case.reporter_id)}"]
    if case.corrected_cents:
        fields.append(f"*Corrected*\n{cents(case.corrected_cents, case.currency)}")
    if case.resolved_at is not None:
        fields.append(f"*Resolved*\n{when(case.resolved_at)}")
    else:
        fields.append(f"*Due*\n{when(case.due_at)}")
    if case.owner_id != case.reporter_id:
        fields.append(f"*Owner*\n{who(case.owner_id) if case.owner_id else 'nobody yet'}")
    if case.amount_paid_cents is not None:
        fields.append(f"*Paid*\n{cents(case.amount_paid_cents, case.currency)}")
    if case.root_cause or case.outcome:
        fields.append(f"*Root cause*\n{escape(case.root_cause or '-')}")
        fields.append(f"*Outcome*\n{escape(case.outcome or 'not yet known')}")
    return fields


def _history(card: CaseCard) -> list[Json]:
    lines = []
    for event in card.events[-HISTORY_SHOWN:]:
        detail = f" · {_user(event.detail, 120)}" if event.detail else ""
        lines.append(f"{when(event.at)} {escape(event.kind.replace('_', ' '))} "
                     f"by {who(event.actor_id)}{detail}")
    return [context("*History*\n" + "\n".join(lines))] if lines else []


def case_line(case: CaseRecord, overdue: bool = False) -> str:
    """Two short lines per case: what and where; status, money, when, who."""
    first = f"*#{case.number} · {label(case.scenario)}*"
    if case.customer_ref:
        first += f" · {_user(case.customer_ref, 100)}"
    if overdue:
        first += " · :alarm_clock: *overdue*"
    given = f" · given {cents(case.given_cents, case.currency)}" if case.given_cents else ""
    due = f"due {when(case.due_at)}" if case.is_open else f"reported {when(case.created_at)}"
    return (f"{first}\n_{_user(snippet(case.text), 80)}_\n"
            f"{status_text(case.status)}{given} · {due} · {who(case.reporter_id)}")


def case_lines(cases: Sequence[CaseRecord], shown: int,
               overdue_ids: AbstractSet[int] = frozenset()) -> list[Json]:
    """The first `shown` cases, one short paragraph each, then "and N more" (ids: CaseRecord.id)."""
    blocks = sections([case_line(case, case.id in overdue_ids) for case in cases[:shown]])
    if len(cases) > shown:
        blocks.append(context(f"…and {len(cases) - shown} more."))
    return blocks


def case_list_blocks(cases: CaseList) -> Message:
    if not cases.cases:
        return message(escape(cases.empty), [section(escape(cases.empty))])
    heading = cases.heading if cases.total is not None else f"{cases.title} ({len(cases.cases)})"
    blocks = [section(f"*{escape(heading)}*"), *case_lines(cases.cases, LIST_SHOWN)]
    if cases.more:
        blocks.append(context(f"Next page: `{escape(cases.more)}`"))
    elif len(cases.cases) > LIST_SHOWN:
        blocks.append(context("Narrow it down: `/case mine`, `/case room 214`, or `/case 42`."))
    return message(escape(heading), blocks)
