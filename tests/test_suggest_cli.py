"""`amends suggest` as a script runs it: a real process, options in any order, one answer line per
input line, misuse answered with what to type, and nothing loaded that answering does not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.amends_cli import REPO, run_amends

REPORT = "we overbooked and have no room for the guy who booked months ago"
# Libraries `amends suggest` has no use for; importing any of them costs start-up time.
NOT_NEEDED = ("sqlalchemy", "alembic", "asyncpg", "slack_sdk", "slack_bolt", "aiohttp",
              "botbuilder", "openai", "apscheduler", "PIL", "asyncio")


def run_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    """`amends ARGS` fed raw bytes (a file that is not all UTF-8)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
    return subprocess.run([sys.executable, "-m", "handlers.cli", *args], input=stdin,
                          capture_output=True, env=env, timeout=60, cwd=REPO, check=False)


def test_options_come_in_any_order_and_give_the_same_answer() -> None:
    orders = [("suggest", "--json", "--role", "manager", REPORT),
              ("suggest", REPORT, "--role", "manager", "--json"),
              ("suggest", "--role", "manager", "--json", REPORT),
              ("suggest", "--json", REPORT, "--role=manager")]
    results = [run_amends(*order) for order in orders]
    assert all(result.returncode == 0 for result in results), [r.stderr for r in results]
    answers = [json.loads(result.stdout) for result in results]
    assert all(answer == answers[0] for answer in answers)
    assert answers[0]["role"] == "manager" and answers[0]["needs_approval"] == []


def test_a_report_starting_with_a_dash_goes_after_double_dash() -> None:
    result = run_amends("suggest", "--json", "--", "-5C in room 12 and the heating is off")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "room_comfort"


def test_jsonl_answers_exactly_one_line_per_input_line_blank_ones_included() -> None:
    lines = [b'\xef\xbb\xbf{"text": "tbl 7 burger came out cold"}',  # a BOM, as some editors save
             b"",
             b"   \t",
             b'{"text": "guest in 214 says the room was not cleaned", "role": "manager"}\r',
             b"{broken json",
             b'{"text": "caf\xe9 latte was cold"}',  # Latin-1, not UTF-8
             b'["not", "an", "object"]',
             b'{"text": "tv arrived cracked", "role": "chef"}',
             b'{"text": "   "}',
             b'{"text": "kid had an allergic reaction to the nuts", "role": 7}',
             b'{"text": "order 88231 never arrived"}']  # no newline after the last line
    result = run_bytes("suggest", "--jsonl", "--role", "supervisor", stdin=b"\n".join(lines))
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(answers) == len(lines)
    assert answers[0]["scenario"] == "food_quality" and answers[0]["role"] == "supervisor"
    assert answers[3]["scenario"] == "room_not_ready" and answers[3]["role"] == "manager"
    assert answers[10]["scenario"] == "late_delivery"
    errors = {number: answer["error"] for number, answer in enumerate(answers, start=1)
              if "error" in answer}
    assert set(errors) == {2, 3, 5, 6, 7, 8, 9, 10}
    assert all(message.startswith(f"line {number}") for number, message in errors.items())
    assert "blank" in errors[2] and '{"text": ' in errors[2]
    assert "not JSON" in errors[5] and "not UTF-8" in errors[6] and '"text" string' in errors[7]
    assert "chef" in errors[8] and "frontline, supervisor, manager" in errors[8]
    assert "Tell me what went wrong" in errors[9] and '"role" must be a string' in errors[10]


