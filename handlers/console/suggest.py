"""`amends suggest --json "TEXT"` and `amends suggest --jsonl < reports.jsonl`: the engine for
scripts. Writes no case, opens no database.

Standard output carries only JSON. `--jsonl` answers exactly one line per input line, in order,
so answer n is about input line n (`paste`, `wc -l` and a spreadsheet agree): a line it cannot
read (blank, not UTF-8, not a JSON object with a "text" string, an unknown role) gets
{"error": "..."} saying what to write instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import secrets
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.engine import OfflineEngine
    from bot.playbook import Playbook
    from bot.settings import Settings

log = logging.getLogger("amends.suggest")

USAGE = ('amends suggest --json [--role ROLE] "TEXT"  |  '
         "amends suggest --jsonl [--role ROLE] < reports.jsonl")
EXAMPLE = "guest in 214 says the room was not cleaned"
LINE_SHAPE = '{"text": "what happened", "role": "supervisor"} ("role" optional)'


def add_suggest_parser(commands: Any) -> None:
    """Registers `suggest` on the `amends` subcommands (argparse's _SubParsersAction).

    `--json` and `--jsonl` are flags and TEXT is positional, so options come in any order:
    `suggest --json --role manager "TEXT"` and `suggest "TEXT" --role manager --json` agree.
    """
    suggest = commands.add_parser(
        "suggest", help="print the engine's answer as JSON; writes no case", usage=USAGE,
        description="The engine's answer for one report (--json) or for each line of standard "
                    f"input (--jsonl, one JSON object a line: {LINE_SHAPE}). Writes no case.",
        epilog='A report that starts with "-" goes after --: amends suggest --json -- "-5C in room 12"')
    suggest.add_argument("--json", action="store_true", help="answer TEXT with one JSON object")
    suggest.add_argument("--jsonl", action="store_true",
                         help="answer each line of standard input with one JSON line, in order")
    suggest.add_argument("--role", help="the role to answer for (default: the lowest role)")
    suggest.add_argument("--language", help="the words in this language (en, es, fr, de, pt) "
                                            "instead of the report's")
    suggest.add_argument("--paid", help="what the customer paid (45.50, '84,50 €')")
    suggest.add_argument("--amount", help="the amount in question (a duplicate charge)")
    suggest.add_argument("text", nargs="?", metavar="TEXT", help="the report, in quotes (--json)")
    suggest.set_defaults(run=run_suggest)


def run_suggest(args: argparse.Namespace, settings: Settings, playbook: Playbook) -> int:
    """Exit 0 with the answer(s) on stdout; 1 when the one --json report got an error answer;
    2 with one line on stderr when the command itself is wrong (nothing read)."""
    problem = _misuse(args)
    if problem:
        print(f"amends suggest: {problem}", file=sys.stderr)
        return 2
    from bot.engine import OfflineEngine

    engine = OfflineEngine(playbook)
    role = args.role or playbook.lowest_role.name
    amounts = _amounts(args)
    if isinstance(amounts, str):
        print(f"amends suggest: {amounts}", file=sys.stderr)
        return 2
    engine_options = {"language": args.language, **amounts}
    if settings.llm_base_url:  # each report waits at most the deadline, then the offline words
        engine_options["settings"] = settings
    if args.jsonl:
        if sys.stdin.isatty():
            print("amends suggest: reading one JSON object a line from standard input "
                  "(end with Ctrl-D)", file=sys.stderr)
        suggest_lines(engine, sys.stdin.buffer, role, sys.stdout, engine_options)
        return 0
    answer = suggest_one(engine, args.text, role, engine_options)
    print(json.dumps(answer, ensure_ascii=False), flush=True)
    return 1 if "error" in answer else 0


def _amounts(args: argparse.Namespace) -> dict[str, Any] | str:
    from bot.money import parse_amount

    found: dict[str, Any] = {}
    for name, key in (("paid", "paid"), ("amount", "disputed")):
        raw = getattr(args, name, None)
        if raw is None:
            continue
        try:
            found[key] = parse_amount(raw)
        except ValueError as error:
            return f"--{name}: {error}"
    return found


def _misuse(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, said with the fix; None when it is usable."""
    if args.json == args.jsonl:
        return f"say how to answer, --json for one report or --jsonl for lines on standard input: {USAGE}"
    if args.json and args.text is None:
        return f'give the report to answer, in quotes: amends suggest --json "{EXAMPLE}"'
    if args.language is not None and args.language not in ("en", "es", "fr", "de", "pt"):
        return f"--language {args.language}: use one of en, es, fr, de, pt"
    if args.jsonl and args.text is not None:
        return ("--jsonl reads the reports from standard input, one JSON object a line "
                f"({LINE_SHAPE}); drop \"{_shown(args.text)}\" or use --json for one report")
    return None


def stray_words(args: argparse.Namespace, extra: list[str]) -> str:
    """What to say when words are left over after parsing: an unknown option, or a report
    typed without quotes."""
    options = [word for word in extra if word.startswith("-")]
    if options:
        return (f"unknown option {options[0]}; suggest takes --json, --jsonl, --role ROLE, "
                f"--language, --paid and --amount "
                f"(a report that starts with '-' goes after --): {USAGE}")
    words = " ".join([args.text or "", *extra]).strip()
    return f'the report must be one argument; put it in quotes: amends suggest --json "{_shown(words)}"'


def _shown(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."


def suggest_one(engine: OfflineEngine, text: str, role: str,
                options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The answer for one report, or {"error": ...} saying what to change."""
    from bot.reports import ReportError, clean_report
    from handlers.console.jsonout import suggestion_json

    if not engine.playbook.has_role(role):
        return {"error": f"role '{role}' is not in the playbook; use one of: "
                         f"{', '.join(engine.playbook.role_names)}"}
    if not _is_text(text):
        return {"error": "the report holds something that is not text (bytes that are not UTF-8, "
                         "or a lone \\ud800-style escape); send it as UTF-8 text"}
    try:
        cleaned = clean_report(text)
    except ReportError as error:
        return {"error": str(error)}
    options = dict(options or {})
    settings = options.pop("settings", None)
    suggestion = engine.suggest(cleaned, engine.playbook.role(role), **options)
    if settings is not None:
        suggestion = _with_model_words(suggestion, settings)
    return suggestion_json(suggestion)


def _with_model_words(suggestion: Any, settings: Any) -> Any:
    """The endpoint's words for this report, through the guard, within the deadline; the
    offline words, marked "standard answer", when they don't come or are refused."""
    import asyncio
    import copy
    import dataclasses

    from bot.core import STANDARD_ANSWER
    from bot.suggestion import with_words
    from handlers.llm import llm_writer

    async def write() -> Any:
        writer = llm_writer(settings)
        assert writer is not None
        try:
            return await writer.write(copy.deepcopy(suggestion.brief))
        finally:
            await writer.client.close()

    try:
        words = asyncio.run(write())
    except Exception as error:  # late, failing or refused: the offline words stand
        log.info("suggest: the endpoint's words were not used: %s", type(error).__name__)
        note = " ".join(filter(None, (STANDARD_ANSWER, suggestion.words.note)))
        return with_words(suggestion, dataclasses.replace(suggestion.words, note=note))
    return with_words(suggestion, words)


def suggest_lines(engine: OfflineEngine, lines: Iterable[bytes], role: str, out: IO[str],
                  options: dict[str, Any] | None = None) -> int:
    """One answer line per input line, blank and unreadable ones included; returns the count.

    Lines are split at b"\\n" only (a lone carriage return or a Unicode line separator inside a
    line does not start another answer) and decoded one by one, so one line that is not UTF-8
    costs only its own answer.
    """
    count = 0
    for number, raw in enumerate(lines, start=1):
        try:
            answer = _answer_line(engine, raw, number, role, options)
        except Exception as error:  # one line's trouble must not cost the lines after it
            answer = {"error": f"line {number}: {_our_fault(error)}"}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()  # a script feeding us line by line reads each answer as it comes
        count += 1
    return count


def _is_text(text: str) -> bool:
    """Whether `text` is real Unicode text (no lone surrogates), which every later step needs."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _our_fault(error: Exception) -> str:
    """An unexpected failure, said the way `amends` says it: kind and reference here, details in
    the (scrubbed) log at DEBUG, never the message, which may quote the report."""
    reference = secrets.token_hex(4)
    log.debug("suggest: unexpected error, reference %s", reference, exc_info=error)
    return (f"something went wrong on our side ({type(error).__name__}, reference {reference}); "
            "the other lines are answered. Run it again with AMENDS_LOG_LEVEL=DEBUG to see the "
            "details, and quote the reference when you report it")


def _answer_line(engine: OfflineEngine, raw: bytes, number: int, role: str,
                 options: dict[str, Any] | None = None) -> dict[str, Any]:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        return {"error": f"line {number} is not UTF-8 text; save the file as UTF-8"}
    if not line.strip():
        return {"error": f"line {number} is blank; write one JSON object a line: {LINE_SHAPE}"}
    try:
        item = json.loads(line)
    except ValueError as error:
        why = f"{error.msg} at character {error.pos + 1}" if isinstance(error, json.JSONDecodeError) \
            else "a number too long to read"
        return {"error": f"line {number} is not JSON ({why}); write one JSON object a line: "
                         f"{LINE_SHAPE}"}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"error": f"line {number} has no \"text\" string; write one JSON object a line: "
                         f"{LINE_SHAPE}"}
    line_role = item.get("role") or role
    if not isinstance(line_role, str):
        return {"error": f"line {number}: \"role\" must be a string, like \"supervisor\""}
    answer = suggest_one(engine, item["text"], line_role, options)
    if "error" in answer:
        return {"error": f"line {number}: {answer['error']}"}
    return answer
