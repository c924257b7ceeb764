"""The `amends` command: console, suggest, serve, export, purge, forget, db, teams-manifest. Logs go to stderr;
stdout is for answers. Whatever goes wrong ends as one line saying what to do, never a
traceback, and nothing printed or logged holds a secret or a card number.

A command imports what it needs when it runs: `amends suggest` answers in well under a second
because it never loads the database layer (SQLAlchemy, Alembic) or the chat platforms.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import sys
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.playbook import Playbook, load_playbook
from bot.playbook.durations import parse_duration
from bot.redact import RedactingFilter, redact
from bot.settings import Settings
from handlers.admin import add_admin_parsers
from handlers.console.export import add_export_parser
from handlers.console.outbox_admin import add_outbox_parser
from handlers.console.playbook_check import add_playbook_parser
from handlers.console.suggest import add_suggest_parser, stray_words
from store.urls import shown_url

if TYPE_CHECKING:
    from store.db import Database

T = TypeVar("T")
log = logging.getLogger("amends")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if args.command == "suggest":
            print(f"amends suggest: {stray_words(args, extra)}", file=sys.stderr)
            return 2
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    settings: Settings | None = None
    try:
        settings = Settings.load()
        _logging(settings)
        if not getattr(args, "needs_playbook", True):  # `playbook check` loads its own
            return int(args.run(args, settings))
        playbook = load_playbook(settings.playbook)
        result: int = args.run(args, settings, playbook)
        return result
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # whoever read our output stopped reading (`| head`): nothing to say
        return 0
    except Exception as error:
        return _failed(error, settings)


# Errors that are the caller's to fix, each named by (module, class). A class is looked up only
# if its module was imported: an error from a module that never loaded cannot have been raised,
# and naming it up front would load SQLAlchemy and APScheduler for every command.
_REFUSALS = (("bot.playbook.loader", "PlaybookError"), ("bot.settings", "SettingsError"),
             ("store.urls", "DatabaseUrlError"), ("store.db", "SchemaBehind"),
             ("bot.schedules", "ScheduleError"))
_UNAVAILABLE = (("store.db", "DatabaseUnavailable"),)
_DATABASE_ERRORS = (("sqlalchemy.exc", "DatabaseError"),)


def _loaded(names: Sequence[tuple[str, str]]) -> tuple[type[BaseException], ...]:
    """The classes named that exist already (their modules were imported)."""
    found: list[type[BaseException]] = []
    for module_name, class_name in names:
        module = sys.modules.get(module_name)
        kind = getattr(module, class_name, None) if module is not None else None
        if isinstance(kind, type) and issubclass(kind, BaseException):
            found.append(kind)
    return tuple(found)


def _failed(error: Exception, settings: Settings | None) -> int:
    """One line on stderr for what went wrong, and the exit code."""
    if isinstance(error, _loaded(_REFUSALS)):
        print(f"amends: {error}", file=sys.stderr)
        return 2
    if isinstance(error, _loaded(_UNAVAILABLE)):
        print(f"amends: the database is unreachable ({error}); check AMENDS_DATABASE_URL",
              file=sys.stderr)
        return 2
    if isinstance(error, (OSError, *_loaded(_DATABASE_ERRORS))):
        print(f"amends: {_trouble(error, settings)}", file=sys.stderr)
        return 2
    return _unexpected(error, settings)  # the last resort: one line and a reference


def _logging(settings: Settings) -> None:
    logging.basicConfig(stream=sys.stderr, level=settings.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLogger().level))
    scrubber = RedactingFilter(settings.secret_values())
    for handler in logging.getLogger().handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(old)
        handler.addFilter(scrubber)


def _trouble(error: Exception, settings: Settings | None) -> str:
    """A file or the database could not be used. Of a database error only the driver's first
    line is shown: the rest of SQLAlchemy's message quotes the statement and its parameters,
    which may hold customer text."""
    if isinstance(error, OSError):
        reason = f"{error.strerror or type(error).__name__}: '{error.filename}'" if error.filename else (
            error.strerror or type(error).__name__)
        database = bool(error.filename) and settings is not None and str(error.filename) in settings.database_url
    else:  # sqlalchemy.exc.DatabaseError
        orig = getattr(error, "orig", None)
        reason = (str(orig) if orig is not None else type(error).__name__).splitlines()[0]
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

    add_suggest_parser(commands)
    add_playbook_parser(commands)

    serve = commands.add_parser("serve", help="run the Slack app (HTTP on AMENDS_PORT, or Socket Mode)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0)")
    serve.set_defaults(run=_serve)

    add_export_parser(commands)
    add_outbox_parser(commands)
    add_admin_parsers(commands)

    teams = commands.add_parser("teams-manifest", help="write the Teams app package to upload to Teams")
    teams.add_argument("--out", type=Path, default=Path("amends-teams.zip"),
                       help="where to write the zip (default amends-teams.zip)")
    teams.add_argument("--app-id", help="the bot's Microsoft app id, a GUID (default: $MicrosoftAppId)")
    teams.add_argument("--domain", help="the public host name the bot serves, e.g. amends.example.com")
    teams.add_argument("--name", default="Amends", help="the app's name in Teams, 30 characters at most")
    teams.set_defaults(run=_teams_manifest, needs_playbook=False)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply the migrations").set_defaults(run=_db_upgrade)
    db_commands.add_parser("current", help="print the schema revision").set_defaults(run=_db_current)
    return parser


def _console(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    role = args.role or settings.console_role or playbook.lowest_role.name
    if not playbook.has_role(role):
        print(f"amends: role '{role}' is not in the playbook; roles: "
              f"{', '.join(playbook.role_names)}", file=sys.stderr)
        return 2
    from zoneinfo import ZoneInfo

    from bot.core import Amends
    from handlers.console.chat import (
        ConsoleSession,
        console_user,
        enable_line_editing,
        read_stdin,
        run_chat,
    )

    if sys.stdin.isatty():
        enable_line_editing()

    async def chat() -> None:
        database = await _open_database(settings)
        try:
            from handlers.llm import llm_writer

            amends = Amends(playbook=playbook, database=database, writer=llm_writer(settings),
                            timezones=settings.timezones,
                            emergency_numbers=settings.emergency_numbers,
                            unsure_window=parse_duration(settings.unsure_window))
            configured = (settings.timezones.get(settings.console_workspace)
                          or settings.timezones.get("*"))
            session = ConsoleSession(amends, settings.console_workspace,
                                     args.user or console_user(), role,
                                     zone=ZoneInfo(configured) if configured else None)
            await run_chat(session, read_stdin, print)
        finally:
            await database.dispose()

    _run_loop(chat())
    return 0


def _serve(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    from handlers.serve import serve

    _run_loop(serve(settings, playbook, host=args.host))
    return 0


def _teams_manifest(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.teams.manifest import ManifestError, schema_version, write_package

    app_id = (args.app_id or os.environ.get("MicrosoftAppId", "")).strip()  # noqa: SIM112 (Bot Framework's name)
    if not app_id:
        print("amends teams-manifest: no app id; set MicrosoftAppId to the bot's Microsoft app id "
              "(or pass --app-id)", file=sys.stderr)
        return 2
    try:
        path = write_package(args.out, app_id, name=args.name, domain=args.domain)
    except ManifestError as error:
        print(f"amends teams-manifest: the package would not validate: {error}", file=sys.stderr)
        return 2
    print(f"wrote {path}: validated against the Teams app manifest schema v{schema_version()}")
    return 0


def _run_loop(work: Coroutine[Any, Any, T]) -> T:
    """asyncio.run, imported by the commands that need an event loop only."""
    import asyncio

    return asyncio.run(work)


async def _open_database(settings: Settings) -> Database:
    from store.db import Database

    database = Database(settings.database_url)
    await database.ensure_current(auto_upgrade=database.is_sqlite)
    return database


def _db_upgrade(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    from store.db import Database

    async def upgrade() -> str:
        database = Database(settings.database_url)
        try:
            return await database.upgrade()
        finally:
            await database.dispose()

    print(f"database at revision {_run_loop(upgrade())}", file=sys.stderr)
    return 0


def _db_current(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    from store.db import Database

    async def current() -> str | None:
        database = Database(settings.database_url)
        try:
            return await database.revision()
        finally:
            await database.dispose()

    print(_run_loop(current()) or "(empty database)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
