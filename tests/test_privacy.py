"""Customer data and secrets: a card number typed into a report is never stored, shown or logged
(only its last four), and no password or token is ever printed, however broken the setting."""

from __future__ import annotations

import io
import json
import logging
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, select

from bot.core import Amends
from bot.redact import RedactingFilter, mask_cards
from bot.replies import Reported
from bot.reports import clean_report
from store.db import Database
from store.models import Base
from store.urls import DatabaseUrlError, runtime_url, shown_url
from tests.amends_cli import run_amends
from tests.conftest import say

# (as typed, its digits): the test cards of the networks, spelt the ways people type them.
CARDS = [
    ("4242 4242 4242 4242", "4242424242424242"),
    ("4242-4242-4242-4242", "4242424242424242"),
    ("4242424242424242", "4242424242424242"),
    ("4242  4242  4242  4242", "4242424242424242"),
    ("4242 - 4242 - 4242 - 4242", "4242424242424242"),
    ("4242–4242–4242–4242", "4242424242424242"),
    ("4242.4242.4242.4242", "4242424242424242"),
    ("4242\u00a04242\u00a04242\u00a04242", "4242424242424242"),
    ("3782 822463 10005", "378282246310005"),
    ("378282246310005", "378282246310005"),
    ("5555 5555 5555 4444", "5555555555554444"),
    ("2223 0031 2200 3222", "2223003122003222"),
    ("6011-1111-1111-1117", "6011111111111117"),
    ("3056 9309 0259 04", "30569309025904"),
    ("4222222222222", "4222222222222"),
    ("3530 1113 3330 0000", "3530111333300000"),
    ("6250 9410 0652 8599 123", "6250941006528599123"),
]
SURVIVORS = [
    "order 4242424242424241 never arrived",             # 16 digits, fails Luhn
    "order #88231 arrived late",
    "ticket 1234567890123 was lost",                      # 13 digits, fails Luhn
    "call her back on +1 415 555 2671",
    "call her back on +44 7946 0958 1234 567",
    "call her back on 0044 20 7946 0958",
    "tracking 12345678901234567890123 shows nothing",    # too long for a card
    "booking ABC4242424242424242 was double booked",      # part of a code
    "paid 1234.56 on 2026-11-20 at 09:00 for room 214, table 7",
]


def holds(text: str, digits: str) -> bool:
    return digits in re.sub(r"\D", "", text) or digits[:12] in re.sub(r"\D", "", text)


@pytest.mark.parametrize(("typed", "digits"), CARDS)
def test_a_card_number_in_a_report_is_masked_to_its_last_four(typed: str, digits: str) -> None:
    cleaned = clean_report(f"guest says we charged card {typed} twice for the minibar")
    assert not holds(cleaned, digits)
    assert f"charged card •••• •••• •••• {digits[-4:]} twice for the minibar" in cleaned


def test_card_numbers_around_other_numbers_and_security_codes() -> None:
    assert (mask_cards("card 4242 4242 4242 4242 exp 12/27 cvv 123, room 214")
            == "card •••• •••• •••• 4242 exp 12/27 cvv •••, room 214")
    assert (mask_cards("two cards: 4242424242424242 5555555555554444.")
            == "two cards: •••• •••• •••• 4242 •••• •••• •••• 4444.")
    assert mask_cards("(4242 4242 4242 4242)") == "(•••• •••• •••• 4242)"
    assert mask_cards("card:4242424242424242, CVC: 9876") == "card:•••• •••• •••• 4242, CVC: •••"
    assert mask_cards("４２４２ ４２４２ ４２４２ ４２４２") == "•••• •••• •••• ４２４２"


@pytest.mark.parametrize("text", SURVIVORS)
def test_order_and_phone_numbers_that_are_not_cards_survive(text: str) -> None:
    assert clean_report(text) == text


def _every_value(conn: Connection) -> list[str]:
    return [str(value) for table in Base.metadata.sorted_tables
            for row in conn.execute(select(table)) for value in row if value is not None]


