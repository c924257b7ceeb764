"""A case as Adaptive Cards: the answer to a fresh report, the case's lasting card (the
reporter's and the team's), its full detail, the options and the resolve form. Built on the
pieces in cards.py; the same content as the Slack blocks (handlers/slack/case_blocks.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.commands import OUTCOMES, ROOT_CAUSES, WORD_LANGUAGES
from bot.money import format_money
from bot.policy import Decision
from bot.records import CaseRecord, OfferRecord
from bot.replies import CaseCard, Reported
from bot.suggestion import Suggestion
from bot.sureness import sureness
from bot.words import Words, option_id
from handlers.teams.cards import (
    NO_NAMES,
    OFFER_STATUS,
    REPORT_QUOTE,
    Card,
    Json,
    action_set,
    card,
    cents,
    choice_set,
    container,
    core,
    escape,
    execute,
    facts,
    label,
    name,
    named,
    plain_label,
    show_card,
    status_text,
    status_words,
    subtle,
    text,
    user,
    when,
)

HISTORY_SHOWN = 8
OFFERS_SHOWN = 20
OPTIONS_SHOWN = 20
NOTE_LIMIT = 500
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt": "Português"}
OUTCOME_NAMES = {"recovered": "Recovered: they left happy", "partly": "Partly: still a bit unhappy",
                 "lost": "Lost: still unhappy"}


# --- the answer to a report -----------------------------------------------------------------

def suggestion_card(reported: Reported, names: Mapping[str, str] = NO_NAMES) -> Card:
    """Case logged; safety steps first, then what to say and explain; what may be given."""
    case, suggestion = reported.case, reported.suggestion
    body = [text(_logged_line(reported), size="medium")]
    if suggestion.escalate:
        body.append(container([text("🚨 **This goes to a manager now.** Nothing is given on the spot.")],
                              "attention"))
    body += [subtle(_sureness(case, suggestion), spacing="none"), *scenario_picker(case, suggestion),
             *same_customer_items(reported), *words_items(suggestion.words)]
    if suggestion.brief.fill_ins:
        lines = "\n\n".join(f"• {escape(line)}" for _, line in suggestion.brief.fill_ins)
        body.append(subtle(f"_Only if true, you may add:_\n\n{lines}"))
    body += option_items(case, suggestion.on_the_spot + suggestion.needs_approval, suggestion.currency,
                         recommended=suggestion.words.recommended)
    extra, actions = case_actions(case, suggestion.words.language)
    summary = f"Case #{case.number} logged: {plain_label(case.scenario)}. Say: {suggestion.apology}"
    return card(summary, body + extra, actions, more=f"More options: type case {case.number}")


def _logged_line(reported: Reported) -> str:
    case = reported.case
    line = f"**Case #{case.number} logged** · {label(case.scenario)}"
    if case.customer_ref:
        line += f" · {user(case.customer_ref, 100)}"
    return line + (" · _already logged_" if reported.duplicate else "")


def _sureness(case: CaseRecord, suggestion: Suggestion) -> str:
    classification = suggestion.classification
    unsure = f"; or {label(classification.runner_up).lower()}?" if classification.runner_up else ""
    return f"{sureness(classification.confidence).capitalize()}{unsure} · resolve by {when(case.due_at)}"


def scenario_picker(case: CaseRecord, suggestion: Suggestion) -> list[Json]:
    """When the engine wasn't sure: the likely scenarios as buttons, the rest in a drop-down
    (its choice arrives as data["scenario"]); the team hears of the case once one is picked."""
    if case.confirmed or not case.is_open:
        return []
    runner_up = suggestion.classification.runner_up
    likely = [case.scenario, *([runner_up] if runner_up else [])]
    buttons = [execute(label(choice), "scenario", case=case.number, scenario=choice) for choice in likely]
    others = [(choice, label(choice)) for choice in sorted(suggestion.playbook_scenarios)
              if choice not in likely][:100]
    items = [text("❔ **Not sure what this is.** Pick one; the team hears of it once you do."),
             action_set(*buttons)]
    if others:
        items += [choice_set("scenario", others, placeholder="Something else…"),
                  action_set(execute("Pick", "scenario", inputs=True, case=case.number))]
    return [container(items, "warning")]


def same_customer_items(reported: Reported) -> list[Json]:
    """The same customer's open case from minutes ago: add this report to it, or leave it."""
    same = reported.same_customer
    if same is None:
        return []
    return [text(f"🔗 {escape(reported.same_customer_line)}. Add this report to it, or keep it as a "
                 "new case (they stay linked)."),
            action_set(execute(f"Add to case #{same.number}", "merge", case=reported.case.number,
                               into=same.number))]


