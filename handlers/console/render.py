"""Replies as readable terminal text."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, datetime, tzinfo
from typing import assert_never

from bot.money import format_money, from_cents
from bot.policy import Decision
from bot.records import CaseRecord
from bot.replies import CaseCard, CaseList, DigestReply, HelpText, Notice, Reply, Reported
from bot.sureness import snippet, sureness
from bot.words import Words, option_id
from handlers.console.digest import render_digest

_ZONE: ContextVar[tzinfo] = ContextVar("console_zone", default=UTC)
"""The zone the reader's times are shown in, for the length of one render()."""


def render(reply: Reply, zone: tzinfo | None = None) -> str:
    """`zone`: the workspace's (or this machine's) time zone; times are stored in UTC."""
    token = _ZONE.set(zone or UTC)
    try:
        return _render(reply)
    finally:
        _ZONE.reset(token)


def _render(reply: Reply) -> str:
    match reply:
        case Notice():
            text = ("! " if reply.error else "") + reply.text
            if reply.log_anyway:
                text += f"\n  To log it anyway: /recover {shorten(reply.log_anyway, 200)}"
            return text
        case Reported():
            return _reported(reply)
        case CaseCard():
            return _card(reply)
        case CaseList():
            return _list(reply)
        case DigestReply():
            return render_digest(reply.digest)
        case HelpText():
            return _help(reply)
        case _:
            assert_never(reply)


def _reported(reply: Reported) -> str:
    case, suggestion = reply.case, reply.suggestion
    classification = suggestion.classification
    unsure = f"; or {label(classification.runner_up)}?" if classification.runner_up else ""
    lines = [f"Case #{case.number} logged: {label(case.scenario)} "
             f"({sureness(classification.confidence)}{unsure})"
             + (" [already logged]" if reply.duplicate else "")]
    if case.customer_ref:
        lines[0] += f" · {case.customer_ref}"
    if suggestion.escalate:
        lines.append("ESCALATE: this goes to a manager now. Nothing is given on the spot.")
    if reply.same_customer is not None:
        lines.append(f"{reply.same_customer_line}: add this to it with "
                     f"/case {case.number} merge {reply.same_customer.number}, or keep it as a "
                     "new case (nothing to do; they stay linked).")
    if not case.confirmed:
        choices = [case.scenario, *([classification.runner_up] if classification.runner_up else [])]
        picks = "  ·  ".join(f"/case {case.number} scenario {choice}" for choice in choices)
        lines.append(f"Not sure what this is; the team hears of it once you pick: {picks} "
                     "(or any scenario id)")
    lines += _words(suggestion.words, suggestion.brief.fill_ins)
    recommended = suggestion.words.recommended
    lines += _options("You can give now:", suggestion.on_the_spot, suggestion.currency, recommended,
                      case.scenario)
    lines += _options("Needs a manager:", suggestion.needs_approval, suggestion.currency, recommended,
                      case.scenario)
    lines += ["", _next_steps(case.number, suggestion.on_the_spot, suggestion.needs_approval)]
    return "\n".join(lines)