async def test_a_card_in_a_report_is_stored_nowhere(amends: Amends, database: Database) -> None:
    reply = await amends.handle(say("/recover guest in 214 says we charged 4242-4242-4242-4242 twice "
                                    "for a room that was not cleaned"))
    spotted = await amends.report(say("feedback", channel="C_FEEDBACK"),
                                  "Awful stay, and you billed my card 5555 5555 5555 4444 twice!", spotted=True)
    assert isinstance(reply, Reported) and isinstance(spotted, Reported)
    for command in ("/case 1 offer 1", "/case 1 request 3", "/case 1 escalate charged twice"):
        await amends.handle(say(command))

    stored = await database.run(_every_value)

    assert not any(holds(value, "4242424242424242") or holds(value, "5555555555554444") for value in stored)
    assert "guest in 214 says we charged •••• •••• •••• 4242 twice for a room that was not cleaned" in stored
    assert reply.case.customer_ref == "room 214"
    assert not holds(reply.suggestion.apology + reply.suggestion.explanation, "4242424242424242")


def test_console_cards_digest_export_and_debug_logs_never_show_the_card(tmp_path: Path) -> None:
    env = {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'amends.db'}", "AMENDS_LOG_LEVEL": "DEBUG"}
    session = ("/recover table 7 steak was raw and we charged card 4242 4242 4242 4242 twice\n"
               "/case 1\n/case open\n/case digest day\n/quit\n")
    console = run_amends("console", "--user", "ann", stdin=session, env=env)
    export = run_amends("export", "--workspace", "console", "--since", "2020-01-01", env=env)

    assert console.returncode == 0 and export.returncode == 0, console.stderr + export.stderr
    for shown in (console.stdout, console.stderr, export.stdout, export.stderr):
        assert not holds(shown, "4242424242424242")
    assert "Case #1 logged" in console.stdout and "•••• •••• •••• 4242" in export.stdout
    with sqlite3.connect(tmp_path / "amends.db") as conn:
        assert conn.execute("select text from cases").fetchone()[0].endswith("•••• •••• •••• 4242 twice")


def test_suggest_output_never_holds_the_card() -> None:
    one = run_amends("suggest", "--json", "room 214 guest says card 4242 4242 4242 4242 was charged twice")
    many = run_amends("suggest", "--jsonl", stdin=json.dumps(
        {"text": "order #88231 late and card 3782-822463-10005 charged twice"}) + "\n")
    assert one.returncode == 0 and many.returncode == 0, one.stderr + many.stderr
    assert json.loads(one.stdout)["customer_ref"] == "room 214"
    assert not holds(one.stdout + one.stderr, "4242424242424242")
    assert not holds(many.stdout + many.stderr, "378282246310005")


def test_log_lines_are_scrubbed_of_secrets_passwords_and_cards() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(RedactingFilter(["xoxb-bot-secret-1", "teams-pass-1"]))
    logger = logging.getLogger("tests.privacy")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("token %s and url %s", "xoxb-bot-secret-1", "postgresql://amends:db-pass-1@db/amends")
        try:
            raise RuntimeError("charged 4242 4242 4242 4242 with teams-pass-1")
        except RuntimeError:
            logger.exception("failed for %s", "card 5555-5555-5555-4444")
    finally:
        logger.removeHandler(handler)
    logged = out.getvalue()
    for secret in ("xoxb-bot-secret-1", "teams-pass-1", "db-pass-1"):
        assert secret not in logged
    assert not holds(logged, "4242424242424242") and not holds(logged, "5555555555554444")
    assert "postgresql://amends:***@db/amends" in logged and "RuntimeError" in logged


@pytest.mark.parametrize(("url", "reason"), [
    ("postgresql://amends:pa ss-word-1@127.0.0.1:port/db", "the port 'port' is not a number"),
    ("postgresql://amends:hunter2-secret@db.example.com:notaport/db", "the port 'notaport' is not a number"),
    ("postgresql://amends:hunter2-secret@db.example.com:99999/db", "the port '99999' is not a number"),
    ("postgresql://amends:hunter2@secret@db.example.com/db", "more than one '@'"),
    ("postgresql://amends:hunter2-secret@[::1/db", "the host is not readable"),
    ("postgresql://amends@db.example.com/db?password=hunter2-secret", "put the password in the user part"),
    ("postgres ql://amends:hunter2-secret@db/db", "is not a database URL"),
    ("hunter2-secret", "is not a database URL"),
    ("mysql://amends:hunter2-secret@db/db", "must be sqlite:///FILE or postgresql://"),
])
def test_a_malformed_database_url_never_prints_its_password(url: str, reason: str) -> None:
    password = "pa ss-word-1" if "pa ss" in url else "hunter2"
    for command in (("db", "current"), ("purge", "--before", "2025-01-01", "--dry-run")):
        result = run_amends(*command, env={"AMENDS_DATABASE_URL": url})
        assert result.returncode == 2, (command, result.stderr)
        assert reason in result.stderr and "AMENDS_DATABASE_URL" in result.stderr
        assert password not in result.stdout + result.stderr and "secret" not in result.stderr
        assert "Traceback" not in result.stderr
    with pytest.raises(DatabaseUrlError) as refused:
        runtime_url(url)
    assert password not in str(refused.value)


