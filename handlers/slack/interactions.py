"""Buttons, shortcuts and modals. Every click is an action on the case through the core, which
changes nothing when the case has already moved on, so a double click records nothing twice."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands import OUTCOMES, ROOT_CAUSES, CaseAction, ShowCase
from bot.core import snooze_until
from bot.references import parse_reference
from bot.replies import CaseCard, Notice, Reply, Reported
from handlers.slack.blocks import reply_blocks, suggestion_blocks
from handlers.slack.runtime import SlackRuntime, channel_of
from handlers.slack.views import report_modal, resolve_modal

CASE_BUTTONS = {"offer": "offer", "request_approval": "request", "approve": "approve",
                "decline": "decline", "escalate": "escalate", "take_case": "take"}


def register(app: AsyncApp, runtime: SlackRuntime) -> None:
    for action_id, verb in CASE_BUTTONS.items():
        app.action(action_id)(_case_button(runtime, verb))

    @app.action("outcome")
    async def outcome(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext, respond: AsyncRespond) -> None:
        await ack()
        number, _, felt = action["value"].partition(":")
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        reply = await runtime.amends.run(incoming, CaseAction(int(number), "outcome", outcome=felt))
        _answer_click(runtime, body, respond, reply, always=True)

    @app.action("snooze")
    @app.action("nudge_done")
    async def follow_up(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                        context: AsyncBoltContext, respond: AsyncRespond) -> None:
        await ack()
        delivery_id, _, how = action["value"].partition(":")
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        zone = await runtime.zones.zone_of(incoming.user, context.client)
        until = None
        if action["action_id"] == "snooze":
            until = snooze_until(how or "1h", runtime.amends.clock.now(), zone)
        reply = await runtime.amends.follow_up(incoming, int(delivery_id), until, zone)
        _answer_click(runtime, body, respond, reply, always=True)

    @app.action("resolve")
    async def resolve(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext) -> None:
        await ack()
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        card = await runtime.amends.run(incoming, ShowCase(int(action["value"])))
        if not isinstance(card, CaseCard):
            return
        view = resolve_modal(card.case, ROOT_CAUSES, OUTCOMES)
        runtime.background.run(context.client.views_open(trigger_id=body["trigger_id"], view=view),
                               "resolve modal")

    @app.view("resolve_case")
    async def resolved(ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext) -> None:
        values = view["state"]["values"]
        command = CaseAction(int(view["private_metadata"]), "resolve",
                             outcome=_selected(values, "outcome"),
                             root_cause=_selected(values, "root_cause"),
                             note=_typed(values, "note") or "")
        reply = await runtime.amends.run(await runtime.incoming(context, ""), command)
        if isinstance(reply, Notice) and reply.error:
            await ack(response_action="errors", errors={"root_cause": reply.text[:150]})
            return
        await ack()

    @app.shortcut("report_message")
    async def report_message(ack: AsyncAck, body: dict[str, Any], shortcut: dict[str, Any],
                             context: AsyncBoltContext) -> None:
        await ack()
        message = shortcut.get("message", {})
        metadata = json.dumps({"channel": channel_of(body), "ts": message.get("ts", "")})
        _open_report(runtime, context, body["trigger_id"], message.get("text", ""), metadata)

    @app.shortcut("report_new")
    async def report_new(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
        await ack()
        _open_report(runtime, context, body["trigger_id"], "", json.dumps({"channel": "", "ts": ""}))

    @app.view("report_case")
    async def reported(ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext) -> None:
        values = view["state"]["values"]
        text = _typed(values, "text") or ""
        typed_reference = _typed(values, "reference")
        reference = parse_reference(typed_reference) if typed_reference else None
        if typed_reference and reference is None:
            await ack(response_action="errors",
                      errors={"reference": "Write it like room 214, table 7, #88231 or ABC123."})
            return
        origin = json.loads(view.get("private_metadata") or "{}")
        incoming = await runtime.incoming(context, text, channel=origin.get("channel") or "modal")
        reply = await runtime.amends.report(incoming, text,
                                            reference=reference.normalised if reference else None,
                                            scenario_id=_selected(values, "scenario"))
        if not isinstance(reply, Reported):
            message = reply.text if isinstance(reply, Notice) else "Could not report that."
            await ack(response_action="errors", errors={"text": message[:150]})
            return
        _, blocks = suggestion_blocks(reply)
        await ack(response_action="update", view={
            "type": "modal", "title": {"type": "plain_text", "text": f"Case #{reply.case.number}"},
            "close": {"type": "plain_text", "text": "Done"}, "blocks": blocks[:100]})


def _case_button(runtime: SlackRuntime, verb: str) -> Any:
    async def clicked(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext, respond: AsyncRespond) -> None:
        await ack()
        number, _, index = action["value"].partition(":")
        command = CaseAction(int(number), verb, option=int(index) + 1 if index else None)
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        reply = await runtime.amends.run(incoming, command)
        _answer_click(runtime, body, respond, reply)

    clicked.__name__ = f"clicked_{verb}"
    return clicked


def _answer_click(runtime: SlackRuntime, body: dict[str, Any], respond: AsyncRespond,
                  reply: Reply, *, always: bool = False) -> None:
    """The private answer is replaced in place; a shared card is updated by the outbox, and the
    clicker alone hears about anything that went wrong."""
    if not body.get("response_url"):
        return
    ephemeral = bool((body.get("container") or {}).get("is_ephemeral"))
    fallback, blocks = reply_blocks(reply)
    if ephemeral:
        runtime.background.run(respond(text=fallback, blocks=blocks, replace_original=True),
                               "answer in place")
    elif isinstance(reply, Notice) or always:
        runtime.background.run(respond(text=fallback, blocks=blocks, response_type="ephemeral",
                                       replace_original=False), "answer to the clicker")


def _open_report(runtime: SlackRuntime, context: AsyncBoltContext, trigger_id: str, text: str,
                 metadata: str) -> None:
    playbook = runtime.amends.playbook
    guess = runtime.amends.classify(text).scenario if text.strip() else None
    found = parse_reference(text) if text else None
    view = report_modal(text=text, scenarios=[(s.id, s.description) for s in playbook.scenarios.values()],
                        default_scenario=guess, reference=found.normalised if found else None,
                        private_metadata=metadata)
    runtime.background.run(context.client.views_open(trigger_id=trigger_id, view=view), "report modal")


def _selected(values: dict[str, Any], name: str) -> str | None:
    chosen = (values.get(name, {}).get(name) or {}).get("selected_option")
    return str(chosen["value"]) if chosen else None


def _typed(values: dict[str, Any], name: str) -> str | None:
    value = (values.get(name, {}).get(name) or {}).get("value")
    return str(value).strip() if value else None
