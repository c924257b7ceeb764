"""Adaptive Cards for the outbox's posts: approval requests and their verdicts, alerts about
failures spotted in feedback channels, follow-up nudges, and the managers' digest (its chart
inside the card as an image). The same content as the Slack blocks (alert_blocks.py,
nudge_blocks.py, digest_blocks.py)."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from bot.chart import description, digest_chart
from bot.digest import Digest, local
from bot.digest_words import budget_line, rate_line, reason, title, undelivered_line
from bot.followups import OUTCOME_NUDGE
from bot.records import CaseRecord, OfferRecord
from bot.transport import OutboundPost
from handlers.teams.cards import (
    CARD_BUDGET,
    NO_NAMES,
    Card,
    Json,
    action_set,
    card,
    case_people,
    cents,
    clip,
    container,
    core,
    escape,
    execute,
    facts,
    label,
    name,
    named,
    one_line,
    size_of,
    status_text,
    subtle,
    user,
    when,
)
from handlers.teams.cards import text as block
from handlers.teams.case_cards import resolve_form

QUOTE = 500
SCENARIOS_SHOWN = 15
SMALLER_CHARTS = ((640, 320), (480, 240), (400, 200))
"""Sizes the chart is drawn again at when the one given would not fit in the card."""


# --- approvals ------------------------------------------------------------------------------

def _offer_line(case: CaseRecord, offer: OfferRecord) -> str:
    return (f"**{escape(offer.description)}** ({cents(offer.value_cents, offer.currency)}) "
            f"on case #{case.number} · {label(case.scenario)}")


def _offer_people(case: CaseRecord, offer: OfferRecord) -> set[str]:
    return case_people(case) | {offer.requested_by, offer.decided_by or ""}


def approval_request_card(case: CaseRecord, offer: OfferRecord, requested_by: str, text: str,
                          names: Mapping[str, str] = NO_NAMES) -> Card:
    """To the approvers: who asks to give what, why (`text`), the report; Approve / Decline
    (data: case and the option as people type it, `case 42 approve 2`)."""
    people = _offer_people(case, offer) | {requested_by}
    ask = f"🙋 **{name(requested_by, names)}** asks to give {_offer_line(case, offer)}"
    body = [block(ask)]
    if text:
        body.append(block(f"_{escape(clip(named(text, people, names), QUOTE))}_", spacing="small"))
    body += [container([block(user(case.text, QUOTE))], "emphasis"),
             subtle(f"Given so far {cents(case.given_cents, case.currency)} · reported "
                    f"{when(case.created_at)} by {name(case.reporter_id, names)}")]
    option = offer.option_index + 1
    actions = [execute("Approve", "approve", "positive", case=case.number, option=option),
               execute("Decline", "decline", "destructive", case=case.number, option=option)]
    return card(f"Approval needed on case #{case.number}: {offer.description}", body, actions)


def approval_decided_card(case: CaseRecord, offer: OfferRecord, decided_by: str, given: bool,
                          names: Mapping[str, str] = NO_NAMES) -> Card:
    """What an approval request becomes once decided: the verdict, no buttons."""
    verdict = "✅ **Approved**" if given else "❌ **Declined**"
    asked = f"Asked by {name(offer.requested_by, names)}"
    if offer.decided_at is not None:
        asked += f" · decided {when(offer.decided_at)}"
    body = [block(f"{verdict} by {name(decided_by, names)}: {_offer_line(case, offer)}"), subtle(asked)]
    return card(f"Case #{case.number}: {offer.description} {'approved' if given else 'declined'}", body)


# --- alerts and nudges ----------------------------------------------------------------------

def alert_card(case: CaseRecord, text: str, names: Mapping[str, str] = NO_NAMES) -> Card:
    """A failure spotted in a feedback channel, to the team: "Take this case" while it is open."""
    body = [block(f"🔍 **Possible service failure** in a feedback channel · {when(case.created_at)}"),
            container([block(user(text, 600))], "emphasis")]
    status = f"Case #{case.number} · {label(case.scenario)} · {status_text(case.status)}"
    if case.owner_id:
        status += f" · with {name(case.owner_id, names)}"
    body.append(subtle(status))
    actions = [execute("Take this case", "take", "positive", case=case.number)] if case.is_open else []
    return card(f"Possible service failure: {clip(text, 200)}", body, actions)


def nudge_card(case: CaseRecord, post: OutboundPost, names: Mapping[str, str] = NO_NAMES) -> Card:
    """A follow-up that answers itself: the outcome (or resolve, escalate), snooze, done."""
    people = case_people(case)
    where = f"#{case.number} · {label(case.scenario)}"
    if case.customer_ref:
        where += f" · {user(case.customer_ref, 100)}"
    body = [block(f"⏰ {core(post.text, people, names)}"), subtle(where, spacing="none")]
    if post.kind == OUTCOME_NUDGE:
        body.append(action_set(
            execute("Recovered", "outcome", "positive", case=case.number, outcome="recovered"),
            execute("Partly", "outcome", case=case.number, outcome="partly"),
            execute("Lost", "outcome", "destructive", case=case.number, outcome="lost")))
    elif case.is_open:
        buttons = [resolve_form(case)]
        if case.status != "escalated":
            buttons.append(execute("Escalate", "escalate", "destructive", case=case.number))
        body.append(action_set(*buttons))
    actions = [execute("Snooze 1 h", "snooze", delivery=post.id, **_for("1h")),
               execute("Tomorrow", "snooze", delivery=post.id, **_for("tomorrow")),
               execute("Stop reminding me", "done", delivery=post.id)]
    return card(named(post.text, people, names) or f"Case #{case.number}", body, actions)


def _for(how: str) -> dict[str, Any]:
    """The snooze's field `for` (a Python keyword, so not written as an argument)."""
    return {"for": how}


