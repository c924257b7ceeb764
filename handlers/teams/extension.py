"""The compose box's commands, declared in the app manifest: the message action "Report to
Amends" (a form prefilled with the message, then the answer) and the search command "Find
cases" (`42`, `room 214`, `mine`, `open`, `waiting`: the same lookups as `case …`).

The form and its answer are shown in Teams' dialog; the answer's buttons live on the case's
card in the reporter's chat with Amends, which the outbox posts as for any report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from botbuilder.core import TurnContext

from bot.commands import CommandError, FindCases, ShowCase, parse_command
from bot.references import parse_reference
from bot.replies import CaseCard, CaseList, Notice, Reported
from handlers.teams.case_cards import case_card
from handlers.teams.markup import plain_text
from handlers.teams.turns import ADAPTIVE, invoke_answer

if TYPE_CHECKING:
    from handlers.teams.turns import TeamsTurns

REPORT_COMMAND = "reportMessage"
SEARCH_COMMAND = "findCases"
TEXT_LIMIT = 3000
RESULTS = 25
SEARCH_HINT = "Type a case number, a reference like room 214, mine, open or waiting."


class ComposeExtension:
    def __init__(self, turns: TeamsTurns) -> None:
        self.turns = turns

    async def invoke(self, ctx: TurnContext, tenant: str, name: str) -> None:
        value = ctx.activity.value if isinstance(ctx.activity.value, Mapping) else {}
        command = value.get("commandId")
        if name == "composeExtension/fetchTask" and command == REPORT_COMMAND:
            await self._form(ctx, _message_text(value))
        elif name == "composeExtension/submitAction" and command == REPORT_COMMAND:
            await self._report(ctx, tenant, value.get("data"))
        elif name == "composeExtension/query" and command == SEARCH_COMMAND:
            await self._search(ctx, tenant, value)
        else:
            await invoke_answer(ctx, 400, {"error": "not a command of this app"})

    async def _form(self, ctx: TurnContext, text: str, problem: str = "", reference: str = "") -> None:
        playbook = self.turns.runtime.amends.playbook
        guess = self.turns.runtime.amends.classify(text).scenario if text.strip() else None
        found = parse_reference(text) if text and not reference else None
        await invoke_answer(ctx, 200, _dialog("Report to Amends", report_form(
            text=text, reference=reference or (found.normalised if found else ""), guess=guess,
            scenarios=[(s.id, s.description) for s in playbook.scenarios.values()], problem=problem)))

    async def _report(self, ctx: TurnContext, tenant: str, data: object) -> None:
        fields = data if isinstance(data, Mapping) else {}
        text = str(fields.get("text") or "").strip()[:TEXT_LIMIT]
        typed = str(fields.get("reference") or "").strip()
        scenario = str(fields.get("scenario") or "").strip() or None
        reference = parse_reference(typed) if typed else None
        if not text:
            await self._form(ctx, text, "Say what happened.", typed)
            return
        if typed and reference is None:
            await self._form(ctx, text, "Write the reference like room 214, table 7, #88231 or ABC123.", typed)
            return
        message = await self.turns.incoming(ctx, tenant, text)
        reply = await self.turns.runtime.amends.report(
            message, text, reference=reference.normalised if reference else None, scenario_id=scenario)
        if not isinstance(reply, Reported):
            await self._form(ctx, text, reply.text if isinstance(reply, Notice) else "Couldn't report that.", typed)
            return
        _, card = await self.turns.card_for(reply, tenant)
        await invoke_answer(ctx, 200, _dialog(f"Case #{reply.case.number}", _without_buttons(card)))

    async def _search(self, ctx: TurnContext, tenant: str, value: Mapping[str, Any]) -> None:
        typed = _parameter(value, "query")
        try:
            lookup = parse_command(f"case {typed}" if typed else "case open")
        except CommandError:
            lookup = None
        if not isinstance(lookup, ShowCase | FindCases):  # a search never changes anything
            await invoke_answer(ctx, 200, {"composeExtension": {"type": "message", "text": SEARCH_HINT}})
            return
        message = await self.turns.incoming(ctx, tenant, "")
        reply = await self.turns.runtime.amends.run(message, lookup)
        names = await self.turns.names(reply, tenant)
        if isinstance(reply, CaseCard):
            cases = [(reply.case, reply.offers)]
        elif isinstance(reply, CaseList):
            cases = [(case, ()) for case in reply.cases[:RESULTS]]
        else:
            text = reply.text if isinstance(reply, Notice) else SEARCH_HINT
            await invoke_answer(ctx, 200, {"composeExtension": {"type": "message", "text": text}})
            return
        attachments = []
        for case, offers in cases:
            summary, card = case_card(case, offers, names=names)
            attachments.append({"contentType": ADAPTIVE, "content": _without_buttons(card),
                                "preview": {"contentType": "application/vnd.microsoft.card.thumbnail",
                                            "content": {"title": f"Case #{case.number}", "text": summary}}})
        await invoke_answer(ctx, 200, {"composeExtension": {"type": "result", "attachmentLayout": "list",
                                                            "attachments": attachments}})


def report_form(*, text: str, reference: str, guess: str | None, scenarios: list[tuple[str, str]],
                problem: str = "") -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if problem:
        body.append({"type": "TextBlock", "text": problem, "color": "attention", "wrap": True})
    body += [
        {"type": "Input.Text", "id": "text", "label": "What happened?", "isMultiline": True,
         "value": text[:TEXT_LIMIT], "maxLength": TEXT_LIMIT, "isRequired": True,
         "errorMessage": "Say what happened."},
        {"type": "Input.Text", "id": "reference", "label": "Customer reference", "value": reference,
         "placeholder": "room 214, table 7, order #88231", "maxLength": 100},
        {"type": "Input.ChoiceSet", "id": "scenario", "label": "What kind of problem?",
         "placeholder": "Let Amends decide", "value": guess or "",
         "choices": [{"title": description[:80] or key, "value": key} for key, description in scenarios]},
    ]
    return {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.5", "body": body,
            "actions": [{"type": "Action.Submit", "title": "Report", "data": {"amends": "report"}}]}


def _dialog(title: str, card: dict[str, Any]) -> dict[str, Any]:
    return {"task": {"type": "continue", "value": {"title": title[:60], "height": "large", "width": "medium",
                                                   "card": {"contentType": ADAPTIVE, "content": card}}}}


def _without_buttons(card: dict[str, Any]) -> dict[str, Any]:
    """A card shown where its buttons could not act (a dialog, a search result): text only."""
    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items()
                    if key not in ("actions", "selectAction") and node.get("type") != "ActionSet"}
        if isinstance(node, list):
            return [strip(item) for item in node if not (isinstance(item, dict) and (
                item.get("type") == "ActionSet" or str(item.get("type", "")).startswith("Input.")))]
        return node

    result: dict[str, Any] = strip(card)
    return result


def _message_text(value: Mapping[str, Any]) -> str:
    payload = value.get("messagePayload")
    body = payload.get("body") if isinstance(payload, Mapping) else None
    content = body.get("content") if isinstance(body, Mapping) else None
    return plain_text(content)[:TEXT_LIMIT] if isinstance(content, str) else ""


def _parameter(value: Mapping[str, Any], name: str) -> str:
    for parameter in value.get("parameters") or ():
        if isinstance(parameter, Mapping) and parameter.get("name") == name:
            return str(parameter.get("value") or "").strip()[:200]
    return ""
