"""The core's neutral replies as Slack Block Kit: plain, JSON-ready dicts, made for a phone.

Every piece of text someone typed (reports, notes, references, names) goes through `escape`
and is clipped to Slack's limits, so "<!channel>" in a report shows as text and pings no one.
Times are Slack date tokens, so each reader sees their own time zone. Mirrors the console's
content (handlers/console/render.py); the views (modals, App Home) live in views.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, assert_never

from bot.money import format_money, from_cents
from bot.policy import Decision
from bot.records import CaseRecord, OfferRecord
from bot.replies import CaseCard, CaseList, DigestReply, HelpText, Notice, Reply, Reported
from bot.suggestion import Suggestion
from bot.sureness import sureness
from bot.words import Words, option_id

if TYPE_CHECKING:
    pass

Json = dict[str, Any]
Message = tuple[str, list[Json]]

MAX_BLOCKS = 50
TEXT_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
FALLBACK_LIMIT = 3000
REPORT_QUOTE = 600
LIST_SHOWN = 20
HISTORY_SHOWN = 8

STATUS = {"open": ":large_blue_circle: Open", "awaiting_approval": ":hourglass_flowing_sand: Awaiting approval",
          "escalated": ":rotating_light: Escalated", "resolved": ":white_check_mark: Resolved",
          "void": ":heavy_minus_sign: Void (not a case)", "merged": ":link: Merged"}
OFFER_STATUS = {"given": ":white_check_mark: given", "pending": ":hourglass_flowing_sand: waiting for approval",
                "declined": ":x: declined", "withdrawn": ":leftwards_arrow_with_hook: undone"}
_SLACK_ID = re.compile(r"[UW][A-Z0-9_]{2,}")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,}")


# --- text -----------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Slack's three control characters as entities: typed "<!channel>" can't ping or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """`text`, or its first `limit - 1` characters and "…" (never longer than `limit`)."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def _clip_mrkdwn(text: str, limit: int) -> str:
    """clip() that never cuts an entity (&amp;) or one of our tokens (<@U1>, <!date…>) in half."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    amp = cut.rfind("&")
    if amp > cut.rfind(";") and amp >= len(cut) - 4:
        cut = cut[:amp]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    return cut + "…"


def _user(text: str, limit: int = TEXT_LIMIT) -> str:
    """Text someone typed, safe inside mrkdwn."""
    return _clip_mrkdwn(escape(text), limit)


def _core(text: str, people: Iterable[str] = ()) -> str:
    """Core text (a headline) escaped, keeping its mentions of the case's own people only: a
    mention of anyone else may have been typed by someone, so it shows as text."""
    safe = escape(text)
    for user_id in set(people):
        if _SLACK_ID.fullmatch(user_id):
            safe = safe.replace(f"&lt;@{user_id}&gt;", f"<@{user_id}>")
    return safe


def quote(text: str, limit: int = REPORT_QUOTE) -> str:
    return "\n".join("> " + line for line in _user(text, limit).splitlines() or [""])


def who(user_id: str) -> str:
    """A Slack user as a mention (shows their name); anyone else as escaped text."""
    return f"<@{user_id}>" if _SLACK_ID.fullmatch(user_id) else _user(user_id, 80) or "someone"


def when(at: datetime) -> str:
    """A Slack date token: each reader sees it in their own time zone; UTC where unsupported."""
    return (f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}"
            f"|{at:%Y-%m-%d %H:%M} UTC>")


def label(scenario_id: str | None) -> str:
    return escape((scenario_id or "").replace("_", " ")).capitalize()


def status_text(status: str) -> str:
    return STATUS.get(status, escape(status.replace("_", " ")).capitalize())


def cents(amount: int, currency: str) -> str:
    return format_money(from_cents(amount), currency)


# --- blocks ---------------------------------------------------------------------------------

def mrkdwn(text: str) -> Json:
    return {"type": "mrkdwn", "text": _clip_mrkdwn(text, TEXT_LIMIT)}


def plain(text: str, limit: int = TEXT_LIMIT) -> Json:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def section(text: str, accessory: Json | None = None, block_id: str = "") -> Json:
    block: Json = {"type": "section", "text": mrkdwn(text)}
    if accessory:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def sections(lines: Sequence[str]) -> list[Json]:
    """Lines packed into as few sections as Slack's 3,000 characters allow."""
    blocks: list[Json] = []
    chunk = ""
    for line in lines:
        if chunk and len(chunk) + 1 + len(line) > TEXT_LIMIT:
            blocks.append(section(chunk))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    return blocks + ([section(chunk)] if chunk else [])


def context(text: str) -> Json:
    return {"type": "context", "elements": [mrkdwn(text)]}


