"""The `amends` command: console, suggest, serve, export, purge, forget, db. Logs go to stderr;
stdout is for answers. Whatever goes wrong ends as one line saying what to do, never a
traceback, and nothing printed or logged holds a secret or a card number."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import secrets
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DatabaseError

from bot.core import Amends
from bot.engine import OfflineEngine
from bot.playbook import Playbook, PlaybookError, load_playbook
from bot.redact import RedactingFilter, redact
from bot.schedules import ScheduleError
from bot.settings import Settings, SettingsError
from handlers.admin import add_admin_parsers
from handlers.console.chat import ConsoleSession, console_user, read_stdin, run_chat
from handlers.console.export import add_export_parser
from handlers.console.suggest import suggest_lines, suggest_one
from store.db import Database, DatabaseUnavailable, SchemaBehind
from store.urls import DatabaseUrlError, shown_url

log = logging.getLogger("amends")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings: Settings | None = None
    try:
        settings = Settings.load()
        _logging(settings)
        playbook = load_playbook(settings.playbook)
        result: int = args.run(args, settings, playbook)
        return result
    except (PlaybookError, SettingsError, DatabaseUrlError, SchemaBehind, ScheduleError) as error:
        print(f"amends: {error}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as error:
        print(f"amends: the database is unreachable ({error}); check AMENDS_DATABASE_URL",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # whoever read our output stopped reading (`| head`): nothing to say
        return 0
    except (OSError, DatabaseError) as error:
        print(f"amends: {_trouble(error, settings)}", file=sys.stderr)
        return 2
    except Exception as error:  # the last resort: one line and a reference, the details in the log
        return _unexpected(error, settings)


def _logging(settings: Settings) -> None:
    logging.basicConfig(stream=sys.stderr, level=settings.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLogger().level))
    scrubber = RedactingFilter(settings.secret_values())
    for handler in logging.getLogger().handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(old)
        handler.addFilter(scrubber)


def _trouble(error: OSError | DatabaseError, settings: Settings | None) -> str:
    """A file or the database could not be used. Of a database error only the driver's first
    line is shown: the rest of SQLAlchemy's message quotes the statement and its parameters,
    which may hold customer text."""
    if isinstance(error, OSError):
        reason = f"{error.strerror or type(error).__name__}: '{error.filename}'" if error.filename else (
            error.strerror or type(error).__name__)
        database = bool(error.filename) and settings is not None and str(error.filename) in settings.database_url
    else:
        reason = (str(error.orig) if error.orig is not None else type(error).__name__).splitlines()[0]
        database = True
    if not database or settings is None:
        return f"{reason}; check the path and its permissions"
    return (f"the database at '{shown_url(settings.database_url)}' cannot be used ({reason}); check "
            "AMENDS_DATABASE_URL: the file's folder must exist and be writable, and the file must be "
            "an Amends database")


def _unexpected(error: Exception, settings: Settings | None) -> int:
    """The message may quote customer text or a secret, so only its kind is printed; the
    details go to the (scrubbed) log at DEBUG."""
    reference = secrets.token_hex(4)
    log.debug("unexpected error, reference %s: %s", reference,
              redact(str(error), settings.secret_values() if settings else ()), exc_info=error)
    print(f"amends: something went wrong on our side ({type(error).__name__}, reference {reference}). "
          "Run it again with AMENDS_LOG_LEVEL=DEBUG to see the details, and quote the reference "
          "when you report it.", file=sys.stderr)
    return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="amends", description="Service recovery for frontline staff.")
    commands = parser.add_subparsers(dest="command", required=True)

    console = commands.add_parser("console", help="chat with Amends in the terminal")
    console.add_argument("--role", help="the role you act as (default: the lowest role)")
    console.add_argument("--user", help="your user name (default: your login)")
    console.set_defaults(run=_console)

    suggest = commands.add_parser("suggest", help="print the engine's answer as JSON; writes no case")
    mode = suggest.add_mutually_exclusive_group(required=True)
    mode.add_argument("--json", metavar="TEXT", help="one report")
    mode.add_argument("--jsonl", action="store_true", help='read {"text","role"} lines from stdin')
    suggest.add_argument("--role", help="the role to answer for (default: the lowest role)")
    suggest.set_defaults(run=_suggest)

    serve = commands.add_parser("serve", help="run the Slack app (HTTP on AMENDS_PORT, or Socket Mode)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")
    serve.set_defaults(run=_serve)

    add_export_parser(commands)
    add_admin_parsers(commands)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply the migrations").set_defaults(run=_db_upgrade)
    db_commands.add_parser("current", help="print the schema revision").set_defaults(run=_db_current)
    return parser


def _suggest(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    engine = OfflineEngine(playbook)
    role = args.role or playbook.lowest_role.name
    if args.jsonl:
        suggest_lines(engine, sys.stdin, role, sys.stdout)
        return 0
    answer = suggest_one(engine, args.json, role)
    print(json.dumps(answer, ensure_ascii=False))
    return 1 if "error" in answer else 0


def _console(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    role = args.role or settings.console_role or playbook.lowest_role.name
    if not playbook.has_role(role):
        print(f"amends: role '{role}' is not in the playbook; roles: "
              f"{', '.join(playbook.role_names)}", file=sys.stderr)
        return 2

    async def chat() -> None:
        database = await _open_database(settings)
        try:
            amends = Amends(playbook=playbook, database=database,
                            timezones=settings.timezones)
            session = ConsoleSession(amends, settings.console_workspace,
                                     args.user or console_user(), role)
            await run_chat(session, read_stdin, print)
        finally:
            await database.dispose()

    asyncio.run(chat())
    return 0


def _serve(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    from handlers.serve import serve

    asyncio.run(serve(settings, playbook, host=args.host))
    return 0


async def _open_database(settings: Settings) -> Database:
    database = Database(settings.database_url)
    await database.ensure_current(auto_upgrade=database.is_sqlite)
    return database


def _db_upgrade(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    async def upgrade() -> str:
        database = Database(settings.database_url)
        try:
            return await database.upgrade()
        finally:
            await database.dispose()

    print(f"database at revision {asyncio.run(upgrade())}", file=sys.stderr)
    return 0


def _db_current(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    async def current() -> str | None:
        database = Database(settings.database_url)
        try:
            return await database.revision()
        finally:
            await database.dispose()

    print(asyncio.run(current()) or "(empty database)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
