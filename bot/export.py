"""Cases as CSV, for people who live in spreadsheets: one workspace at a time.

Written with the csv module (every cell quoted, so commas, quotes and line breaks in a report
survive a round trip), times in the workspace's time zone, money as a plain decimal beside its
currency. A cell that starts with =, +, -, @, a tab or a carriage return (also after leading
spaces) gets a leading single quote, so a spreadsheet shows a customer's text instead of
running it as a formula.
"""

from __future__ import annotations

import csv
from datetime import datetime
from typing import TextIO

from sqlalchemy import Connection

from bot.digest import local, zone
from bot.money import from_cents
from bot.records import CaseRecord
from store import digests as store

HEADER = ("number", "created", "status", "scenario", "team", "customer_ref", "reporter", "owner",
          "text", "given", "currency", "root_cause", "outcome", "resolved", "corrected")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """`cell`, or `'cell` when a spreadsheet would read it as a formula."""
    if cell.startswith(FORMULA_STARTS) or cell.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _time(moment: datetime | None, tz: str) -> str:
    return "" if moment is None else f"{local(moment, tz):%Y-%m-%d %H:%M}"


def case_row(case: CaseRecord, tz: str) -> list[str]:
    cells = [str(case.number), _time(case.created_at, tz), case.status, case.scenario, case.team,
             case.customer_ref or "", case.reporter_id, case.owner_id, case.text,
             str(from_cents(case.given_cents)), case.currency, case.root_cause or "",
             case.outcome or "", _time(case.resolved_at, tz), str(from_cents(case.corrected_cents))]
    return [neutralise(cell) for cell in cells]


def export_cases_csv(conn: Connection, workspace: str, since: datetime, out: TextIO, *,
                     tz: str = "UTC") -> int:
    """Writes the header and one row per case of `workspace` reported at or after `since`
    (aware; UTC stored), by case number; returns the number of case rows written."""
    zone(tz)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    written = 0
    for case in store.cases_since(conn, workspace, since):
        writer.writerow(case_row(case, tz))
        written += 1
    return written