def header(text: str) -> Json:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Json:
    element: Json = {"type": "button", "text": plain(text, BUTTON_LIMIT), "action_id": action_id,
                     "value": value}
    if style:
        element["style"] = style
    return element


def actions(block_id: str, *elements: Json) -> Json:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def message(fallback: str, blocks: list[Json], more: str = "") -> Message:
    """Caps the blocks at Slack's 50, saying where to see the rest; the closing buttons stay."""
    if len(blocks) > MAX_BLOCKS:
        tail = blocks[-1:] if blocks[-1]["type"] == "actions" else []
        kept = blocks[: MAX_BLOCKS - 1 - len(tail)]
        blocks = [*kept, context(more or "There's more than fits here."), *tail]
    return _clip_mrkdwn(fallback, FALLBACK_LIMIT), blocks


# --- replies --------------------------------------------------------------------------------

def reply_blocks(reply: Reply) -> Message:
    match reply:
        case Notice():
            return notice_blocks(reply)
        case Reported():
            return suggestion_blocks(reply)
        case CaseCard():
            from handlers.slack.case_blocks import case_detail_blocks  # it builds on this module

            return case_detail_blocks(reply)
        case CaseList():
            from handlers.slack.case_blocks import case_list_blocks

            return case_list_blocks(reply)
        case DigestReply():
            from handlers.slack.digest_blocks import digest_blocks  # it builds on this module

            return digest_blocks(reply.digest)
        case HelpText():
            return help_blocks(reply)
        case _:
            assert_never(reply)


LOG_ANYWAY_LIMIT = 2000
"""Slack's limit on a button's value: a longer text is logged with `/recover`."""


def notice_blocks(notice: Notice) -> Message:
    text = (":warning: " if notice.error else "") + escape(notice.text)
    blocks = [section(text)]
    if notice.log_anyway and len(notice.log_anyway) <= LOG_ANYWAY_LIMIT:
        blocks.append(actions("log_anyway", button("Log it as a case", "log_anyway",
                                                   notice.log_anyway)))
    return message(text, blocks)


def help_blocks(help: HelpText) -> Message:
    lines = [f"`{escape(command)}`  {escape(text)}" for command, text in help.topics]
    return message("Amends commands", [section("*Amends commands*"), *sections(lines)])


def suggestion_blocks(reported: Reported) -> Message:
    case, suggestion = reported.case, reported.suggestion
    blocks = [section(_logged_line(reported))]
    if suggestion.escalate:
        blocks.append(section(":rotating_light: *This goes to a manager now.* "
                              "Nothing is given on the spot."))
    blocks += [context(_sureness(case, suggestion)), *scenario_picker(case, suggestion),
               *same_customer_blocks(reported), *words_blocks(suggestion.words)]
    if suggestion.brief.fill_ins:
        lines = "\n".join(f"• {escape(line)}" for _, line in suggestion.brief.fill_ins)
        blocks.append(context(f"_Only if true, you may add:_\n{lines}"))
    blocks += option_blocks(case, suggestion.on_the_spot + suggestion.needs_approval,
                            suggestion.currency, recommended=suggestion.words.recommended)
    blocks += case_actions(case, suggestion.words.language)
    fallback = f"Case #{case.number} logged: {label(case.scenario)}. Say: {escape(suggestion.apology)}"
    return message(fallback, blocks, f"More options: `/case {case.number}`")


def same_customer_blocks(reported: Reported) -> list[Json]:
    """The same customer's open case from minutes ago: add this report to it, or leave it."""
    same = reported.same_customer
    if same is None:
        return []
    value = f"{reported.case.number}:{same.number}"
    return [section(f":link: {escape(reported.same_customer_line)}. Add this report to it, or "
                    "keep it as a new case (they stay linked)."),
            actions(f"merge:{value}", button(f"Add to case #{same.number}", "merge_case", value))]


def scenario_picker(case: CaseRecord, suggestion: Suggestion) -> list[Json]:
    """When the engine wasn't sure: the likely scenarios as buttons and the rest in a menu; the
    team hears of the case once one is picked."""
    if case.confirmed or not case.is_open:
        return []
    likely = [case.scenario, *([suggestion.classification.runner_up]
                               if suggestion.classification.runner_up else [])]
    buttons = [button(label(choice), "pick_scenario", f"{case.number}:{choice}") for choice in likely]
    others = [{"text": plain(label(choice), BUTTON_LIMIT), "value": f"{case.number}:{choice}"}
              for choice in sorted(suggestion.playbook_scenarios) if choice not in likely][:100]
    menu: list[Json] = [{"type": "static_select", "action_id": "pick_scenario_other",
                         "placeholder": plain("Something else…", BUTTON_LIMIT),
                         "options": others}] if others else []
    return [section(":grey_question: *Not sure what this is.* Pick one; the team hears of it "
                    "once you do."),
            actions(f"pick:{case.number}", *buttons, *menu)]


