"""`amends export --workspace W --since YYYY-MM-DD [--format csv] [--output FILE]`.

One workspace at a time, cases reported since local midnight of `--since` in the workspace's
time zone, as CSV on stdout (or FILE). A bad argument is one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # the database layer loads when the export runs, not when `amends` starts
    from sqlalchemy import Connection

    from store.db import Database

FORMATS = ("csv",)


class ExportError(ValueError):
    """A one-line explanation of a bad argument."""


def add_export_parser(commands: Any) -> None:
    """Registers `export` on the `amends` subcommands (argparse's _SubParsersAction)."""
    export = commands.add_parser("export", help="cases of one workspace as CSV, for spreadsheets")
    export.add_argument("--workspace", help="the workspace id (required)")
    export.add_argument("--since", help="first day, YYYY-MM-DD, in the workspace's time zone (required)")
    export.add_argument("--format", default="csv", help="csv (the only format for now)")
    export.add_argument("--output", help="write to FILE instead of standard output")
    export.set_defaults(run=run_export)


def parse_since(text: str | None) -> date:
    if not text:
        raise ExportError("--since is required: the first day to export, as YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ExportError(f"--since '{text}' is not a date; write it as YYYY-MM-DD, "
                          "like 2026-11-01") from None


def _check(args: argparse.Namespace) -> tuple[str, date]:
    if (args.format or "csv").lower() not in FORMATS:
        raise ExportError(f"--format '{args.format}' is not supported; the only format is csv")
    if not args.workspace:
        raise ExportError("--workspace is required: the id of the workspace to export")
    return str(args.workspace), parse_since(args.since)


def run_export(args: argparse.Namespace, settings: Any, playbook: Any) -> int:
    """Exit 0 with the CSV written; 2 with one line on stderr when an argument is wrong."""
    import asyncio

    try:
        workspace, since = _check(args)
        rows = asyncio.run(_export(settings.database_url, workspace, since,
                                   getattr(args, "output", None)))
    except ExportError as error:
        print(f"amends export: {error}", file=sys.stderr)
        return 2
    print(f"amends export: {rows} case(s) of {workspace} since {since.isoformat()}", file=sys.stderr)
    return 0


async def _export(url: str, workspace: str, since: date, output: str | None) -> int:
    from bot.digest import zone
    from store.cases import workspace_timezone
    from store.db import Database
    from store.retention import workspace_ids

    database = Database(url)
    try:
        await database.ensure_current(auto_upgrade=database.is_sqlite)
        tz = await database.run(lambda conn: workspace_timezone(conn, workspace))
        if tz is None:
            known = await database.run(workspace_ids)
            listed = ", ".join(known[:20]) + (" …" if len(known) > 20 else "")
            raise ExportError(f"no workspace '{workspace}' in the database; it has: "
                              f"{listed or 'none yet'} (the console's cases are in 'console')")
        try:
            start = datetime.combine(since, time(0), tzinfo=zone(tz))
        except ValueError as error:
            raise ExportError(f"workspace '{workspace}': {error}") from None
        if output is None:
            return await database.run(lambda conn: _write(conn, workspace, start, sys.stdout, tz))
        return await _to_file(database, Path(output), workspace, start, tz)
    finally:
        await database.dispose()


async def _to_file(database: Database, path: Path, workspace: str, start: datetime, tz: str) -> int:
    """Written beside the target and renamed into place, so a failed export leaves no half file."""
    if path.parent and not path.parent.is_dir():
        raise ExportError(f"--output: folder '{path.parent}' does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            rows = await database.run(lambda conn: _write(conn, workspace, start, out, tz))
        os.replace(temporary, path)
        return rows
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write(conn: Connection, workspace: str, start: datetime, out: TextIO, tz: str) -> int:
    from bot.export import export_cases_csv

    rows = export_cases_csv(conn, workspace, start, out, tz=tz)
    out.flush()
    return rows
