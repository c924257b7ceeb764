"""Reads and validates a playbook file, refusing it with the file, the field and the problem.

Unknown keys are errors (a typo must not silently disable a limit); every key added later is
optional, so playbooks written now keep loading.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from bot.playbook import words_loader
from bot.playbook.durations import parse_duration
from bot.playbook.model import (
    PRICINGS,
    SEVERITIES,
    CompensationOption,
    NudgeRule,
    Playbook,
    Role,
    Scenario,
    Team,
)
from bot.playbook.words_loader import (
    TEMPLATE_FIELDS,
    check_placeholders,
)

NUDGE_TRIGGERS = ("open", "resolved_without_outcome")
BUDGET_PERIODS = ("day", "week", "month")


class PlaybookError(ValueError):
    """Says which file and field is wrong so an admin can fix it without reading code."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        super().__init__(f"{source}: {field}: {problem}")
        self.source, self.field, self.problem = source, field, problem


def default_playbook_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "playbook.toml"


def shipped_playbooks() -> dict[str, Path]:
    """The playbooks Amends ships, by the name AMENDS_PLAYBOOK accepts."""
    folder = default_playbook_path().parent / "playbooks"
    return {"default": default_playbook_path(),
            **{path.stem: path for path in sorted(folder.glob("*.toml"))}}


def playbook_path(name_or_path: str | Path | None) -> Path:
    """A shipped name ("restaurant") or a file path; nothing is the default playbook."""
    if not name_or_path:
        return default_playbook_path()
    shipped = shipped_playbooks()
    if isinstance(name_or_path, str) and name_or_path in shipped:
        return shipped[name_or_path]
    return Path(name_or_path)