def words_items(words: Words, *, explain: bool = True) -> list[Json]:
    """Safety steps first and set apart (what staff do now), then what to say and explain,
    then the conversation guide and the note, quieter."""
    items: list[Json] = []
    if words.safety_steps:
        steps = [text(f"**{n}.** {escape(step)}", spacing="small")
                 for n, step in enumerate(words.safety_steps, 1)]
        items.append(container([text("⚠️ **Safety first**", color="attention", weight="bolder"), *steps],
                               "attention"))
    items.append(text(f"**Say:** {escape(words.apology)}"))
    if explain:
        items.append(text(f"**Explain:** {escape(words.explanation)}"))
    guide = words.guide
    if not guide.is_empty:
        lines = [escape(guide.empathy)] if guide.empathy else []
        lines += [f"**Ask:** {escape(q)}" for q in guide.questions]
        lines += [f"**Offer instead:** {escape(a)}" for a in guide.alternatives]
        lines += [escape(guide.closing)] if guide.closing else []
        items.append(subtle("\n\n".join(lines)))
    if words.note:
        items.append(subtle(f"_{escape(words.note)}_"))
    return items


# --- options and actions --------------------------------------------------------------------

def option_items(case: CaseRecord, options: Sequence[Decision], currency: str,
                 offers: Sequence[OfferRecord] = (), *, recommended: str | None = None) -> list[Json]:
    """One item per option not yet given or asked for, with its button: give, or ask a manager.
    `recommended` (an option id from the words) is marked, never moved or priced."""
    done = {offer.option_index for offer in offers}
    now = [d for d in options if d.on_the_spot and d.index not in done]
    later = [d for d in options if not d.on_the_spot and d.index not in done]
    first = next((d.index for d in options if option_id(case.scenario, d.index) == recommended), None)
    shown = {d.index for d in (now + later)[:OPTIONS_SHOWN]}
    items: list[Json] = []
    if now:
        items.append(text("**You can give now:**", separator=True))
        items += [_option(case, d, currency, "offer", "I gave this", d.index == first)
                  for d in now if d.index in shown]
    if later:
        items.append(text("**Needs a manager:**", separator=True))
        items += [_option(case, d, currency, "request", "Ask a manager", d.index == first)
                  for d in later if d.index in shown]
    if len(now) + len(later) > len(shown):
        items.append(subtle(f"…and {len(now) + len(later) - len(shown)} more: type case {case.number}"))
    return items


def _option(case: CaseRecord, decision: Decision, currency: str, action: str, title: str,
            recommended: bool) -> Json:
    line = (f"**{decision.index + 1}.** {escape(decision.option.description)} · "
            f"**{escape(format_money(decision.amount, currency))}**")
    if decision.estimated:
        key = "amount=" if decision.option.pricing == "amount_in_question" else "paid="
        line += f" _(about: add {key} to the report for the exact amount)_"
    if recommended:
        line += " · _try this first_"
    lines = [text(line)]
    if decision.reason:
        lines.append(subtle(f"_{escape(decision.reason)}_", spacing="none"))
    button = execute(title, action, "positive" if action == "offer" else None, case=case.number,
                     option=decision.index + 1)
    return container([*lines, action_set(button, spacing="small")])


def resolve_form(case: CaseRecord) -> Json:
    """"Resolve…": the outcome (optional), the root cause and a note, sent with "Resolve"."""
    outcomes = [(outcome, OUTCOME_NAMES.get(outcome, outcome.capitalize())) for outcome in OUTCOMES]
    causes = [(cause, cause.replace("_", " ").capitalize()) for cause in ROOT_CAUSES]
    body = [
        choice_set("outcome", outcomes, label_text="How does the customer feel now?",
                   value=case.outcome if case.outcome in OUTCOMES else None, placeholder="Not known yet"),
        choice_set("root_cause", causes, label_text="Root cause", placeholder="Choose one",
                   value=case.root_cause if case.root_cause in ROOT_CAUSES else None,
                   isRequired=True, errorMessage="Choose the root cause to resolve the case."),
        {"type": "Input.Text", "id": "note", "label": "Note", "isMultiline": True, "maxLength": NOTE_LIMIT,
         "placeholder": "What happened, what was done (optional)",
         **({"value": case.resolution_note[:NOTE_LIMIT]} if case.resolution_note else {})},
    ]
    return show_card("Resolve…", body, [execute("Close the case", "resolve", "positive", inputs=True,
                                                case=case.number)])


def language_picker(case: CaseRecord, shown: str) -> Json:
    """The words again in the guest's language, one tap: a button per other language."""
    others = [code for code in WORD_LANGUAGES if code != shown]
    return container([
        text("**Guest speaks another language?**", size="small", spacing="none"),
        action_set(*(execute(LANGUAGE_NAMES.get(code, code), "language", case=case.number, language=code)
                     for code in others)),
    ], separator=True)


def case_actions(case: CaseRecord, language: str | None = None) -> tuple[list[Json], list[Json]]:
    """(body items, card actions): Resolve… and (unless a manager has it already) Escalate
    while the case is open; with the words shown (`language`), a choice of their language."""
    if not case.is_open:
        return [], []
    actions = [resolve_form(case)]
    if language is None:  # a team's or the managers' card: someone there can say "mine"
        actions.insert(0, execute("Take this case", "take", "positive", case=case.number))
    if case.status != "escalated":
        actions.append(execute("Escalate", "escalate", "destructive", case=case.number))
    return ([language_picker(case, language)] if language is not None else []), actions


# --- the case's cards -----------------------------------------------------------------------

