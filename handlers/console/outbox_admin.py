"""`amends outbox`: the messages that failed for good, listed, retried or discarded.

A message fails for good after every retry (a channel that no longer exists, a token revoked).
The digest counts them; this is where an admin sees which they were and decides. Retrying or
discarding leaves an audit row (who, when, which message); nothing here prints customer text.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any


def add_outbox_parser(commands: Any) -> None:
    outbox = commands.add_parser("outbox", help="messages that failed for good: list, retry, discard")
    outbox.add_argument("action", nargs="?", default="list", choices=("list", "retry", "discard"))
    outbox.add_argument("id", nargs="?", type=int, help="the message's number (from `list`)")
    outbox.add_argument("--workspace", help="only this workspace")
    outbox.set_defaults(run=run_outbox)


def run_outbox(args: argparse.Namespace, settings: Any, playbook: Any) -> int:
    import asyncio

    if args.action != "list" and args.id is None:
        print(f"amends outbox: say which message: amends outbox {args.action} 42 "
              "(`amends outbox` lists them)", file=sys.stderr)
        return 2
    return asyncio.run(_run(settings.database_url, args))


async def _run(url: str, args: argparse.Namespace) -> int:
    from bot.clock import SystemClock
    from store.db import Database

    database = Database(url)
    try:
        await database.ensure_current(auto_upgrade=database.is_sqlite)
        if args.action == "list":
            return await database.run(lambda conn: _list(conn, args.workspace))
        now = SystemClock().now()
        return await database.run(lambda conn: _decide(conn, args, now))
    finally:
        await database.dispose()


def _list(conn: Any, workspace: str | None) -> int:
    from store.deliveries import failed_for_good

    failed = failed_for_good(conn, workspace)
    if not failed:
        print("No message failed for good." + (f" (workspace {workspace})" if workspace else ""))
        return 0
    print(f"{len(failed)} message(s) failed for good, newest first:")
    for row, why, when in failed:
        case = f"case id {row.case_id}" if row.case_id is not None else "no case"
        print(f"  {row.id}  {when:%Y-%m-%d %H:%M} UTC  {row.workspace_id}  {row.kind} to "
              f"{row.recipient} ({case}): {why[:120]}")
    print("Retry one with `amends outbox retry N`, or set it aside with `amends outbox discard N`.")
    return 0


def _decide(conn: Any, args: argparse.Namespace, now: Any) -> int:
    from sqlalchemy import insert

    from store.deliveries import discard_failed, retry_failed
    from store.retention import AUDIT

    change = retry_failed if args.action == "retry" else discard_failed
    row = change(conn, args.id, now)
    if row is None or (args.workspace and row.workspace_id != args.workspace):
        print(f"amends outbox: no failed message {args.id}; `amends outbox` lists them",
              file=sys.stderr)
        return 2
    conn.execute(insert(AUDIT).values(
        workspace_id=row.workspace_id, action=f"outbox_{args.action}", actor=_actor(), at=now,
        scope=f"message {row.id} ({row.kind} to {row.recipient})", cases_deleted=0,
        rows_deleted=0, detail=""))
    done = "queued to be sent again" if args.action == "retry" else "set aside"
    print(f"Message {row.id} ({row.kind} to {row.recipient}) {done}.")
    return 0


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:
        return "cli"
