"""The `amends` command as a user and a script run it: real processes, real SQLite files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from store.migrate import head_revision
from tests.postgres import PostgresServer

REQUIRED = {"scenario", "runner_up", "confidence", "failure", "safety", "language", "also",
            "apology", "explanation", "compensation", "needs_approval", "escalate"}


def amends(*args: str, stdin: str = "", env: dict[str, str] | None = None,
           ) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "handlers.cli", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])


def test_suggest_json_prints_one_object_and_writes_no_case(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = amends("suggest", "--json", "guest in 214 says the room was not cleaned",
                    env={"AMENDS_DATABASE_URL": f"sqlite:///{db}"})
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= REQUIRED
    assert answer["scenario"] == "room_not_ready" and answer["failure"] is True
    assert all(set(option) == {"id", "kind", "description", "value", "currency", "correction",
                               "estimated"}
               for option in answer["compensation"] + answer["needs_approval"])
    assert not db.exists()


def test_suggest_role_changes_what_is_on_the_spot() -> None:
    text = "we overbooked and have no room for the guy who booked months ago"
    frontline = json.loads(amends("suggest", "--json", text).stdout)
    manager = json.loads(amends("suggest", "--json", text, "--role", "manager").stdout)
    assert len(manager["compensation"]) > len(frontline["compensation"])
    assert manager["needs_approval"] == []


def test_suggest_jsonl_answers_every_line_in_order() -> None:
    lines = [json.dumps({"text": "tbl 7 burger cold"}), "{broken json",
             json.dumps({"text": "kid had an allergic reaction to the nuts", "role": "manager"}),
             json.dumps({"text": "   "}), json.dumps({"text": "tv arrived cracked", "role": "chef"}),
             json.dumps(["not", "an", "object"])]
    result = amends("suggest", "--jsonl", "--role", "supervisor", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 6
    assert answers[0]["scenario"] == "food_quality" and answers[0]["role"] == "supervisor"
    assert "error" in answers[1] and "error" in answers[3] and "error" in answers[5]
    assert "chef" in answers[4]["error"]
    assert answers[2]["scenario"] == "safety_incident" and answers[2]["escalate"] is True
    assert answers[2]["compensation"] == []


def test_console_report_resolve_lookup_end_to_end(tmp_path: Path) -> None:
    db = tmp_path / "console.db"
    session = "\n".join([
        "/recover guest in 214 says the room was not cleaned",
        "/case 1 offer 2",
        "/case 1 offer 3",
        "/role manager",
        "/case 1 offer 3",
        "/case 1 resolve process recovered moved her to 512",
        "/case room 214",
        "/case 1",
        "/quit",
    ]) + "\n"
    result = amends("console", "--user", "ann", stdin=session,
                    env={"AMENDS_DATABASE_URL": f"sqlite:///{db}"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Case #1 logged: room not ready" in out
    assert "Say:" in out and "room 214" in out
    assert "Recorded on case #1: Drinks at the bar" in out
    assert "needs a supervisor or above" in out
    assert "Case #1 resolved (root cause: process)" in out
    assert "#1 room not ready · resolved · room 214" in out
    assert "Traceback" not in out + result.stderr
    with sqlite3.connect(db) as conn:
        row = conn.execute("select status, root_cause, outcome, given_cents, customer_ref, reporter_id"
                           " from cases").fetchone()
        kinds = [r[0] for r in conn.execute("select kind from case_events order by id")]
    assert row == ("resolved", "process", "recovered", 7500, "room 214", "ann")
    assert kinds == ["reported", "words", "offered", "offered", "resolved", "outcome_recorded"]


def test_console_survives_bad_lines(tmp_path: Path) -> None:
    session = "\n".join(["", "/recover", "x" * 40_000, "/case 7", "/case 1 outcome great",
                         "/role chef", "\x00\x01\x02", "/whoami"]) + "\n"
    result = amends("console", "--user", "bob", stdin=session,
                    env={"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"})
    assert result.returncode == 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "Tell me what went wrong" in result.stdout
    assert "keep it under 4,000" in result.stdout
    assert "No case #7" in result.stdout
    assert "isn't a role here" in result.stdout
    assert "You are bob, role frontline" in result.stdout


def test_broken_playbook_is_refused_at_start(tmp_path: Path) -> None:
    broken = tmp_path / "playbook.toml"
    broken.write_text('currency = "USD"\n[[roles]]\nname = "frontline"\n')
    result = amends("suggest", "--json", "cold soup", env={"AMENDS_PLAYBOOK": str(broken)})
    assert result.returncode == 2
    assert str(broken) in result.stderr and "roles[0].limit: is missing" in result.stderr
    assert result.stdout == ""


def test_db_upgrade_on_postgresql(postgres: PostgresServer) -> None:
    postgres.psql("CREATE DATABASE amends_cli")
    env = {"AMENDS_DATABASE_URL": postgres.url("amends_cli")}
    upgraded = amends("db", "upgrade", env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    current = amends("db", "current", env=env)
    assert current.stdout.strip() == head_revision()


def test_console_refuses_a_postgresql_schema_that_was_never_upgraded(postgres: PostgresServer) -> None:
    postgres.psql("CREATE DATABASE amends_empty")
    result = amends("console", stdin="/quit\n", env={"AMENDS_DATABASE_URL": postgres.url("amends_empty")})
    assert result.returncode == 2 and "amends db upgrade" in result.stderr


def test_unreachable_database_is_a_clear_error() -> None:
    result = amends("console", stdin="/quit\n",
                    env={"AMENDS_DATABASE_URL": "postgresql://amends@127.0.0.1:1/none"})
    assert result.returncode == 2 and "unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_settings_and_database_files_are_one_line_with_the_fix(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are my notes, not a database\n" * 200)
    secret_config = tmp_path / "amends.toml"
    secret_config.write_text('[teams]\napp_password = "hunter2-secret"\n')
    cases = [
        ({"AMENDS_LOG_LEVEL": "LOUD"}, "AMENDS_LOG_LEVEL: 'LOUD' is not a log level; use one of DEBUG"),
        ({"AMENDS_PORT": "http"}, "AMENDS_PORT: 'http' is not a port number"),
        ({"AMENDS_CONFIG": str(tmp_path)}, "must name a readable UTF-8 TOML file"),
        ({"AMENDS_CONFIG": str(secret_config)}, "teams.app_password: secrets come from the environment only"),
        ({"AMENDS_DATABASE_URL": f"sqlite:///{not_a_database}"}, "cannot be used (file is not a database)"),
        ({"AMENDS_DATABASE_URL": f"sqlite:///{not_a_database}/inside/amends.db"}, "check AMENDS_DATABASE_URL"),
    ]
    for env, message in cases:
        for command in (("db", "current"), ("console",)):
            result = amends(*command, stdin="/quit\n", env=env)
            assert result.returncode == 2, (env, command, result.stderr)
            assert message in result.stderr and result.stderr.count("\n") == 1, (env, result.stderr)
            assert "Traceback" not in result.stderr and "hunter2" not in result.stderr
            assert result.stdout == ""


def test_purge_and_forget_help_say_what_they_delete_and_how_a_reference_is_matched() -> None:
    forget = amends("forget", "--help")
    purge = amends("purge", "--help")
    assert forget.returncode == 0 and purge.returncode == 0
    text = " ".join(forget.stdout.split())
    assert "customer reference is REFERENCE" in text and '"rm214"' in text
    assert "Cases that only mention it in their text, under another reference, are not touched" in text
    assert "--dry-run" in forget.stdout and "--by NAME" in forget.stdout
    assert "open or not" in " ".join(purge.stdout.split()) and "--workspace" in purge.stdout