def test_text_that_is_not_unicode_is_an_error_answer_not_a_crash() -> None:
    lines = [b'{"text": "cold soup \\ud800 at t4"}', b'{"text": "tbl 4 soup came out cold"}']
    result = run_bytes("suggest", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    first, second = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert first["error"].startswith("line 1: the report holds something that is not text")
    assert second["scenario"] == "food_quality"
    raw_argument = run_bytes("suggest", "--json", os.fsdecode(b"cold soup \xff at t4"), stdin=b"")
    assert raw_argument.returncode == 1 and b"Traceback" not in raw_argument.stderr
    assert "send it as UTF-8 text" in json.loads(raw_argument.stdout)["error"]


def test_jsonl_of_nothing_answers_nothing() -> None:
    result = run_amends("suggest", "--jsonl", stdin="")
    assert result.returncode == 0 and result.stdout == ""


def test_misuse_is_one_line_saying_what_to_type() -> None:
    cases = [(("suggest",), "amends suggest --json"),
             (("suggest", "--role", "manager"), "amends suggest --jsonl"),
             (("suggest", "--json"), 'amends suggest --json "guest in 214'),
             (("suggest", "--jsonl", "cold soup"), "drop \"cold soup\" or use --json"),
             (("suggest", "--json", "cold", "soup", "at", "t4"), 'amends suggest --json "cold soup at t4"'),
             (("suggest", "--json", "--verbose", "cold soup"), "unknown option --verbose"),
             (("suggest", "--json", "--jsonl", "cold soup"), "--json for one report or --jsonl for lines")]
    for args, fix in cases:
        result = run_amends(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert fix in result.stderr, (args, result.stderr)
        assert result.stdout == "" and "Traceback" not in result.stderr


def test_an_unknown_role_is_a_json_error_naming_the_roles() -> None:
    result = run_amends("suggest", "--json", "--role", "chef", REPORT)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "error": "role 'chef' is not in the playbook; use one of: frontline, supervisor, manager"}


def test_suggest_loads_no_database_chat_platform_or_scheduler_library() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "handlers.cli", "suggest", "--json", REPORT],
        capture_output=True, text=True, timeout=60, cwd=REPO, check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))})
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["scenario"]
    modules = {line.rsplit("|", 1)[1].strip()
               for line in result.stderr.splitlines() if line.startswith("import time:")}
    imported = {module.split(".")[0] for module in modules}
    assert "bot" in imported and "lingua" in imported  # the measure sees what was loaded
    assert imported.isdisjoint(NOT_NEEDED), sorted(imported & set(NOT_NEEDED))
    assert {module for module in modules if module.startswith("store")} <= {"store", "store.urls"}


def test_the_words_follow_the_report_or_the_language_asked_for() -> None:
    spanish = run_amends("suggest", "--json", "mesa 7 la sopa llegó fría")
    assert spanish.returncode == 0, spanish.stderr
    answer = json.loads(spanish.stdout)
    assert (answer["language"], answer["words_language"]) == ("es", "es")
    assert "mesa 7" in answer["apology"]
    french = run_amends("suggest", "--json", "--language", "fr", "table 7 soup cold")
    assert json.loads(french.stdout)["words_language"] == "fr"
    wrong = run_amends("suggest", "--json", "--language", "xx", "table 7 soup cold")
    assert wrong.returncode == 2 and "en, es, fr, de, pt" in wrong.stderr


def test_paid_and_amount_price_the_options() -> None:
    result = run_amends("suggest", "--json", "--amount", "84,50 €", "guest says we charged the card twice")
    refund = next(o for o in json.loads(result.stdout)["compensation"] if o["correction"])
    assert refund["value"] == 84.5
    bad = run_amends("suggest", "--json", "--paid", "lots", "cold soup")
    assert bad.returncode == 2 and "--paid" in bad.stderr


def test_playbook_check_names_the_problem_and_warns_about_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    shipped = run_amends("playbook", "check", "restaurant")
    assert shipped.returncode == 0 and "no warnings" in shipped.stdout, shipped.stdout
    risky = tmp_path / "risky.toml"
    risky.write_text(
        'version = 2\ncurrency = "USD"\n[[roles]]\nname = "frontline"\nlimit = 10\n'
        '[teams.floor]\nname = "Floor"\n'
        '[scenarios.other]\ndescription = "x"\nteam = "floor"\nseverity = "low"\n'
        'resolve_within = "1h"\nitem = "it"\nproblem = "wrong"\n'
        '[scenarios.other.words.en]\napology = "Sorry{at_ref}; you won\'t pay for it."\n'
        'explanation = "We were short-handed tonight."\n', encoding="utf-8")
    warned = run_amends("playbook", "check", str(risky), "--strict")
    assert warned.returncode == 1
    assert "states what staff can't know" in warned.stdout and "promises" in warned.stdout
    broken = tmp_path / "broken.toml"
    broken.write_text('version = 2\ncurrency = "US"\n', encoding="utf-8")
    refused = run_amends("playbook", "check", str(broken))
    assert refused.returncode == 2 and "currency" in refused.stderr
