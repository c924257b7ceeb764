"""The chat commands as people type them on a phone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.commands import (
    CaseAction,
    CommandError,
    DigestRequest,
    FindCases,
    FollowUp,
    Help,
    Recover,
    ShowCase,
    parse_command,
)


def test_plain_text_is_a_report_only_if_it_reads_as_one_and_recover_always_is() -> None:
    assert parse_command("the soup was cold") == Recover(text="the soup was cold", explicit=False)
    assert parse_command("recover the soup was cold") == Recover(text="the soup was cold")
    assert parse_command("/recover the soup was cold") == Recover(text="the soup was cold")


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


@pytest.mark.parametrize(("text", "expected"), [
    ("case 42", ShowCase(42)),
    ("Case #42.", ShowCase(42)),
    ("case room 214", FindCases("reference", "room 214")),
    ("case rm214", FindCases("reference", "room 214")),
    ("case room no 214", FindCases("reference", "room 214")),
    ("case order #88231", FindCases("reference", "order 88231")),
    ("case ABC123", FindCases("reference", "booking ABC123")),
    ("case mine", FindCases("mine")),
    ("case open", FindCases("open")),
    ("case digest day", DigestRequest("day")),
    ("case help", Help()),
    ("case", Help()),
    ("help", Help()),
    ("Help?", Help()),
    ("recover table 7 burger came out cold", Recover(text="table 7 burger came out cold")),
    ('recover soup was cold ref="Table 12"', Recover(text="soup was cold", reference="table 12")),
    ("nudge 7 done", FollowUp(7, None)),
    ("nudge 7 snooze tomorrow", FollowUp(7, "tomorrow")),
    ("case 42 offer 2", CaseAction(42, "offer", option=2)),
    ("case 42 take", CaseAction(42, "take")),
    ("case 42 resolve people recovered waiter was rude",
     CaseAction(42, "resolve", outcome="recovered", root_cause="people", note="waiter was rude")),
    ("resolve 42 process", CaseAction(42, "resolve", root_cause="process")),
    ("escalate #42 guest wants the GM", CaseAction(42, "escalate", note="guest wants the GM")),
    ("approve 42", CaseAction(42, "approve")),
    ("outcome 42 lost", CaseAction(42, "outcome", outcome="lost")),
    ("take 42", CaseAction(42, "take")),
])
def test_teams_users_type_commands_without_the_slash(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize("text", [
    "case of wine was broken",
    "case of wine",
    "case 12 of water missing from the delivery",
    "case 42 is still open and the guest is angry",
    "case table 7 cold",
    "case room 214 tv is broken",
    "case mine was lost on the way",
    "case open bar tab charged twice",
    "case digest of complaints",
    "case 1234567890123",
    "help me the soup is cold",
    "help, the soup is cold",
    "helpful waiter but the soup was cold",
    "nudge the chef about table 4",
    "nudge 7 later please",
    "take 2 coffees off the bill for table 9",
    "offer 2 free drinks to table 5",
    "approve 3 more towels for room 5",
    "outcome was bad, guest left angry",
    "resolve this asap the tv in 214 is broken",
    "escalate: guest in 214 is furious",
    "the case 42 burger was cold",
    "recovered the lost bag for room 12 but guest still upset",
    "cased the joint, found the fridge broken",
])
def test_near_misses_without_a_slash_are_reports(text: str) -> None:
    assert parse_command(text) == Recover(text=text, explicit=False)


def test_a_slash_still_makes_a_mistyped_command_an_error_not_a_report() -> None:
    with pytest.raises(CommandError):
        parse_command("/case of wine was broken")
    assert parse_command("/help me") == Help()
