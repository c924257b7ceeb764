"""`amends suggest --json TEXT` and `--jsonl`: the engine for scripts. Writes no case.

Standard output carries only JSON, one answer per input line in order; a line that cannot be
read gets {"error": ...} so answers stay aligned with their inputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from bot.engine import OfflineEngine
from bot.reports import ReportError, clean_report
from handlers.console.jsonout import suggestion_json


def suggest_one(engine: OfflineEngine, text: str, role: str) -> dict[str, Any]:
    if not engine.playbook.has_role(role):
        return {"error": f"role '{role}' is not in the playbook; roles: "
                         f"{', '.join(engine.playbook.role_names)}"}
    try:
        cleaned = clean_report(text)
    except ReportError as error:
        return {"error": str(error)}
    return suggestion_json(engine.suggest(cleaned, engine.playbook.role(role)))


def suggest_lines(engine: OfflineEngine, lines: Iterable[str], role: str, out: TextIO) -> int:
    count = 0
    for line in lines:
        if not line.strip():
            continue
        out.write(json.dumps(_answer_line(engine, line, role), ensure_ascii=False) + "\n")
        out.flush()
        count += 1
    return count


def _answer_line(engine: OfflineEngine, line: str, role: str) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except ValueError as error:
        return {"error": f"not a JSON object: {error}"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": "each line must be a JSON object with a \"text\" string"}
    line_role = item.get("role") or role
    if not isinstance(line_role, str):
        return {"error": "\"role\" must be a string"}
    return suggest_one(engine, item["text"], line_role)
