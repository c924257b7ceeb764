"""The chat commands as people type them on a phone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.commands import CaseAction, CommandError, FindCases, Help, Recover, ShowCase, parse_command


def test_plain_text_is_a_report_like_a_dm() -> None:
    assert parse_command("the soup was cold") == Recover(text="the soup was cold")


def test_recover_takes_an_explicit_reference_and_amount_paid() -> None:
    command = parse_command('/recover soup was cold ref="Table 12" paid=$18.50')
    assert command == Recover(text="soup was cold", reference="table 12", paid=Decimal("18.50"))


@pytest.mark.parametrize(("text", "expected"), [
    ("/case 42", ShowCase(42)),
    ("/case #42", ShowCase(42)),
    ("/case mine", FindCases("mine")),
    ("/case open", FindCases("open")),
    ("/case room 214", FindCases("reference", "room 214")),
    ("/case rm214", FindCases("reference", "room 214")),
    ("/case #88231", ShowCase(88231)),
    ("/case ABC123", FindCases("reference", "booking ABC123")),
    ("/case", Help()),
    ("/case help", Help()),
    ("/case 42 offer 2", CaseAction(42, "offer", option=2)),
    ("/resolve 42 recovered people was rude", CaseAction(42, "resolve", outcome="recovered",
                                                         root_cause="people", note="was rude")),
    ("/case 42 resolve cause=system", CaseAction(42, "resolve", root_cause="system")),
    ("/case 42 outcome LOST", CaseAction(42, "outcome", outcome="lost")),
    ("/escalate 42 guest wants the GM", CaseAction(42, "escalate", note="guest wants the GM")),
    ("/case 42 approve", CaseAction(42, "approve")),
])
def test_commands_parse(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(("text", "hint"), [
    ("/case 42 outcome great", "recovered, partly or lost"),
    ("/case 42 resolve recovered", "root cause"),
    ("/case 42 offer two", "/case 42 offer 1"),
    ("/case 42 dance", "resolve"),
    ("/case what is this", "/case open"),
    ("/frobnicate", "/case help"),
])
def test_mistyped_commands_say_what_to_type(text: str, hint: str) -> None:
    with pytest.raises(CommandError) as error:
        parse_command(text)
    assert hint in str(error.value)