# --- the digest -----------------------------------------------------------------------------

def _look(case: CaseRecord, why: str, names: Mapping[str, str]) -> Json:
    reference = f" · {user(case.customer_ref, 100)}" if case.customer_ref else ""
    said = user(" ".join(case.text.split()), 200)
    return container([
        block(f"**#{case.number} · {label(case.scenario)}**{reference} · {escape(reason(why))}"),
        subtle(f"{status_text(case.status)} · {name(case.reporter_id, names)} · _{said}_", spacing="none"),
    ])


def digest_card(digest: Digest, chart: bytes | None = None, names: Mapping[str, str] = NO_NAMES) -> Card:
    """The period's figures; `chart` (a PNG, bot.chart.digest_chart) shown inside the card, drawn
    again smaller when it would not fit in a Teams message, left out when nothing fits."""
    heading = title(digest)
    rate = rate_line(digest)
    start, end = local(digest.start, digest.timezone), local(digest.end, digest.timezone)
    body: list[Json] = [
        block(escape(heading), size="large", weight="bolder", style="heading"),
        subtle(f"{start:%a %d %b %H:%M} to {end:%a %d %b %H:%M} ({escape(digest.timezone)})", spacing="none"),
        facts([("New cases", str(digest.new_total)), ("Open", str(digest.open_count)),
               ("Overdue", str(digest.overdue_count)), ("Awaiting approval", str(digest.awaiting_approval)),
               ("Compensation", escape(budget_line(digest))), ("Recovery rate", escape(rate))]),
    ]
    figures = len(body)
    if digest.new_by_scenario:
        shown = digest.new_by_scenario[:SCENARIOS_SHOWN]
        lines = [f"• {label(scenario)}: {count}" for scenario, count in shown]
        rest = digest.new_by_scenario[SCENARIOS_SHOWN:]
        if rest:
            lines.append(f"• {len(rest)} more scenarios: {sum(count for _, count in rest)}")
        body.append(block("**New cases by scenario**\n\n" + "\n\n".join(lines)))
    if digest.top_root_causes:
        body.append(block("**Top root causes:** " + ", ".join(
            f"{escape(cause)} ({count})" for cause, count in digest.top_root_causes)))
    if digest.repeat_customers:
        body.append(block("**Repeat customers:** " + ", ".join(
            f"{user(ref, 100)} ({count} cases)" for ref, count in digest.repeat_customers)))
    if digest.worth_a_look:
        reasons = digest.look_reasons or ("",) * len(digest.worth_a_look)
        body.append(block("**Worth a look**", separator=True))
        body += [_look(case, why, names) for case, why in zip(digest.worth_a_look, reasons, strict=False)]
    if undelivered := undelivered_line(digest):
        body.append(container([block(f"⚠️ {escape(undelivered)}")], "warning"))
    summary = (f"{heading}: {digest.new_total} new, {digest.open_count} open, "
               f"{digest.overdue_count} overdue, recovery {rate}")
    if chart is not None:
        body.insert(figures, _chart(digest, chart, size_of(card(summary, body)[1])))
    return card(summary, body)


def _charts(digest: Digest, chart: bytes) -> Iterator[bytes]:
    yield chart
    for width, height in SMALLER_CHARTS:
        yield digest_chart(digest, width=width, height=height)


def _chart(digest: Digest, chart: bytes, used: int) -> Json:
    """The chart as an image within the card's budget (`used`: the card without it)."""
    for png in _charts(digest, chart):
        image: Json = {"type": "Image", "url": "data:image/png;base64," + base64.b64encode(png).decode(),
                       "altText": clip(description(digest), 1000), "size": "stretch"}
        if used + size_of(image) + 1 <= CARD_BUDGET:
            return image
    return subtle("_The chart is too big to show in Teams this time._")


def chart_card(digest: Digest, chart: bytes) -> Card:
    """The digest's chart alone, after its figures (as Slack uploads it after them)."""
    heading = f"Chart: {title(digest)}"
    body: list[Json] = [block(escape(heading), weight="bolder")]
    body.append(_chart(digest, chart, size_of(card(heading, body)[1])))
    return card(clip(description(digest), 250), body)


def note_card(text: str, people: Iterable[str], names: Mapping[str, str] = NO_NAMES) -> Card:
    """A line about a case in its thread: ids become names, typed text stays text."""
    return card(one_line(named(text, people, names)), [block(core(text, people, names))])
