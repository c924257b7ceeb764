"""Shared fixtures and checks for the Block Kit tests: realistic records, and validation with
slack-sdk's own models."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.records import CaseRecord, EventRecord, OfferRecord
from bot.replies import Reported

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HOSTILE = "<!channel> <!here> <@U123> <https://evil.example|click me> & table 7 burger came out cold"
UNSAFE = ("<!channel>", "<!here>", "<@U123>", "<https://evil")

Message = tuple[str, list[dict[str, Any]]]


def make_case(number: int = 42, **changes: Any) -> CaseRecord:
    case = CaseRecord(
        id=number + 1000, workspace_id="T0HOTEL", number=number, status="open",
        scenario="food_quality", confidence=0.91, runner_up=None, team="kitchen", severity="low",
        text="table 7 burger came out cold, guest is annoyed", customer_ref="table 7",
        amount_paid_cents=4500, currency="USD", given_cents=0, reporter_id="U07FRONT1",
        reporter_role="frontline", owner_id="U07FRONT1", platform="slack", channel_id="C07FLOOR",
        source_key="Ev123", root_cause=None, outcome=None, resolution_note=None, created_at=AT,
        due_at=AT + timedelta(minutes=30), resolved_at=None)
    return dataclasses.replace(case, **changes)


def make_offer(case: CaseRecord, index: int = 2, status: str = "pending", **changes: Any) -> OfferRecord:
    offer = OfferRecord(
        id=7, case_id=case.id, workspace_id=case.workspace_id, option_index=index, kind="refund",
        description="Refund the meal", value_cents=4500, currency="USD", status=status,
        requested_by="U07FRONT1", decided_by=None, created_at=AT + timedelta(minutes=5),
        decided_at=None)
    return dataclasses.replace(offer, **changes)


def make_event(case: CaseRecord, kind: str, actor: str, detail: str = "", minutes: int = 0) -> EventRecord:
    return EventRecord(id=minutes + 1, case_id=case.id, workspace_id=case.workspace_id, kind=kind,
                       actor_id=actor, actor_role="frontline", platform="slack",
                       channel_id="C07FLOOR", at=AT + timedelta(minutes=minutes), detail=detail)


def reported(engine: OfflineEngine, playbook: Playbook, text: str, role: str = "frontline",
             **changes: Any) -> Reported:
    suggestion = engine.suggest(text, playbook.role(role))
    case = make_case(text=text, scenario=suggestion.scenario.id, team=suggestion.scenario.team,
                     confidence=suggestion.classification.confidence,
                     runner_up=suggestion.classification.runner_up, **changes)
    return Reported(case=case, suggestion=suggestion)


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def valid_message(answer: Message) -> list[dict[str, Any]]:
    """Every block parses and validates with slack_sdk, and stays within Slack's limits."""
    fallback, blocks = answer
    assert fallback and len(fallback) <= 3000
    assert 0 < len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, block
        parsed.validate_json()
        assert parsed.to_dict()  # validates every nested element too
    within_limits(blocks)
    block_ids = [block["block_id"] for block in blocks if "block_id" in block]
    assert len(block_ids) == len(set(block_ids))
    return blocks


def valid_view(view: dict[str, Any]) -> dict[str, Any]:
    parsed = View(**view)
    parsed.validate_json()
    assert parsed.to_dict()
    assert 0 < len(view["blocks"]) <= 100
    within_limits(view["blocks"])
    return view


def within_limits(blocks: list[dict[str, Any]]) -> None:
    for node in walk(blocks):
        if node.get("type") in ("mrkdwn", "plain_text"):
            assert len(node["text"]) <= 3000
        if node.get("type") == "header":
            assert len(node["text"]["text"]) <= 150
        if node.get("type") == "button":
            assert len(node["text"]["text"]) <= 75 and len(node["value"]) <= 2000
        if node.get("type") == "plain_text_input":
            assert node.get("max_length", 3000) <= 3000
            assert len(node.get("initial_value", "")) <= node.get("max_length", 3000)
        if node.get("type") == "actions":
            ids = [element["action_id"] for element in node["elements"]]
            assert len(ids) == len(set(ids))


def buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    return [(node["action_id"], node["value"], node.get("style"))
            for node in walk(blocks) if node.get("type") == "button"]


def text_of(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def assert_safe(answer: Message) -> None:
    fallback, blocks = answer
    for unsafe in UNSAFE:
        assert unsafe not in fallback
        assert unsafe not in text_of(blocks)


# --- text -----------------------------------------------------------------------------------
