"""Reading the shipped, hand-written training examples from bot/classifier/data/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

DATA_DIR = Path(__file__).resolve().parent / "data"


def _json_lines(path: Path) -> Iterator[dict[str, object]]:
    """Yield the objects of a JSONL file, skipping lines that are not one (a torn last line)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                yield obj


def _files(pattern: str, data_dir: Path) -> list[Path]:
    # Sorted so the example order, and hence the model, never depends on the file system.
    return sorted(data_dir.glob(pattern))


def read_reports(path: Path) -> list[tuple[str, str]]:
    """(text, scenario) pairs of one reports file."""
    out: list[tuple[str, str]] = []
    for obj in _json_lines(path):
        text, scenario = obj.get("text"), obj.get("scenario")
        if isinstance(text, str) and isinstance(scenario, str) and text.strip():
            out.append((text, scenario))
    return out


def read_feedback(path: Path) -> list[tuple[str, bool]]:
    """(text, is_failure) pairs of one feedback file."""
    out: list[tuple[str, bool]] = []
    for obj in _json_lines(path):
        text, failure = obj.get("text"), obj.get("failure")
        if isinstance(text, str) and isinstance(failure, bool) and text.strip():
            out.append((text, failure))
    return out


def _dedupe(pairs: list[tuple[str, T]]) -> tuple[tuple[str, T], ...]:
    """Drop repeated texts (first label wins) so cross-validation never scores a seen line."""
    seen: set[str] = set()
    out: list[tuple[str, T]] = []
    for text, label in pairs:
        key = " ".join(text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append((text, label))
    return tuple(out)


@cache
def shipped_reports(data_dir: Path = DATA_DIR) -> tuple[tuple[str, str], ...]:
    """All shipped report examples, in a fixed order."""
    pairs: list[tuple[str, str]] = []
    for path in _files("reports-*.jsonl", data_dir):
        pairs.extend(read_reports(path))
    return _dedupe(pairs)


@cache
def shipped_feedback(data_dir: Path = DATA_DIR) -> tuple[tuple[str, bool], ...]:
    """All shipped feedback examples, in a fixed order."""
    pairs: list[tuple[str, bool]] = []
    for path in _files("feedback-*.jsonl", data_dir):
        pairs.extend(read_feedback(path))
    return _dedupe(pairs)