def case_card(case: CaseRecord, offers: Sequence[OfferRecord], *, headline: str = "",
              words: Words | None = None, options: Sequence[Decision] = (),
              names: Mapping[str, str] = NO_NAMES) -> Card:
    """The case's lasting card. The reporter's (their chat with the bot) carries the stored
    `words` they were shown and the `options` decided for their role now; a team's neither."""
    people = _people(case, offers)
    body = [text(core(headline, people, names), weight="bolder")] if headline else []
    body += _case_body(case, offers, names)
    if case.is_open and words is not None:
        body += words_items(words, explain=False)
    if case.is_open and options:
        body += option_items(case, options, case.currency, offers,
                             recommended=None if words is None else words.recommended)
    extra, actions = case_actions(case, None if words is None else words.language)
    summary = named(headline, people, names) if headline else \
        f"Case #{case.number} · {plain_label(case.scenario)} · {status_words(case.status)}"
    return card(summary, body + extra, actions, more=f"The whole case: type case {case.number}")


def case_detail_card(card_reply: CaseCard, names: Mapping[str, str] = NO_NAMES) -> Card:
    """Everything about a case: the words, the options left, reminders, the last events."""
    case = card_reply.case
    people = _people(case, card_reply.offers) | {event.actor_id for event in card_reply.events}
    generic = card_reply.headline == f"Case #{case.number}"
    body = [] if generic else [text(core(card_reply.headline, people, names), weight="bolder")]
    body += _case_body(case, card_reply.offers, names)
    if card_reply.words is not None:
        body += words_items(card_reply.words)
    if case.is_open:
        body += option_items(case, card_reply.options, case.currency, card_reply.offers,
                             recommended=None if card_reply.words is None else card_reply.words.recommended)
    if card_reply.reminders:
        lines = [f"• {number}: {escape(kind.replace('_', ' '))}, {when(due)} "
                 f"(type nudge {number} snooze 1h · nudge {number} done)"
                 for number, kind, due in card_reply.reminders]
        body.append(subtle("**Reminders to come**\n\n" + "\n\n".join(lines), separator=True))
    body += _history(card_reply, people, names)
    _, actions = case_actions(case)
    summary = named(card_reply.headline, people, names) or f"Case #{case.number}"
    return card(summary, body, actions, more=f"The whole case: type case {case.number}")


def _people(case: CaseRecord, offers: Sequence[OfferRecord]) -> set[str]:
    people = {case.reporter_id, case.owner_id}
    for offer in offers:
        people |= {offer.requested_by, offer.decided_by or ""}
    return people


def _case_body(case: CaseRecord, offers: Sequence[OfferRecord], names: Mapping[str, str]) -> list[Json]:
    title = f"**#{case.number} · {label(case.scenario)}**"
    if case.customer_ref:
        title += f" · {user(case.customer_ref, 100)}"
    items = [text(title, separator=True), container([text(user(case.text, REPORT_QUOTE))], "emphasis"),
             facts(_facts(case, names))]
    if case.resolution_note:
        items.append(text(f"**Note:** {user(case.resolution_note, 1000)}"))
    lines = [f"• {escape(o.description)} · {cents(o.value_cents, o.currency)} · "
             f"{OFFER_STATUS.get(o.status) or escape(o.status)}" for o in offers[:OFFERS_SHOWN]]
    if len(offers) > OFFERS_SHOWN:
        lines.append(f"…and {len(offers) - OFFERS_SHOWN} more")
    if lines:
        items.append(text("**Offers**\n\n" + "\n\n".join(lines)))
    return items


def _facts(case: CaseRecord, names: Mapping[str, str]) -> list[tuple[str, str]]:
    pairs = [("Status", status_text(case.status)), ("Given", cents(case.given_cents, case.currency)),
             ("Reported", f"{when(case.created_at)} by {name(case.reporter_id, names)}")]
    if case.corrected_cents:
        pairs.append(("Corrected", cents(case.corrected_cents, case.currency)))
    if case.resolved_at is not None:
        pairs.append(("Resolved", when(case.resolved_at)))
    else:
        pairs.append(("Due", when(case.due_at)))
    if case.owner_id != case.reporter_id:
        pairs.append(("Owner", name(case.owner_id, names) if case.owner_id else "nobody yet"))
    if case.amount_paid_cents is not None:
        pairs.append(("Paid", cents(case.amount_paid_cents, case.currency)))
    if case.root_cause or case.outcome:
        pairs.append(("Root cause", escape(case.root_cause or "-")))
        pairs.append(("Outcome", escape(case.outcome or "not yet known")))
    return pairs


def _history(card_reply: CaseCard, people: set[str], names: Mapping[str, str]) -> list[Json]:
    lines = []
    for event in card_reply.events[-HISTORY_SHOWN:]:
        detail = f" · {user(named(event.detail, people, names), 120)}" if event.detail else ""
        lines.append(f"{when(event.at)} {escape(event.kind.replace('_', ' '))} "
                     f"by {name(event.actor_id, names)}{detail}")
    return [subtle("**History**\n\n" + "\n\n".join(lines), separator=True)] if lines else []
