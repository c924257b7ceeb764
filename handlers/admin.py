"""`amends purge` (retention) and `amends forget` (one customer's erasure request).

Both work on one workspace at a time (purge on each workspace in turn when none is named),
both leave an audit row (who, when, what, how many rows), both have `--dry-run`, and both print
counts only, never a line of customer text.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Coroutine, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from bot.clock import SystemClock
from bot.references import parse_reference

if TYPE_CHECKING:  # the database layer loads when a command runs, not when `amends` starts
    from bot.playbook import Playbook
    from bot.settings import Settings
    from store.db import Database
    from store.retention import Erasure

FORGET_HELP = """Erase one customer's reports on request: every case of the workspace whose
customer reference is REFERENCE, with its history, offers, messages and outbox rows. The
reference is read the way `/case room 214` reads it ("Room 214", "rm214" and "room #214" are
all room 214; "#88231" is order 88231; ABC123 is booking ABC123), and matched against the
reference each case was filed under. Cases that only mention it in their text, under another
reference, are not touched: look them up with `/case` and purge them if needed. The audit row
keeps a fingerprint of the reference, not the reference."""

PURGE_HELP = """Delete every case reported before DATE (midnight in the workspace's time zone),
open or not, with its history, offers, messages and outbox rows. Case numbers are never reused."""


class AdminError(ValueError):
    """A one-line explanation of a bad argument; nothing was deleted."""


def add_admin_parsers(commands: Any) -> None:
    """Registers `purge` and `forget` on the `amends` subcommands (argparse's _SubParsersAction)."""
    purge = commands.add_parser("purge", help="delete cases reported before a retention date",
                                description=PURGE_HELP)
    purge.add_argument("--before", required=True, type=_day, metavar="YYYY-MM-DD",
                       help="cases reported before this day go")
    purge.add_argument("--workspace", help="only this workspace (default: each workspace in turn)")
    _common(purge)
    purge.set_defaults(run=run_purge)

    forget = commands.add_parser("forget", help="erase one customer's reports, by customer reference",
                                 description=FORGET_HELP)
    forget.add_argument("reference", metavar="REFERENCE", help='the customer reference, e.g. "room 214"')
    forget.add_argument("--workspace", required=True, help="the workspace id")
    _common(forget)
    forget.set_defaults(run=run_forget)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", metavar="NAME", help="who asked for it, for the audit (default: your login)")
    parser.add_argument("--dry-run", action="store_true", help="count what would go; delete nothing")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD, "
                                         "like 2025-01-01") from None


def run_purge(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    return _run("purge", args, lambda: _purge(settings.database_url, args))


def run_forget(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    found = parse_reference(args.reference)
    if found is None:
        print(f"amends forget: '{args.reference.strip()[:40]}' isn't a customer reference I can read; "
              'write it like "room 214", "table 7", "order 88231" or a booking code like ABC123',
              file=sys.stderr)
        return 2
    return _run("forget", args, lambda: _forget(settings.database_url, args, found.normalised),
                subject=f"reference {found.normalised}")


def _run(command: str, args: argparse.Namespace, work: Callable[[], Coroutine[Any, Any, list[Erasure]]],
         subject: str | None = None) -> int:
    """Exit 0 with one summary line per workspace; 2 with one line on stderr, nothing deleted."""
    import asyncio

    from sqlalchemy.exc import IntegrityError

    try:
        erasures = asyncio.run(work())
    except AdminError as error:
        print(f"amends {command}: {error}", file=sys.stderr)
        return 2
    except IntegrityError:
        print(f"amends {command}: a case changed while it was being deleted (is `amends serve` "
              "busy with it?); nothing was deleted, run it again", file=sys.stderr)
        return 2
    for erasure in erasures:
        print(summary(erasure, dry_run=args.dry_run, subject=subject))
    return 0


def summary(erasure: Erasure, *, dry_run: bool, subject: str | None = None) -> str:
    """One line: counts per table, the audit row; never customer text. `subject` names what
    was asked for when the audit's scope does not (a forget's reference, as it was read)."""
    others = {name: count for name, count in erasure.rows.items() if name != "cases" and count}
    withal = f" and {sum(others.values())} row(s) with them ({_counts(others)})" if others else ""
    what = f"{erasure.cases} case(s){withal}; {subject or erasure.scope}"
    if dry_run:
        return f"workspace {erasure.workspace}: would delete {what}. Dry run: nothing deleted"
    return f"workspace {erasure.workspace}: deleted {what}. Audit #{erasure.audit_id}"


def _counts(rows: dict[str, int]) -> str:
    return ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in sorted(rows.items()))


def _actor(args: argparse.Namespace) -> str:
    if args.by is not None:
        actor = " ".join(str(args.by).split())
        if not actor or len(actor) > 255:
            raise AdminError("--by: give the name of whoever asked for it (1 to 255 characters)")
        return actor
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise AdminError("cannot tell who you are from the system; say it with --by NAME") from None


async def _purge(url: str, args: argparse.Namespace) -> list[Erasure]:
    before: date = args.before
    if before > date.today():
        raise AdminError(f"--before {before.isoformat()} is in the future; purge deletes cases "
                         "reported before a day that has come, e.g. a year ago")
    from store.db import Database

    actor = _actor(args)
    database = Database(url)
    try:
        await database.ensure_current(auto_upgrade=database.is_sqlite)
        targets = await _workspaces(database, args.workspace)
        return [await _purge_one(database, workspace, before, actor, args.dry_run) for workspace in targets]
    finally:
        await database.dispose()


async def _purge_one(database: Database, workspace: str, before: date, actor: str,
                     dry_run: bool) -> Erasure:
    from bot.digest import zone
    from store.cases import workspace_timezone
    from store.retention import purge_before

    tz = await database.run(lambda conn: workspace_timezone(conn, workspace)) or "UTC"
    try:
        start = datetime.combine(before, time(0), tzinfo=zone(tz))
    except ValueError as error:
        raise AdminError(f"workspace '{workspace}': {error}") from None
    shown = f"{before.isoformat()} ({tz})"
    now = SystemClock().now()
    return await database.run(lambda conn: purge_before(
        conn, workspace, start, actor=actor, now=now, shown_before=shown, dry_run=dry_run))


async def _forget(url: str, args: argparse.Namespace, reference: str) -> list[Erasure]:
    from store.db import Database
    from store.retention import forget_reference

    actor = _actor(args)
    database = Database(url)
    try:
        await database.ensure_current(auto_upgrade=database.is_sqlite)
        (workspace,) = await _workspaces(database, args.workspace)
        now = SystemClock().now()
        return [await database.run(lambda conn: forget_reference(
            conn, workspace, reference, actor=actor, now=now, dry_run=args.dry_run))]
    finally:
        await database.dispose()


async def _workspaces(database: Database, named: str | None) -> Sequence[str]:
    from store.retention import workspace_ids

    known = await database.run(workspace_ids)
    if named is None:
        if not known:
            raise AdminError("the database has no workspaces yet; nothing to purge")
        return known
    if named not in known:
        hint = f"; workspaces: {', '.join(known[:10])}" if known else "; the database has none yet"
        raise AdminError(f"no workspace '{named}' in the database{hint}")
    return [named]
