"""The core's neutral replies as Microsoft Teams Adaptive Cards (1.5): plain, JSON-ready dicts.

Every function returns a `Card`: a one-line plain-text summary (the activity's summary and
notification text) and the card. Mirrors the content of the Slack blocks and the console.

- Text someone typed (reports, notes, references) is clipped, then escaped for Teams markdown,
  so "[click](http://x)" shows as text and links nowhere; the core's own text is escaped too.
- People are opaque ids: each is shown by the display name in `names`, else "someone".
- Times are Adaptive Cards DATE()/TIME() functions, so each reader sees their own time zone.
- Buttons are Universal Actions (`Action.Execute`, verb = action name) with an `Action.Submit`
  fallback carrying the same data; `data["amends"]` is one of ACTIONS (see `execute`).
- A card whose JSON would pass CARD_BUDGET bytes loses body items from the end, with a note.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, assert_never

from bot.money import format_money, from_cents
from bot.records import CaseRecord
from bot.replies import CaseCard, CaseList, DigestReply, HelpText, Notice, Reply, Reported
from bot.sureness import snippet

Json = dict[str, Any]
Card = tuple[str, Json]

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
TEAMS_LIMIT = 28_000
"""Teams refuses a message whose card is bigger than this (bytes)."""
CARD_BUDGET = 25_000
"""What a card's JSON may take, leaving room for the activity around it."""
SUMMARY_LIMIT = 250
TITLE_LIMIT = 50
NAME_LIMIT = 80
REPORT_QUOTE = 600
LIST_SHOWN = 20
LOG_ANYWAY_LIMIT = 2000
NO_NAMES: Mapping[str, str] = MappingProxyType({})

ACTIONS = frozenset({"offer", "request", "approve", "decline", "escalate", "take", "resolve", "outcome",
                     "snooze", "done", "merge", "log_anyway", "scenario", "language"})
"""Every `data["amends"]` (and verb) a card can send back."""

STATUS = {"open": "🔵 Open", "awaiting_approval": "⏳ Awaiting approval", "escalated": "🚨 Escalated",
          "resolved": "✅ Resolved", "void": "➖ Void (not a case)", "merged": "🔗 Merged"}
OFFER_STATUS = {"given": "✅ given", "pending": "⏳ waiting for approval", "declined": "❌ declined",
                "withdrawn": "↩️ undone"}

_MARKDOWN = re.compile(r"([\\*_~{}]|\[(?=[^\]]*\]\()|\](?=\())")
"""Characters Teams markdown (or its DATE()/TIME() functions, `{{`) could read as markup anywhere.
Brackets only where they would make a link ("[text](" ), and parentheses, angle brackets and
backticks never: some phones show every backslash, so "(a wrong charge)", "[page]" and
"`case 42`" stay readable, and no link can form."""
_LINE_START = re.compile(r"^(>|[-+](?=\s|$)|#+(?=\s|$)|\d+\.(?=\s|$))")
"""What is markup only where a line starts (lists, headings, quotes): "Case #42" stays as it is."""


# --- text -----------------------------------------------------------------------------------

