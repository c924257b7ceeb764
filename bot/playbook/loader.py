"""Reads and validates a playbook file, refusing it with the file, the field and the problem.

Unknown keys are errors (a typo must not silently disable a limit); every key added later is
optional, so playbooks written now keep loading.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from bot.playbook.durations import parse_duration
from bot.playbook.model import (
    PRICINGS,
    SEVERITIES,
    CompensationOption,
    FillIn,
    NudgeRule,
    Playbook,
    Role,
    Scenario,
    ScenarioWords,
    Team,
)

ANY_LANGUAGE_FIELDS = frozenset({"at_ref", "ref", "item_note", "wait"})
"""What templates in every language may use (bot.phrasing fills them)."""
TEMPLATE_FIELDS = frozenset({"reference", "at_reference", "item", "problem"}) | ANY_LANGUAGE_FIELDS
"""What English templates may use."""
WORD_LANGUAGES = ("en", "es", "fr", "de", "pt")
SAFETY_KINDS = ("allergic_reaction", "fall_or_injury", "fire_smoke_gas", "illness", "hazard_found")
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
    steps, emergency = _safety(reader, raw)
    return Playbook(source=source, currency=currency.upper(), roles=roles,
                    scenarios=scenarios, teams=teams, fallback_scenario=fallback,
                    max_ratio_of_paid=ratio, default_nudges=_nudges(reader, raw, ""),
                    approval_window=approval_window, safety_steps=steps,
                    emergency_number=emergency,
                    correction_limits=_correction_limits(reader, raw, roles),
                    business=reader.text(raw, "business", default="general"))


def _safety(reader: _Reader, raw: Mapping[str, Any]) -> tuple[dict[str, tuple[str, ...]], str]:
    """[safety]: emergency_number, and steps.KIND = [...] for staff, vetted, never rewritten."""
    table = reader.table(raw, "safety")
    reader.only(table, "safety", {"emergency_number", "steps"})
    number = reader.text(table, "emergency_number", field="safety.emergency_number", default="911")
    steps_table = reader.table(table, "steps")
    steps: dict[str, tuple[str, ...]] = {}
    for kind in steps_table:
        if kind not in SAFETY_KINDS:
            reader.fail(f"safety.steps.{kind}", f"unknown kind; use {', '.join(SAFETY_KINDS)}")
        listed = reader.strings(steps_table, kind, f"safety.steps.{kind}")
        for index, step in enumerate(listed):
            _check_placeholders(reader, step, f"safety.steps.{kind}[{index}]",
                                frozenset({"emergency_number"}))
        steps[kind] = tuple(listed)
    return steps, number


def _correction_limits(reader: _Reader, raw: Mapping[str, Any],
                       roles: tuple[Role, ...]) -> dict[str, Decimal]:
    limits: dict[str, Decimal] = {}
    for index, entry in enumerate(reader.table_list(raw, "roles")):
        if "correction_limit" in entry:
            limits[roles[index].name] = reader.money(entry, "correction_limit",
                                                     field=f"roles[{index}].correction_limit")
    return limits


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
    words = _words(reader, entry, where)
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
        fill_ins=_fill_ins(reader, entry, where),
    )


def _words(reader: _Reader, entry: Mapping[str, Any], where: str) -> dict[str, ScenarioWords]:
    """[scenarios.ID.words.LANG]: apology, explanation and the conversation guide."""
    words: dict[str, ScenarioWords] = {}
    for language, table in reader.table(entry, "words").items():
        at = f"{where}.words.{language}"
        if language not in WORD_LANGUAGES:
            reader.fail(at, f"unknown language; use {', '.join(WORD_LANGUAGES)}")
        reader.only(table, at, {"apology", "explanation", "empathy", "questions", "alternatives",
                                "closing"})
        fields = TEMPLATE_FIELDS if language == "en" else ANY_LANGUAGE_FIELDS
        lines = {key: reader.template(table, key, f"{at}.{key}", fields)
                 for key in ("apology", "explanation")}
        lists = {key: tuple(reader.strings(table, key, f"{at}.{key}"))
                 for key in ("questions", "alternatives")}
        optional = {key: reader.text(table, key, field=f"{at}.{key}", default="")
                    for key in ("empathy", "closing")}
        for key, value in [*optional.items(), *((k, v) for k, vs in lists.items() for v in vs)]:
            _check_placeholders(reader, value, f"{at}.{key}", fields)
        words[language] = ScenarioWords(
            apology=lines["apology"], explanation=lines["explanation"],
            empathy=optional["empathy"], questions=lists["questions"],
            alternatives=lists["alternatives"], closing=optional["closing"])
    return words


def _fill_ins(reader: _Reader, entry: Mapping[str, Any], where: str) -> tuple[FillIn, ...]:
    found: list[FillIn] = []
    for index, item in enumerate(reader.table_list(entry, "fill_ins", f"{where}.fill_ins")):
        at = f"{where}.fill_ins[{index}]"
        reader.only(item, at, {"id", *WORD_LANGUAGES})
        ident = reader.identifier(item, f"{at}.id", key="id")
        if "en" not in item:
            reader.fail(f"{at}.en", "is missing; every fill-in needs its English line")
        found.append(FillIn(id=ident, text={lang: reader.text(item, lang, field=f"{at}.{lang}")
                                            for lang in WORD_LANGUAGES if lang in item}))
    return tuple(found)


def _check_placeholders(reader: _Reader, value: str, field: str, allowed: frozenset[str]) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        reader.fail(field, f"has a broken placeholder: {error}")
    unknown = names - allowed
    if unknown:
        reader.fail(field, f"unknown placeholder {{{sorted(unknown)[0]}}}; use "
                           + ", ".join("{" + name + "}" for name in sorted(allowed)))


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
        _check_placeholders(self, value, field, allowed)
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
