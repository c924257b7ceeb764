"""The playbook an admin edits: the default one, and broken ones refused with a clear reason."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bot.playbook import PlaybookError, default_playbook_path, load_playbook

SCENARIOS = {"late_delivery", "long_wait", "wrong_item", "missing_item", "damaged_item",
             "food_quality", "room_not_ready", "room_comfort", "special_request_missed",
             "billing_error", "booking_problem", "staff_behavior", "out_of_stock",
             "safety_incident", "other"}

MINIMAL = """
currency = "EUR"
[[roles]]
name = "frontline"
limit = 20
[[roles]]
name = "manager"
limit = 200
[scenarios.other]
description = "Anything"
team = "desk"
severity = "low"
resolve_within = "1d"
item = "your visit"
problem = "not right"
apology = "Sorry about {item}{at_reference}."
explanation = "We will look into it."
[[scenarios.other.compensation]]
kind = "free_item"
description = "Coffee"
value = 3.5
lowest_role = "frontline"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "playbook.toml"
    path.write_text(text)
    return path


def test_default_playbook_has_exactly_the_fifteen_scenarios() -> None:
    playbook = load_playbook()
    assert set(playbook.scenarios) == SCENARIOS
    assert playbook.role_names == ("frontline", "supervisor", "manager")
    assert playbook.scenarios["safety_incident"].escalate
    assert not any(s.escalate for k, s in playbook.scenarios.items() if k != "safety_incident")
    assert all(s.team in playbook.teams for s in playbook.scenarios.values())


def test_a_minimal_playbook_written_now_loads_without_later_fields(tmp_path: Path) -> None:
    playbook = load_playbook(write(tmp_path, MINIMAL))
    assert playbook.currency == "EUR"
    other = playbook.scenarios["other"]
    assert other.compensation[0].value == Decimal("3.50")
    assert other.nudges == () and other.approval_window is None and playbook.teams == {}


@pytest.mark.parametrize(("change", "field", "problem"), [
    (("limit = 20", "limt = 20"), "roles[0].limt", "unknown field"),
    (('lowest_role = "frontline"', 'lowest_role = "chef"'),
     "scenarios.other.compensation[0].lowest_role", "'chef' is not a role"),
    (('resolve_within = "1d"', 'resolve_within = "soon"'), "scenarios.other.resolve_within",
     "not a duration"),
    (("Sorry about {item}", "Sorry about {guest_name}"), "scenarios.other.apology",
     "unknown placeholder {guest_name}"),
    (('severity = "low"', 'severity = "meh"'), "scenarios.other.severity", "must be one of"),
    (("value = 3.5", "value = -3"), "scenarios.other.compensation[0].value", "zero or more"),
    (('currency = "EUR"', 'currency = "euros"'), "currency", "3-letter"),
    (("limit = 200", "limit = 10"), "roles[1].limit", "lower limit"),
    (('explanation = "We will look into it."', ""), "scenarios.other.explanation", "is missing"),
])
def test_broken_playbook_is_refused_with_file_field_and_problem(
        tmp_path: Path, change: tuple[str, str], field: str, problem: str) -> None:
    path = write(tmp_path, MINIMAL.replace(*change))
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    assert error.value.field == field
    assert problem in error.value.problem
    assert str(path) in str(error.value)


def test_playbook_that_is_not_toml_or_missing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="not valid TOML"):
        load_playbook(write(tmp_path, "currency = "))
    with pytest.raises(PlaybookError, match="not found"):
        load_playbook(tmp_path / "nope.toml")


def test_fallback_scenario_must_exist(tmp_path: Path) -> None:
    text = MINIMAL.replace("[scenarios.other]", "[scenarios.misc]").replace(
        "[[scenarios.other.compensation]]", "[[scenarios.misc.compensation]]")
    with pytest.raises(PlaybookError, match="fallback_scenario"):
        load_playbook(write(tmp_path, text))


def test_default_playbook_file_documents_its_format() -> None:
    text = default_playbook_path().read_text()
    for word in ("max_ratio_of_paid", "[[roles]]", "lowest_role", "{at_reference}", "nudges"):
        assert word in text