def words_blocks(words: Words, *, explain: bool = True) -> list[Json]:
    """Safety steps first (what staff do now), then what to say and explain, then the
    conversation guide, compact, one line below."""
    blocks: list[Json] = []
    if words.safety_steps:
        steps = "\n".join(f"{n}. {escape(step)}" for n, step in enumerate(words.safety_steps, 1))
        blocks.append(section(f":warning: *Safety first*\n{steps}"))
    blocks.append(section(f"*Say:* {escape(words.apology)}"))
    if explain:
        blocks.append(section(f"*Explain:* {escape(words.explanation)}"))
    guide = words.guide
    if not guide.is_empty:
        lines = [escape(guide.empathy)] if guide.empathy else []
        lines += [f"*Ask:* {escape(q)}" for q in guide.questions]
        lines += [f"*Offer instead:* {escape(a)}" for a in guide.alternatives]
        lines += [escape(guide.closing)] if guide.closing else []
        blocks.append(context("\n".join(lines)))
    if words.note:
        blocks.append(context(f"_{escape(words.note)}_"))
    return blocks


def _logged_line(reported: Reported) -> str:
    case = reported.case
    line = f"*Case #{case.number} logged* · {label(case.scenario)}"
    if case.customer_ref:
        line += f" · {_user(case.customer_ref, 100)}"
    return line + (" · _already logged_" if reported.duplicate else "")


def _sureness(case: CaseRecord, suggestion: Suggestion) -> str:
    classification = suggestion.classification
    unsure = f"; or {label(classification.runner_up).lower()}?" if classification.runner_up else ""
    return f"{sureness(classification.confidence).capitalize()}{unsure} · resolve by {when(case.due_at)}"


def option_blocks(case: CaseRecord, options: Sequence[Decision], currency: str,
                  offers: Sequence[OfferRecord] = (), *, recommended: str | None = None) -> list[Json]:
    """One section per option not yet given or asked for, with its button: give, or ask.
    `recommended` (an option id from the words) is marked, never moved or priced."""
    done = {offer.option_index for offer in offers}
    now = [d for d in options if d.on_the_spot and d.index not in done]
    later = [d for d in options if not d.on_the_spot and d.index not in done]
    first = next((d.index for d in options if option_id(case.scenario, d.index) == recommended), None)
    blocks: list[Json] = []
    if now:
        blocks.append(section("*You can give now:*"))
        blocks += [_option(case, d, currency, "offer", "I gave this", d.index == first) for d in now]
    if later:
        blocks.append(section("*Needs a manager:*"))
        blocks += [_option(case, d, currency, "request_approval", "Ask a manager", d.index == first)
                   for d in later]
    return blocks


def _option(case: CaseRecord, decision: Decision, currency: str, action_id: str, text: str,
            recommended: bool = False) -> Json:
    option = decision.option
    line = (f"*{decision.index + 1}.* {escape(option.description)} · "
            f"*{escape(format_money(decision.amount, currency))}*")
    if decision.estimated:
        key = "amount=" if decision.option.pricing == "amount_in_question" else "paid="
        line += f" _(about: add {key} to `/recover` for the exact amount)_"
    if recommended:
        line += " · _try this first_"
    if decision.reason:
        line += f"\n_{escape(decision.reason)}_"
    value = f"{case.number}:{decision.index}"
    style = "primary" if action_id == "offer" else None
    return section(line, button(text, action_id, value, style), block_id=f"{action_id}:{value}")


LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch",
                  "pt": "Português"}


def language_select(case: CaseRecord, shown: str) -> Json:
    """"Words in…": the guest speaks another language than the report was typed in."""
    options: dict[str, Json] = {code: {"text": plain(name, BUTTON_LIMIT),
                                       "value": f"{case.number}:{code}"}
                                for code, name in LANGUAGE_NAMES.items()}
    element: Json = {"type": "static_select", "action_id": "words_language",
                     "placeholder": plain("Words in…", BUTTON_LIMIT),
                     "options": list(options.values())}
    if shown in options:
        element["initial_option"] = options[shown]
    return element


def case_actions(case: CaseRecord, language: str | None = None) -> list[Json]:
    """Resolve… and (unless it is already with a manager) Escalate, while the case is open;
    with the words shown (`language`), a choice of the language they are said in."""
    if not case.is_open:
        return []
    number = str(case.number)
    elements = [button("Resolve…", "resolve", number)]
    if case.status != "escalated":
        elements.append(button("Escalate", "escalate", number, "danger"))
    if language is not None:
        elements.append(language_select(case, language))
    return [actions(f"case:{number}", *elements)]


# --- approvals and alerts -------------------------------------------------------------------
