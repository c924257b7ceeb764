"""Baselines measured in the same run as the project's figures, so ratios mean something."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TOY_KEYWORDS = {
    "late": "late_delivery", "wait": "long_wait", "wrong": "wrong_item", "missing": "missing_item",
    "broken": "damaged_item", "cold": "food_quality", "dirty": "room_not_ready",
    "noise": "room_comfort", "request": "special_request_missed", "charged": "billing_error",
    "reservation": "booking_problem", "rude": "staff_behavior", "sold out": "out_of_stock",
    "allergic": "safety_incident",
}


def toy_classify(text: str) -> str:
    """The bench README's toy keyword table: the least a classifier can do."""
    lowered = text.lower()
    for word, scenario in TOY_KEYWORDS.items():
        if word in lowered:
            return scenario
    return "other"


class StdlibWriter:
    """The bench README's fastest obvious write path: stdlib sqlite3, one connection, a case
    and one audit row per transaction, WAL."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("create table cases (id integer primary key, workspace text, number int,"
                          " scenario text, text text, created_at text)")
        self.conn.execute("create table events (id integer primary key, case_id int, kind text,"
                          " at text)")
        self.number = 0

    def write(self, text: str) -> int:
        self.number += 1
        self.conn.execute("begin")
        cursor = self.conn.execute(
            "insert into cases (workspace, number, scenario, text, created_at) values (?,?,?,?,"
            "datetime('now'))", ("T1", self.number, toy_classify(text), text))
        self.conn.execute("insert into events (case_id, kind, at) values (?, 'reported',"
                          " datetime('now'))", (cursor.lastrowid,))
        self.conn.execute("commit")
        return self.number
