"""Slack views: the resolve and report modals and the App Home tab (re-exported by blocks.py).

Values come back in `view["state"]["values"][block_id][action_id]`; each input's block_id and
action_id are the same word: outcome, root_cause, note (resolve_case); text, reference,
scenario (report_case).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.records import CaseRecord
from handlers.slack.blocks import (
    Json,
    clip,
    context,
    header,
    plain,
    quote,
    section,
)
from handlers.slack.case_blocks import case_line, case_lines

MAX_VIEW_BLOCKS = 100
INPUT_LIMIT = 3000
REFERENCE_LIMIT = 150
OPTION_LIMIT = 75
MAX_OPTIONS = 100
HOME_SHOWN = 15
OUTCOMES = {"recovered": "Recovered: they left happy", "partly": "Partly: still a bit unhappy",
            "lost": "Lost: still unhappy"}


def _name(key: str) -> str:
    """A playbook key as a plain-text label ("root_cause" -> "Root cause")."""
    return key.replace("_", " ").capitalize()


def option(value: str, text: str, description: str = "") -> Json:
    item: Json = {"text": plain(text, OPTION_LIMIT), "value": value[:150]}
    if description:
        item["description"] = plain(description, OPTION_LIMIT)
    return item


def static_select(action_id: str, options: list[Json], placeholder: str,
                  initial: str | None = None) -> Json:
    element: Json = {"type": "static_select", "action_id": action_id,
                     "placeholder": plain(placeholder, 150), "options": options[:MAX_OPTIONS]}
    chosen = [item for item in element["options"] if item["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return element


def text_input(action_id: str, initial: str | None, *, limit: int, multiline: bool = False,
               placeholder: str = "") -> Json:
    element: Json = {"type": "plain_text_input", "action_id": action_id, "multiline": multiline,
                     "max_length": limit}
    if initial:
        element["initial_value"] = clip(initial, limit)  # an input's own value: never escaped
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def input_block(block_id: str, text: str, element: Json, *, optional: bool = False,
                hint: str = "") -> Json:
    block: Json = {"type": "input", "block_id": block_id, "label": plain(text, 2000),
                   "element": element, "optional": optional}
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def modal(callback_id: str, title: str, submit: str, blocks: list[Json], metadata: str) -> Json:
    if len(metadata) > 3000:
        raise ValueError("private_metadata is longer than Slack's 3,000 characters")
    return {"type": "modal", "callback_id": callback_id, "title": plain(title, 24),
            "submit": plain(submit, 24), "close": plain("Cancel", 24),
            "private_metadata": metadata, "blocks": blocks[:MAX_VIEW_BLOCKS]}


def resolve_modal(case: CaseRecord, root_causes: Sequence[str], outcomes: Sequence[str]) -> Json:
    causes = [option(cause, _name(cause)) for cause in root_causes]
    felt = [option(outcome, OUTCOMES.get(outcome, _name(outcome))) for outcome in outcomes]
    blocks = [
        section(f"{case_line(case)}\n{quote(case.text, 300)}"),
        input_block("outcome", "How does the customer feel now?",
                    static_select("outcome", felt, "Not known yet", case.outcome), optional=True),
        input_block("root_cause", "Root cause", static_select("root_cause", causes, "Choose one"),
                    hint="What let the customer down, so it can be fixed for the next one."),
        input_block("note", "Note", text_input("note", case.resolution_note, limit=INPUT_LIMIT,
                                               multiline=True), optional=True),
    ]
    return modal("resolve_case", f"Resolve case #{case.number}", "Resolve", blocks, str(case.number))


def report_modal(*, text: str, scenarios: Sequence[tuple[str, str]], default_scenario: str | None,
                 reference: str | None, private_metadata: str) -> Json:
    kinds = [option(key, _name(key), description) for key, description in scenarios]
    blocks = [
        input_block("text", "What happened?",
                    text_input("text", text, limit=INPUT_LIMIT, multiline=True)),
        input_block("reference", "Customer reference",
                    text_input("reference", reference, limit=REFERENCE_LIMIT,
                               placeholder="room 214, table 7, order #88231"), optional=True),
        input_block("scenario", "What kind of problem?",
                    static_select("scenario", kinds, "Let Amends decide", default_scenario),
                    optional=True, hint="Amends' guess from the text; change it if it's wrong."),
    ]
    return modal("report_case", "Report to Amends", "Report", blocks, private_metadata)


def home_view(*, mine: Sequence[CaseRecord], team: Sequence[CaseRecord], overdue_ids: set[int],
              awaiting: Sequence[CaseRecord], is_manager: bool) -> Json:
    """My open cases; for managers, the team's (overdue first) and the requests waiting."""
    blocks = [header("Amends"),
              context("Report a problem: `/recover what happened` · look one up: `/case 42` · "
                      "all commands: `/case help`")]
    blocks += _home_part("Your open cases", mine, overdue_ids, "Nothing open. :tada:")
    if is_manager:
        ordered = sorted(team, key=lambda case: case.id not in overdue_ids)
        late = sum(case.id in overdue_ids for case in team)
        title = "Team's open cases" + (f" · :alarm_clock: {late} overdue" if late else "")
        blocks += _home_part(title, ordered, overdue_ids, "The team has nothing open.")
    if is_manager or awaiting:
        blocks += _home_part("Waiting for approval", awaiting, overdue_ids, "No requests waiting.")
    return {"type": "home", "blocks": blocks[:MAX_VIEW_BLOCKS]}


def _home_part(title: str, cases: Sequence[CaseRecord], overdue_ids: AbstractSet[int],
               empty: str) -> list[Json]:
    heading = section(f"*{title}* ({len(cases)})")
    body = case_lines(cases, HOME_SHOWN, overdue_ids) if cases else [context(empty)]
    return [{"type": "divider"}, heading, *body]


__all__ = ["home_view", "report_modal", "resolve_modal"]
