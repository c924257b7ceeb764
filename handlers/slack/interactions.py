"""Buttons, shortcuts and modals. Every click is an action on the case through the core, which
changes nothing when the case has already moved on, so a double click records nothing twice.

Each listener reads what it needs from the payload first (handlers/slack/payload.py): a value
we could not have sent is refused with 400 before anything is acknowledged or changed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands import (
    OUTCOMES,
    ROOT_CAUSES,
    WORD_LANGUAGES,
    CaseAction,
    CaseVerb,
    ChangeScenario,
    Command,
    Recover,
    ShowCase,
    SwitchLanguage,
)
from bot.core import snooze_until
from bot.references import parse_reference
from bot.replies import CaseCard, Notice, Reply, Reported
from handlers.slack.blocks import reply_blocks, suggestion_blocks
from handlers.slack.markup import plain_text
from handlers.slack.payload import MalformedPayload, mapping_at, number_in, object_in, optional_text, text_at
from handlers.slack.runtime import SlackRuntime, channel_of
from handlers.slack.views import report_modal, resolve_modal

MAX_OPTIONS = 100
CASE_BUTTONS: dict[str, CaseVerb] = {"offer": "offer", "request_approval": "request", "approve": "approve",
                "decline": "decline", "escalate": "escalate", "take_case": "take"}


def register(app: AsyncApp, runtime: SlackRuntime) -> None:
    for action_id, verb in CASE_BUTTONS.items():
        app.action(action_id)(_case_button(runtime, verb))

    @app.action("outcome")
    async def outcome(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext, respond: AsyncRespond) -> None:
        number, _, felt = text_at(action, "value").partition(":")
        command = CaseAction(number_in(number, "the case number"), "outcome", outcome=felt)
        await ack()
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        reply = await runtime.amends.run(incoming, command)
        _answer_click(runtime, body, respond, reply, always=True)

    @app.action("snooze")
    @app.action("nudge_done")
    async def follow_up(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                        context: AsyncBoltContext, respond: AsyncRespond) -> None:
        value, _, how = text_at(action, "value").partition(":")
        delivery_id = number_in(value, "the reminder")
        await ack()
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        zone = await runtime.zones.zone_of(incoming.user, context.client)
        until = None
        if action.get("action_id") == "snooze":
            until = snooze_until(how or "1h", runtime.amends.clock.now(), zone)
        reply = await runtime.amends.follow_up(incoming, delivery_id, until, zone)
        _answer_click(runtime, body, respond, reply, always=True)

    @app.action("merge_case")
    async def merge_case(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                         context: AsyncBoltContext, respond: AsyncRespond) -> None:
        number, _, target = text_at(action, "value").partition(":")
        command = CaseAction(number_in(number, "the case number"), "merge",
                             option=number_in(target, "the case to add it to"))
        await _run_click(runtime, ack, body, context, respond, command)

    @app.action("log_anyway")
    async def log_anyway(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                         context: AsyncBoltContext, respond: AsyncRespond) -> None:
        text = text_at(action, "value")
        shown = (body.get("container") or {}).get("message_ts")
        # The notice the button sits on is logged once, however often it is clicked.
        key = f"log_anyway:{shown}" if isinstance(shown, str) and shown else None
        await _run_click(runtime, ack, body, context, respond, Recover(text=text), text=text,
                         source_key=key)

    @app.action("pick_scenario")
    @app.action("pick_scenario_other")
    async def pick_scenario(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                            context: AsyncBoltContext, respond: AsyncRespond) -> None:
        chosen = action.get("selected_option") if action.get("action_id") == "pick_scenario_other" \
            else action
        number, _, scenario = text_at(chosen if isinstance(chosen, dict) else {}, "value").partition(":")
        command = ChangeScenario(number_in(number, "the case number"), scenario)
        await _run_click(runtime, ack, body, context, respond, command)

    @app.action("words_language")
    async def words_language(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                             context: AsyncBoltContext, respond: AsyncRespond) -> None:
        chosen = mapping_at(action, "selected_option")
        number, _, language = text_at(chosen, "value").partition(":")
        if language not in WORD_LANGUAGES:
            raise MalformedPayload("the language is not one we could have offered")
        command = SwitchLanguage(number_in(number, "the case number"), language)
        await _run_click(runtime, ack, body, context, respond, command)

    @app.action("resolve")
    async def resolve(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext) -> None:
        number = number_in(text_at(action, "value"), "the case number")
        trigger_id = text_at(body, "trigger_id")
        await ack()
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        card = await runtime.amends.run(incoming, ShowCase(number))
        if not isinstance(card, CaseCard):
            return
        view = resolve_modal(card.case, ROOT_CAUSES, OUTCOMES)
        runtime.background.run(context.client.views_open(trigger_id=trigger_id, view=view),
                               "resolve modal")

    @app.view("resolve_case")
    async def resolved(ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext) -> None:
        values = mapping_at(view, "state", "values")
        command = CaseAction(number_in(text_at(view, "private_metadata"), "the case number"), "resolve",
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
        message = mapping_at(shortcut, "message")
        trigger_id = text_at(body, "trigger_id")
        metadata = json.dumps({"channel": channel_of(body), "ts": optional_text(message, "ts")})
        await ack()
        _open_report(runtime, context, trigger_id, plain_text(optional_text(message, "text")), metadata)

    @app.shortcut("report_new")
    async def report_new(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext) -> None:
        trigger_id = text_at(body, "trigger_id")
        await ack()
        _open_report(runtime, context, trigger_id, "", json.dumps({"channel": "", "ts": ""}))

    @app.view("report_case")
    async def reported(ack: AsyncAck, view: dict[str, Any], context: AsyncBoltContext) -> None:
        values = mapping_at(view, "state", "values")
        text = _typed(values, "text") or ""
        typed_reference = _typed(values, "reference")
        scenario = _selected(values, "scenario")
        origin = object_in(optional_text(view, "private_metadata"), "the form's metadata")
        reference = parse_reference(typed_reference) if typed_reference else None
        if typed_reference and reference is None:
            await ack(response_action="errors",
                      errors={"reference": "Write it like room 214, table 7, #88231 or ABC123."})
            return
        channel = origin.get("channel")
        incoming = await runtime.incoming(context, text,
                                          channel=channel if isinstance(channel, str) and channel else "modal")
        reply = await runtime.amends.report(incoming, text,
                                            reference=reference.normalised if reference else None,
                                            scenario_id=scenario)
        if not isinstance(reply, Reported):
            message = reply.text if isinstance(reply, Notice) else "Could not report that."
            await ack(response_action="errors", errors={"text": message[:150]})
            return
        _, blocks = suggestion_blocks(reply)
        await ack(response_action="update", view={
            "type": "modal", "title": {"type": "plain_text", "text": f"Case #{reply.case.number}"},
            "close": {"type": "plain_text", "text": "Done"}, "blocks": blocks[:100]})


def _case_button(runtime: SlackRuntime, verb: CaseVerb) -> Any:
    async def clicked(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                      context: AsyncBoltContext, respond: AsyncRespond) -> None:
        number, _, index = text_at(action, "value").partition(":")
        option = _option(index) if index else None
        command = CaseAction(number_in(number, "the case number"), verb, option=option)
        await ack()
        incoming = await runtime.incoming(context, "", channel=channel_of(body))
        reply = await runtime.amends.run(incoming, command)
        _answer_click(runtime, body, respond, reply)

    clicked.__name__ = f"clicked_{verb}"
    return clicked


async def _run_click(runtime: SlackRuntime, ack: AsyncAck, body: dict[str, Any],
                     context: AsyncBoltContext, respond: AsyncRespond, command: Command, *,
                     text: str = "", source_key: str | None = None) -> None:
    """Acknowledge, run the command as the clicker, and answer the clicker."""
    await ack()
    incoming = await runtime.incoming(context, text, channel=channel_of(body), source_key=source_key)
    reply = await runtime.amends.run(incoming, command)
    _answer_click(runtime, body, respond, reply, always=True)


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


def _option(index: str) -> int:
    """Buttons carry the option's index from 0; commands and the core count from 1."""
    if not (index.isascii() and index.isdigit()) or int(index) >= MAX_OPTIONS:
        raise MalformedPayload("the option is not one we could have offered")
    return int(index) + 1


def _input(values: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """One input's state (block_id and action_id are the same word); empty when absent."""
    block = values.get(name)
    if block is None:
        return {}
    if not isinstance(block, Mapping) or not isinstance(block.get(name) or {}, Mapping):
        raise MalformedPayload(f"state.values.{name} is not an object")
    return block.get(name) or {}


def _selected(values: Mapping[str, Any], name: str) -> str | None:
    chosen = _input(values, name).get("selected_option")
    if chosen is None:
        return None
    if not isinstance(chosen, Mapping):
        raise MalformedPayload(f"state.values.{name}.selected_option is not an object")
    return text_at(chosen, "value")


def _typed(values: Mapping[str, Any], name: str) -> str | None:
    value = optional_text(_input(values, name), "value")
    return value.strip() or None