def _words(words: Words, fill_ins: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """Safety steps first (what staff do now), then what to say, then how to hold the talk."""
    lines: list[str] = []
    if words.safety_steps:
        lines += ["", "Safety first:"] + [f"  {n}. {step}" for n, step in enumerate(words.safety_steps, 1)]
    lines += ["", f"Say:      {words.apology}", f"Explain:  {words.explanation}"]
    if fill_ins:
        lines += ["Only if true, you may add:"] + [f"  - {line}" for _, line in fill_ins]
    guide = words.guide
    if not guide.is_empty:
        lines.append("Guide:")
        lines += [f"  {text}" for text in (guide.empathy, *(f"Ask: {q}" for q in guide.questions),
                                           *(f"Offer instead: {a}" for a in guide.alternatives),
                                           guide.closing) if text]
    if words.note:
        lines.append(f"({words.note})")
    return lines


def _options(title: str, decisions: tuple[Decision, ...], currency: str, recommended: str | None = None,
             scenario_id: str = "") -> list[str]:
    if not decisions:
        return []
    lines = ["", title]
    for decision in decisions:
        option = decision.option
        why = f"  ({decision.reason})" if decision.reason else ""
        first = "  <- recommended" if recommended == option_id(scenario_id, decision.index) else ""
        lines.append(f"  {decision.index + 1}. {option.description} "
                     f"[{_amount(decision, currency)}]{why}{first}")
    return lines


def _amount(decision: Decision, currency: str) -> str:
    shown = format_money(decision.amount, currency)
    if not decision.estimated:
        return shown
    key = "amount=" if decision.option.pricing == "amount_in_question" else "paid="
    return f"about {shown}; add {key} for the exact amount"


def _next_steps(number: int, now: tuple[Decision, ...], later: tuple[Decision, ...]) -> str:
    steps = []
    if now:
        steps.append(f"/case {number} offer {now[0].index + 1}")
    if later:
        steps.append(f"/case {number} request {later[0].index + 1}")
    steps += [f"/case {number} escalate", f"/case {number} resolve <cause> [outcome]"]
    return "Next: " + "  ·  ".join(steps)


def _card(card: CaseCard) -> str:
    case = card.case
    lines = [card.headline, _summary(case), f"  Report: {shorten(case.text, 300)}"]
    if card.words is not None:
        lines += [f"  {line}" if line else line for line in _words(card.words)]
    if case.root_cause or case.outcome:
        lines.append(f"  Root cause: {case.root_cause or '-'} · outcome: {case.outcome or 'not yet known'}")
    for offer in card.offers:
        amount = format_money(from_cents(offer.value_cents), offer.currency)
        lines.append(f"  Offer {offer.option_index + 1}: {offer.description} [{amount}] - {offer.status}")
    if card.case.is_open and card.options:
        lines += _options("Options for you:", card.options, case.currency)
    for number, kind, due in card.reminders:
        lines.append(f"  Reminder {number} ({kind.replace('_', ' ')}) at {_when(due)}: "
                     f"/nudge {number} snooze 1h · /nudge {number} done")
    lines.append("History:")
    for event in card.events[-8:]:
        detail = f" - {shorten(event.detail, 80)}" if event.detail else ""
        lines.append(f"  {_when(event.at)} {event.kind} by {event.actor_id} "
                     f"({event.platform}/{event.channel_id}){detail}")
    return "\n".join(lines)


def _list(reply: CaseList) -> str:
    if not reply.cases:
        return reply.empty
    lines = [reply.heading + ":"] + [_summary(case) for case in reply.cases]
    if reply.more:
        lines.append(f"Next page: {reply.more}")
    return "\n".join(lines)


def _summary(case: CaseRecord) -> str:
    given = format_money(from_cents(case.given_cents), case.currency)
    if case.corrected_cents:
        given += f" · corrected {format_money(from_cents(case.corrected_cents), case.currency)}"
    reference = f" · {case.customer_ref}" if case.customer_ref else ""
    return (f"  #{case.number} {label(case.scenario)} · {case.status}{reference} · given {given}"
            f" · reported {_when(case.created_at)} by {case.reporter_id}\n"
            f"      {snippet(case.text)}")


def _help(reply: HelpText) -> str:
    width = max(len(command) for command, _ in reply.topics)
    lines = [f"  {command.ljust(width)}  {text}" for command, text in reply.topics]
    return "\n".join(["Amends commands:", *lines,
                      "  (console only) /role NAME  ·  /whoami  ·  /quit"])


def label(scenario_id: str | None) -> str:
    return (scenario_id or "").replace("_", " ")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _when(at: datetime) -> str:
    zone = _ZONE.get()
    local = at.astimezone(zone)
    name = getattr(zone, "key", None) or local.tzname() or "UTC"
    return f"{local:%Y-%m-%d %H:%M} {name}"