def clip(text: str, limit: int) -> str:
    """`text`, or its first `limit - 1` characters and "…" (never longer than `limit`)."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def escape(text: str) -> str:
    """Text shown literally in Teams markdown: a backslash before each markup character, and
    before a list, heading or quote marker opening a line; lines are kept apart ("\\n\\n" is a
    line break in a TextBlock)."""
    lines = []
    for line in text.splitlines():
        line = _MARKDOWN.sub(r"\\\1", line.strip())
        line = _LINE_START.sub(lambda match: match.group(1)[:-1] + "\\" + match.group(1)[-1], line)
        if line:
            lines.append(line)
    return "\n\n".join(lines)


def user(text: str, limit: int) -> str:
    """Text someone typed: clipped first (never in the middle of an escape), then escaped."""
    return escape(clip(text, limit))


def one_line(text: str, limit: int = SUMMARY_LIMIT) -> str:
    return clip(" ".join(text.split()), limit)


def name(user_id: str, names: Mapping[str, str]) -> str:
    """A person by their display name, escaped; never their id."""
    return user(names.get(user_id) or "someone", NAME_LIMIT)


def named(text: str, people: Iterable[str], names: Mapping[str, str]) -> str:
    """Core text with every id it may hold (the case's people, anyone in `names`) as a name,
    still plain: the summaries use it as it is, the cards escape it (`core`)."""
    for user_id in sorted({*people, *names} - {""}, key=len, reverse=True):
        if len(user_id) >= 3 and user_id in text:
            text = text.replace(user_id, names.get(user_id) or "someone")
    return text


def core(text: str, people: Iterable[str], names: Mapping[str, str]) -> str:
    return escape(named(text, people, names))


def when(at: datetime) -> str:
    """Each reader's own date and time: "{{DATE(2026-12-02T14:00:00Z, SHORT)}} {{TIME(…)}}"."""
    moment = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    stamp = f"{moment:%Y-%m-%dT%H:%M:%SZ}"
    return f"{{{{DATE({stamp}, SHORT)}}}} {{{{TIME({stamp})}}}}"


def plain_label(scenario_id: str | None) -> str:
    """A scenario id as words ("food_quality" -> "Food quality"), for a summary."""
    return clip((scenario_id or "").replace("_", " "), NAME_LIMIT).capitalize()


def label(scenario_id: str | None) -> str:
    return escape(plain_label(scenario_id))


def status_text(status: str) -> str:
    return STATUS.get(status) or escape(status.replace("_", " ").capitalize())


def status_words(status: str) -> str:
    """The status without its emoji, for a summary."""
    return status.replace("_", " ").capitalize()


def cents(amount: int, currency: str) -> str:
    return format_money(from_cents(amount), currency)


# --- elements -------------------------------------------------------------------------------

def text(value: str, **props: Any) -> Json:
    """A TextBlock that wraps; `props`: weight, size, color, isSubtle, spacing, separator…"""
    return {"type": "TextBlock", "text": value, "wrap": True, **props}


def subtle(value: str, **props: Any) -> Json:
    return text(value, isSubtle=True, size="small", **props)


def facts(pairs: Iterable[tuple[str, str]]) -> Json:
    return {"type": "FactSet", "facts": [{"title": title, "value": value} for title, value in pairs]}


def container(items: Sequence[Json], style: str | None = None, **props: Any) -> Json:
    block: Json = {"type": "Container", "items": list(items), **props}
    if style:
        block["style"] = style
    return block


def action_set(*actions: Json, **props: Any) -> Json:
    return {"type": "ActionSet", "actions": list(actions), **props}


def execute(title: str, action: str, style: str | None = None, *, inputs: bool = False,
            **fields: Any) -> Json:
    """A button: Action.Execute (verb and `data["amends"]`: `action`) with an Action.Submit
    fallback carrying the same title and data. `style`: "positive" or "destructive". Only a
    button with `inputs` gathers the card's inputs (merged into data by their ids); the others
    send their data alone, so an input never overwrites a field of the same name."""
    if action not in ACTIONS:
        raise ValueError(f"'{action}' is not an Amends action")
    data: Json = {"amends": action, **fields}
    shown = clip(title, TITLE_LIMIT)
    fallback: Json = {"type": "Action.Submit", "title": shown, "data": dict(data)}
    button: Json = {"type": "Action.Execute", "title": shown, "verb": action, "data": data}
    for element in (button, fallback):
        if style:
            element["style"] = style
        if not inputs:
            element["associatedInputs"] = "none"
    button["fallback"] = fallback
    return button


def show_card(title: str, body: Sequence[Json], actions: Sequence[Json]) -> Json:
    return {"type": "Action.ShowCard", "title": clip(title, TITLE_LIMIT),
            "card": {"type": "AdaptiveCard", "body": list(body), "actions": list(actions)}}


def choice_set(input_id: str, choices: Iterable[tuple[str, str]], *, label_text: str = "",
               value: str | None = None, placeholder: str = "", **props: Any) -> Json:
    """A compact drop-down; `choices`: (value, title)."""
    element: Json = {"type": "Input.ChoiceSet", "id": input_id, "style": "compact",
                     "choices": [{"title": clip(title, NAME_LIMIT), "value": choice}
                                 for choice, title in choices], **props}
    if label_text:
        element["label"] = label_text
    if value is not None:
        element["value"] = value
    if placeholder:
        element["placeholder"] = placeholder
    return element


def size_of(content: Json) -> int:
    """Bytes of JSON, as sent."""
    return len(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode())


def card(summary: str, body: Sequence[Json], actions: Sequence[Json] = (), *, more: str = "") -> Card:
    """The card, within CARD_BUDGET: body items are dropped from the end, with a note saying
    where the rest is (`more`), until it fits; the card's own actions stay."""
    content: Json = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": list(body)}
    if actions:
        content["actions"] = list(actions)
    content["msteams"] = {"width": "Full"}
    if size_of(content) > CARD_BUDGET:
        kept: list[Json] = content["body"]
        note = subtle(f"_{escape(more or 'There is more than fits here.')}_")
        while kept and size_of(content) + size_of(note) > CARD_BUDGET:
            kept.pop()
        kept.append(note)
    return one_line(summary) or "Amends", content


# --- replies --------------------------------------------------------------------------------

def reply_card(reply: Reply, names: Mapping[str, str] = NO_NAMES) -> Card:
    match reply:
        case Notice():
            return notice_card(reply, names)
        case Reported():
            from handlers.teams.case_cards import suggestion_card  # it builds on this module

            return suggestion_card(reply, names)
        case CaseCard():
            from handlers.teams.case_cards import case_detail_card

            return case_detail_card(reply, names)
        case CaseList():
            return case_list_card(reply, names)
        case DigestReply():
            from handlers.teams.post_cards import digest_card

            return digest_card(reply.digest, names=names)
        case HelpText():
            return help_card(reply)
        case _:
            assert_never(reply)


def notice_card(notice: Notice, names: Mapping[str, str] = NO_NAMES) -> Card:
    """A one-line answer; an error starts with a warning. Plain text that didn't read as a
    problem gets "Log it as a case" (a longer text is logged by typing it as a report)."""
    plain = named(notice.text, (), names)
    shown = ("⚠️ " if notice.error else "") + escape(plain)
    actions = []
    if notice.log_anyway and len(notice.log_anyway) <= LOG_ANYWAY_LIMIT:
        actions.append(execute("Log it as a case", "log_anyway", text=notice.log_anyway))
    return card(("Warning: " if notice.error else "") + plain, [text(shown)], actions)


def help_card(help: HelpText) -> Card:
    body = [text("**Amends commands**", size="medium"),
            facts((escape(command), escape(about)) for command, about in help.topics)]
    return card("Amends commands", body)


def case_people(case: CaseRecord) -> set[str]:
    return {case.reporter_id, case.owner_id}


def case_line(case: CaseRecord, names: Mapping[str, str], overdue: bool = False) -> Json:
    """A case in a list: what and where; what was said; status, money, when, who."""
    first = f"**#{case.number} · {label(case.scenario)}**"
    if case.customer_ref:
        first += f" · {user(case.customer_ref, 100)}"
    if overdue:
        first += " · ⏰ **overdue**"
    given = f" · given {cents(case.given_cents, case.currency)}" if case.given_cents else ""
    due = f"due {when(case.due_at)}" if case.is_open else f"reported {when(case.created_at)}"
    return container([text(first),
                      text(f"_{user(snippet(case.text), 80)}_", spacing="none"),
                      subtle(f"{status_text(case.status)}{given} · {due} · {name(case.reporter_id, names)}",
                             spacing="none")], separator=True)


def case_list_card(cases: CaseList, names: Mapping[str, str] = NO_NAMES) -> Card:
    if not cases.cases:
        return card(cases.empty, [text(escape(cases.empty))])
    heading = cases.heading if cases.total is not None else f"{cases.title} ({len(cases.cases)})"
    body = [text(f"**{escape(heading)}**", size="medium"),
            *(case_line(case, names) for case in cases.cases[:LIST_SHOWN])]
    if len(cases.cases) > LIST_SHOWN:
        body.append(subtle(f"…and {len(cases.cases) - LIST_SHOWN} more."))
    if cases.more:
        body.append(subtle(f"Next page: type {escape(cases.more)}"))
    elif len(cases.cases) > LIST_SHOWN:
        body.append(subtle("Narrow it down: case mine, case room 214, or case 42."))
    return card(heading, body, more="Narrow it down: case mine, case room 214, or case 42.")
