"""Slack's documented Block Kit limits, and the error answers for blocks/arguments that break them."""

from __future__ import annotations

from typing import Any

JsonDict = dict[str, Any]


def plain_text(text: Any) -> str:
    if isinstance(text, dict):
        return str(text.get("text", ""))
    return "" if text is None else str(text)


MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100


def block_errors(blocks: Any, *, limit: int = MAX_MESSAGE_BLOCKS) -> list[str]:
    """Violations of Slack's documented Block Kit limits (empty list = acceptable)."""
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    errors: list[str] = []
    if len(blocks) > limit:
        errors.append(f"no more than {limit} items allowed [json-pointer:/blocks]")
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"[json-pointer:/blocks/{i}]"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(f"block must be an object with a type {where}")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if len(str(block_id)) > 255:
                errors.append(f"must be less than 256 characters {where}/block_id")
            if block_id in seen:
                errors.append(f"duplicate block_id {block_id!r} {where}/block_id")
            seen.add(str(block_id))
        kind = block["type"]
        if kind == "section":
            text = block.get("text")
            if text is None and not block.get("fields"):
                errors.append(f"section needs text or fields {where}")
            if len(plain_text(text)) > 3000:
                errors.append(f"must be less than 3001 characters {where}/text")
            if len(block.get("fields") or []) > 10:
                errors.append(f"no more than 10 items allowed {where}/fields")
        elif kind == "header" and len(plain_text(block.get("text"))) > 150:
            errors.append(f"must be less than 151 characters {where}/text")
        elif kind == "actions":
            elements = block.get("elements") or []
            if not elements:
                errors.append(f"actions block needs elements {where}/elements")
            if len(elements) > 25:
                errors.append(f"no more than 25 items allowed {where}/elements")
        elif kind == "input" and not isinstance(block.get("label"), dict):
            errors.append(f"input block needs a label {where}/label")
        elements = list(block.get("elements") or [])
        if isinstance(block.get("accessory"), dict):
            elements.append(block["accessory"])
        if isinstance(block.get("element"), dict):
            elements.append(block["element"])
        for element in elements:
            if not isinstance(element, dict):
                continue
            if len(str(element.get("action_id", ""))) > 255:
                errors.append(f"must be less than 256 characters {where}/action_id")
            if element.get("type") == "button":
                if len(str(element.get("value", ""))) > 2000:
                    errors.append(f"must be less than 2001 characters {where}/value")
                if len(plain_text(element.get("text"))) > 75:
                    errors.append(f"must be less than 76 characters {where}/text")
    return errors


def invalid_blocks(errors: list[str]) -> JsonDict:
    return {
        "ok": False,
        "error": "invalid_blocks",
        "errors": errors,
        "response_metadata": {"messages": [f"[ERROR] {e}" for e in errors]},
    }


def invalid_arguments(*messages: str) -> JsonDict:
    return {
        "ok": False,
        "error": "invalid_arguments",
        "response_metadata": {"messages": [f"[ERROR] {m}" for m in messages]},
    }