def test_an_unreachable_database_never_prints_its_password() -> None:
    result = run_amends("db", "current", env={
        "AMENDS_DATABASE_URL": "postgresql://amends:hunter2-secret@127.0.0.1:1/none",
        "SLACK_BOT_TOKEN": "xoxb-bot-secret-1", "AMENDS_LOG_LEVEL": "DEBUG"})
    assert result.returncode == 2 and "unreachable" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout and "xoxb-bot-secret-1" not in result.stderr
    assert "Traceback" not in result.stderr


def test_urls_are_shown_with_the_password_hidden() -> None:
    assert shown_url("postgresql://amends:s3cret@db:5432/amends") == "postgresql://amends:***@db:5432/amends"
    assert shown_url("postgresql://amends:p%40ss@db/amends") == "postgresql://amends:***@db/amends"
    assert shown_url("postgresql://amends:pa/ss@db/amends") == "postgresql://amends:***@db/amends"
    assert shown_url("postgresql://amends:p@ss@db/amends") == "postgresql://amends:***@db/amends"
    assert shown_url("postgresql://amends:secret@db:port/amends") == "postgresql://amends:***@db:port/amends"
    assert shown_url("postgresql://amends@db/amends") == "postgresql://amends@db/amends"
    assert shown_url("sqlite:///var/amends.db") == "sqlite:///var/amends.db"
    assert shown_url("just-a-password") == "(not a URL)"
    assert repr(runtime_url("postgresql://amends:s3cret@db/amends")).count("s3cret") == 0


async def test_a_card_number_given_as_the_customer_reference_is_refused(amends: Amends,
                                                                       database: Database) -> None:
    for typed in ('ref="4242 4242 4242 4242"', "ref=4242424242424242", "ref=#5555-5555-5555-4444"):
        reply = await amends.handle(say(f"/recover table 7 soup was cold {typed}"))
        assert not isinstance(reply, Reported)
    assert (await amends.handle(say('/recover table 7 soup was cold ref="room 214"'))).case.customer_ref \
        == "room 214"  # type: ignore[union-attr]
    stored = await database.run(_every_value)
    assert not any(holds(value, "4242424242424242") or holds(value, "5555555555554444") for value in stored)


async def test_a_card_number_in_a_note_or_reason_is_masked_too(amends: Amends, database: Database) -> None:
    await amends.handle(say("/recover guest in 214 says the room was not cleaned"))
    await amends.handle(say("/case 1 escalate she read out her card 4242 4242 4242 4242 on the phone"))
    await amends.handle(say("/case 1 resolve process recovered refunded to 5555-5555-5555-4444", role="manager"))
    stored = await database.run(_every_value)
    assert not any(holds(value, "4242424242424242") or holds(value, "5555555555554444") for value in stored)
    assert "refunded to •••• •••• •••• 4444" in stored


def test_a_malformed_log_call_still_reaches_logging_s_own_error_handling() -> None:
    record = logging.LogRecord("tests.privacy", logging.INFO, __file__, 1, "%s and %s", ("one",), None)
    assert RedactingFilter(["secret-1"]).filter(record) is True
    assert record.args == ("one",)


def test_a_report_full_of_card_numbers_masks_every_one() -> None:
    masked = mask_cards("4242 4242 4242 4242 " * 200)
    assert masked.count("•••• •••• •••• 4242") == 200 and not re.search(r"\d{5}|\d{4}[ -]\d", masked)


@pytest.mark.parametrize("typed", [
    "anna.b@example.com", "anna.b @ example.com", "anna(at)example(dot)com", "ANNA@EXAMPLE.CO.UK",
    "+44 20 7946 0958", "+44-20-7946-0958", "(555) 123-4567", "555.123.4567", "06 12 34 56 78",
    "0612345678", "0049 30 1234567", "4242 4242 4242 4242", "4242-4242-4242-4242",
])
def test_contact_details_and_cards_are_masked_before_a_report_leaves_for_a_model(typed: str) -> None:
    from bot.redact import mask_contact

    masked = mask_contact(f"guest at table 7 paid 84.50 at 19:30, reach her on {typed} please")
    assert typed not in masked and "table 7" in masked and "84.50" in masked and "19:30" in masked