def load_playbook(path: str | Path | None = None) -> Playbook:
    file = playbook_path(path)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        names = ", ".join(shipped_playbooks())
        raise PlaybookError(str(file), "(file)", f"not found; AMENDS_PLAYBOOK takes a file's path "
                                                 f"or a shipped playbook: {names}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PlaybookError(str(file), "(file)", f"cannot be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise PlaybookError(str(file), "(file)", f"is not valid TOML: {error}") from None
    return parse_playbook(raw, str(file))


def parse_playbook(raw: Mapping[str, Any], source: str) -> Playbook:
    reader = _Reader(source)
    reader.only(raw, "", {"version", "currency", "fallback_scenario", "max_ratio_of_paid",
                          "roles", "teams", "scenarios", "nudges", "approval_window", "safety",
                          "business"})
    version = reader.integer(raw, "version", default=1)
    if version not in (1, 2):
        reader.fail("version", f"version {version} is not supported; this Amends reads 1 and 2")
    currency = reader.text(raw, "currency")
    if len(currency) != 3 or not currency.isalpha():
        reader.fail("currency", f"'{currency}' is not a 3-letter currency code like EUR or USD")
    roles = _roles(reader, raw)
    teams = _teams(reader, raw)
    scenarios = _scenarios(reader, raw, {role.name for role in roles}, roles)
    fallback = reader.text(raw, "fallback_scenario", default="other")
    if fallback not in scenarios:
        reader.fail("fallback_scenario", f"'{fallback}' is not one of the scenarios")
    ratio = reader.money(raw, "max_ratio_of_paid", default=Decimal("1.5"))
    window = reader.text(raw, "approval_window", default="1h")
    try:
        approval_window = parse_duration(window)
    except ValueError as error:
        reader.fail("approval_window", str(error))
    steps, emergency = words_loader.safety(reader, raw)
    return Playbook(source=source, currency=currency.upper(), roles=roles,
                    scenarios=scenarios, teams=teams, fallback_scenario=fallback,
                    max_ratio_of_paid=ratio, default_nudges=_nudges(reader, raw, ""),
                    approval_window=approval_window, safety_steps=steps,
                    emergency_number=emergency,
                    correction_limits=words_loader.correction_limits(reader, raw, roles),
                    business=reader.text(raw, "business", default="general"))






def _roles(reader: _Reader, raw: Mapping[str, Any]) -> tuple[Role, ...]:
    entries = reader.table_list(raw, "roles")
    if not entries:
        reader.fail("roles", "at least one role is needed, lowest first")
    roles: list[Role] = []
    for index, entry in enumerate(entries):
        where = f"roles[{index}]"
        reader.only(entry, where, {"name", "limit", "correction_limit"})
        name = reader.identifier(entry, f"{where}.name", key="name")
        if any(role.name == name for role in roles):
            reader.fail(f"{where}.name", f"role '{name}' is listed twice")
        limit = reader.money(entry, "limit", field=f"{where}.limit")
        if roles and limit < roles[-1].limit:
            reader.fail(f"{where}.limit", "a higher role cannot have a lower limit than the one before")
        roles.append(Role(name=name, rank=index, limit=limit))
    return tuple(roles)


def _teams(reader: _Reader, raw: Mapping[str, Any]) -> dict[str, Team]:
    teams: dict[str, Team] = {}
    for key, entry in reader.table(raw, "teams").items():
        where = f"teams.{key}"
        reader.only(entry, where, {"name", "budget", "budget_period"})
        budget = reader.money(entry, "budget", field=f"{where}.budget", default=None)
        period = reader.text(entry, "budget_period", field=f"{where}.budget_period", default="week")
        if period not in BUDGET_PERIODS:
            reader.fail(f"{where}.budget_period", f"'{period}' must be one of {', '.join(BUDGET_PERIODS)}")
        teams[key] = Team(key=key, name=reader.text(entry, "name", field=f"{where}.name", default=key),
                          budget=budget, budget_period=period)
    return teams


def _scenarios(reader: _Reader, raw: Mapping[str, Any], role_names: set[str],
               roles: tuple[Role, ...]) -> dict[str, Scenario]:
    table = reader.table(raw, "scenarios")
    if not table:
        reader.fail("scenarios", "at least one scenario is needed")
    return {key: _scenario(reader, key, entry, role_names) for key, entry in table.items()}


def _scenario(reader: _Reader, key: str, entry: Mapping[str, Any], role_names: set[str]) -> Scenario:
    where = f"scenarios.{key}"
    if not isinstance(entry, Mapping):
        reader.fail(where, "must be a table")
    reader.only(entry, where, {"description", "team", "severity", "resolve_within", "escalate",
                               "apology", "explanation", "item", "problem", "compensation",
                               "examples", "nudges", "approval_window", "words", "fill_ins"})
    words = words_loader.words(reader, entry, where)
    english = words.get("en")
    severity = reader.text(entry, "severity", field=f"{where}.severity")
    if severity not in SEVERITIES:
        reader.fail(f"{where}.severity", f"'{severity}' must be one of {', '.join(SEVERITIES)}")
    window = reader.text(entry, "approval_window", field=f"{where}.approval_window", default="")
    return Scenario(
        id=key,
        description=reader.text(entry, "description", field=f"{where}.description"),
        team=reader.identifier(entry, f"{where}.team", key="team"),
        severity=severity,
        resolve_within=reader.duration(entry, "resolve_within", f"{where}.resolve_within"),
        escalate=reader.boolean(entry, "escalate", f"{where}.escalate", default=False),
        apology=english.apology if english and "apology" not in entry
        else reader.template(entry, "apology", f"{where}.apology"),
        explanation=english.explanation if english and "explanation" not in entry
        else reader.template(entry, "explanation", f"{where}.explanation"),
        item=reader.text(entry, "item", field=f"{where}.item"),
        problem=reader.text(entry, "problem", field=f"{where}.problem"),
        compensation=_options(reader, entry, where, role_names),
        examples=tuple(reader.strings(entry, "examples", f"{where}.examples")),
        nudges=_nudges(reader, entry, where),
        approval_window=parse_duration(window) if window else None,
        words=words,
        fill_ins=words_loader.fill_ins(reader, entry, where),
    )








def _options(reader: _Reader, entry: Mapping[str, Any], where: str,
             role_names: set[str]) -> tuple[CompensationOption, ...]:
    options = []
    for index, item in enumerate(reader.table_list(entry, "compensation", f"{where}.compensation")):
        at = f"{where}.compensation[{index}]"
        reader.only(item, at, {"kind", "description", "value", "lowest_role", "pricing", "share",
                               "cap", "correction"})
        lowest = reader.text(item, "lowest_role", field=f"{at}.lowest_role")
        if lowest not in role_names:
            reader.fail(f"{at}.lowest_role", f"'{lowest}' is not a role; roles are {', '.join(sorted(role_names))}")
        pricing = reader.text(item, "pricing", field=f"{at}.pricing", default="fixed")
        if pricing not in PRICINGS:
            reader.fail(f"{at}.pricing", f"'{pricing}' must be one of {', '.join(PRICINGS)}")
        share = reader.money(item, "share", field=f"{at}.share", default=Decimal(1))
        if pricing == "share_of_paid" and not Decimal(0) < share <= Decimal(10):
            reader.fail(f"{at}.share", "must be above 0 and at most 10 (1 = what they paid)")
        options.append(CompensationOption(
            kind=reader.identifier(item, f"{at}.kind", key="kind"),
            description=reader.text(item, "description", field=f"{at}.description"),
            value=reader.money(item, "value", field=f"{at}.value"),
            lowest_role=lowest,
            pricing=pricing,
            share=share,
            cap=reader.money(item, "cap", field=f"{at}.cap", default=None),
            correction=reader.boolean(item, "correction", f"{at}.correction", default=False),
        ))
    return tuple(options)


def _nudges(reader: _Reader, entry: Mapping[str, Any], where: str) -> tuple[NudgeRule, ...]:
    rules = []
    prefix = f"{where}." if where else ""
    for index, item in enumerate(reader.table_list(entry, "nudges", f"{prefix}nudges")):
        at = f"{prefix}nudges[{index}]"
        reader.only(item, at, {"when", "after", "message"})
        when = reader.text(item, "when", field=f"{at}.when")
        if when not in NUDGE_TRIGGERS:
            reader.fail(f"{at}.when", f"'{when}' must be one of {', '.join(NUDGE_TRIGGERS)}")
        rules.append(NudgeRule(when=when, after=reader.duration(item, "after", f"{at}.after"),
                               message=reader.text(item, "message", field=f"{at}.message")))
    return tuple(rules)


class _Reader:
    """Typed field access that turns every mistake into a PlaybookError naming the field."""

    _MISSING: Any = object()

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, field: str, problem: str) -> Any:
        raise PlaybookError(self.source, field, problem)

    def only(self, entry: Any, where: str, allowed: set[str]) -> None:
        if not isinstance(entry, Mapping):
            self.fail(where or "(top level)", "must be a table")
        for key in entry:
            if key not in allowed:
                name = f"{where}.{key}" if where else key
                self.fail(name, f"unknown field; allowed here: {', '.join(sorted(allowed))}")

    def _get(self, entry: Mapping[str, Any], key: str, field: str, default: Any) -> Any:
        if key in entry:
            return entry[key]
        if default is self._MISSING:
            self.fail(field, "is missing")
        return default

    def text(self, entry: Mapping[str, Any], key: str, field: str | None = None,
             default: Any = _MISSING) -> Any:
        value = self._get(entry, key, field or key, default)
        if value is default and default is not self._MISSING:
            return value
        if not isinstance(value, str) or not value.strip():
            self.fail(field or key, "must be a non-empty text")
        return value.strip()

    def identifier(self, entry: Mapping[str, Any], field: str, key: str) -> str:
        value: str = self.text(entry, key, field=field)
        if not value.replace("_", "").replace("-", "").isalnum():
            self.fail(field, f"'{value}' may only hold letters, digits, '-' and '_'")
        return value

    def integer(self, entry: Mapping[str, Any], key: str, default: Any = _MISSING) -> int:
        value = self._get(entry, key, key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, "must be a whole number")
        return int(value)

    def boolean(self, entry: Mapping[str, Any], key: str, field: str, default: bool) -> bool:
        value = self._get(entry, key, field, default)
        if not isinstance(value, bool):
            self.fail(field, "must be true or false")
        return bool(value)

    def money(self, entry: Mapping[str, Any], key: str, field: str | None = None,
              default: Any = _MISSING) -> Any:
        value = self._get(entry, key, field or key, default)
        if value is default and default is not self._MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(field or key, "must be a number")
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.fail(field or key, f"'{value}' is not a number")
        if not amount.is_finite() or amount < 0:
            self.fail(field or key, "must be zero or more")
        return amount.quantize(Decimal("0.01"))

    def duration(self, entry: Mapping[str, Any], key: str, field: str) -> Any:
        value = self.text(entry, key, field=field)
        try:
            return parse_duration(value)
        except ValueError as error:
            self.fail(field, str(error))

    def template(self, entry: Mapping[str, Any], key: str, field: str,
                 allowed: frozenset[str] = TEMPLATE_FIELDS) -> str:
        value: str = self.text(entry, key, field=field)
        check_placeholders(self, value, field, allowed)
        return value

    def strings(self, entry: Mapping[str, Any], key: str, field: str) -> list[str]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(field, "must be a list of non-empty texts")
        return [v.strip() for v in value]

    def table(self, entry: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = entry.get(key, {})
        if not isinstance(value, Mapping):
            self.fail(key, "must be a table")
        return cast(Mapping[str, Any], value)

    def table_list(self, entry: Mapping[str, Any], key: str,
                   field: str | None = None) -> list[Mapping[str, Any]]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.fail(field or key, f"must be a list of tables ([[{field or key}]])")
        return cast(list[Mapping[str, Any]], value)
