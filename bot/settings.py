"""One typed settings object: an optional TOML file, then environment variables on top.

Secrets (tokens, keys, passwords) are read from the environment only, never from the file, so
a config file can be committed or shared without leaking them; and nothing here ever prints
one: `repr(settings)` shows whether a secret is set, not its value, and the database URL with
its password hidden.

Each chat platform has a section of its own (`[slack]`, `[teams]`, or `[platforms.NAME]`):
who has which role, which channel is which, which channels are listened to, and its other
plain settings. `Settings.platform("teams")` hands a platform adapter its section and
`Settings.secret("MicrosoftAppPassword")` its secrets, so adding a platform changes nothing
here. The top-level `roles`, `channels` and `listen_channels` are Slack's, as they always were.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from store.urls import DEFAULT_URL, shown_url, url_password

SECRET_NAMES = ("slack_bot_token", "slack_signing_secret", "slack_client_secret",
                "slack_app_token", "openai_api_key", "encryption_key")
SECRET_LOOKING = re.compile(r"token|secret|passw|pwd|api_?key|private_?key|encryption_?key|credential",
                            re.IGNORECASE)
"""A key named like this is a secret: refused in the file, never shown."""
TOKEN_LOOKING = re.compile(r"^(xox[a-z]-|xapp-|sk-)[A-Za-z0-9-]{6,}")
"""A value shaped like a Slack or OpenAI token, whatever key it was written under."""
NAMED_PLATFORMS = ("slack", "teams")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_FILE_TABLES = ("roles", "channels", "timezones", "emergency_numbers")
_SECTION_TABLES = ("roles", "channels")
_PLATFORM_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")

Option = str | int | bool


class SettingsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PlatformSection:
    """One platform's settings: all plain values, never a secret (those come from
    `Settings.secret`)."""

    roles: dict[str, str] = field(default_factory=dict)
    """Platform user ids (Slack: "U…", or user groups as "@handle"/"S…"; Teams: AAD object ids
    or UPNs) mapped to playbook roles; everyone else gets the lowest role."""
    channels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per workspace (Slack team id, Teams tenant id) or "*": team key or "managers" to a channel."""
    listen_channels: tuple[str, ...] = ()
    options: dict[str, Option] = field(default_factory=dict)
    """The section's other keys (e.g. Teams' `app_id`), as written."""

    def channel_for(self, workspace: str, key: str) -> str | None:
        own = self.channels.get(workspace, {})
        return own.get(key) or self.channels.get("*", {}).get(key)

    def managers_apart(self, workspace: str, team: str) -> str | None:
        """The managers' channel when it isn't the team's own (an escalated case's second card)."""
        managers = self.channel_for(workspace, "managers")
        return None if managers == self.channel_for(workspace, team) else managers

    def approvers_channel(self, workspace: str, role_or_managers: str, team: str) -> str | None:
        """Where an approval request (or its reminder to a role) goes: that role's channel, the
        managers', else the case's team's."""
        return (self.channel_for(workspace, role_or_managers) or self.channel_for(workspace, "managers")
                or self.channel_for(workspace, team))

    def digest_channel(self, workspace: str, team: str | None) -> str | None:
        """A team's digest to "<team>.managers" when there is one; else, and the whole
        workspace's, to "managers"."""
        return ((team and self.channel_for(workspace, f"{team}.managers"))
                or self.channel_for(workspace, "managers"))


@dataclass(frozen=True, slots=True, repr=False)
class Settings:
    database_url: str = DEFAULT_URL
    playbook: str | None = None
    port: int = 3000
    log_level: str = "INFO"
    console_workspace: str = "console"
    console_role: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    """Slack's: user ids (or user groups as "@handle" or "S..." ids) mapped to playbook roles;
    everyone else gets the lowest role. Includes the file's [slack] roles."""
    channels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Slack's: per workspace id (or "*" for every workspace): team key, or "managers", to channel id."""
    listen_channels: tuple[str, ...] = ()
    """Slack's feedback channels whose messages are checked for service failures (opt-in)."""
    timezones: dict[str, str] = field(default_factory=dict)
    """Per workspace id (or "*"): IANA time zone for digests and what people read."""
    llm_base_url: str | None = None
    """An OpenAI-compatible endpoint for the words (none: the offline words, and no client is
    built at all, so nothing falls back to OPENAI_BASE_URL or OpenAI's host)."""
    llm_model: str = ""
    llm_deadline: str = "4"
    """Seconds a report waits for the model's words before the offline ones stand."""
    llm_mask: str = "on"
    """Mask e-mail addresses, phone numbers and card numbers before a report leaves ("off" to
    send them as typed, e.g. to a model on the same machine)."""
    unsure_window: str = "5m"
    """How long a case the engine wasn't sure about waits for the reporter to pick its scenario
    before its team alert goes out anyway, marked unconfirmed."""
    emergency_numbers: dict[str, str] = field(default_factory=dict)
    """Per workspace id (or "*"): the local emergency number in safety steps (the playbook's
    `[safety] emergency_number` otherwise)."""
    digest_schedules: dict[str, str] = field(
        default_factory=lambda: {"day": "0 8 * * *", "week": "0 8 * * mon"})
    """Cron expressions, in the workspace's time zone, per digest period; [digests] in the file."""
    digest_teams: tuple[str, ...] = ("*",)
    """"*" is the whole workspace, to the "managers" channel; a team key gets its own digest, to
    the "<team>.managers" channel (or "managers")."""
    slack_api_url: str | None = None
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_app_token: str | None = None
    encryption_key: str | None = None
    platforms: dict[str, PlatformSection] = field(default_factory=dict)
    """The file's [slack], [teams] and [platforms.NAME] sections; read them with `platform()`."""
    environment: Mapping[str, str] = field(default_factory=dict, compare=False)
    """The environment when the settings were loaded, for `secret()`; never shown."""

    def emergency_number_for(self, workspace: str) -> str | None:
        return self.emergency_numbers.get(workspace) or self.emergency_numbers.get("*")

    def timezone_for(self, workspace: str) -> str:
        return self.timezones.get(workspace) or self.timezones.get("*") or "UTC"

    def channel_for(self, workspace: str, key: str) -> str | None:
        own = self.channels.get(workspace, {})
        return own.get(key) or self.channels.get("*", {}).get(key)

    def platform(self, name: str) -> PlatformSection:
        """The platform's section; empty (all defaults) when the file has none. Slack's also
        holds the top-level `roles`, `channels` and `listen_channels`."""
        key = name.strip().lower()
        section = self.platforms.get(key, PlatformSection())
        if key != "slack":
            return section
        return _merged(PlatformSection(dict(self.roles), dict(self.channels), self.listen_channels),
                       section)

    def secret(self, env_name: str) -> str | None:
        """A secret by its environment variable's name (`SLACK_BOT_TOKEN`,
        `MicrosoftAppPassword`), from the environment as it was when the settings were loaded;
        None when unset or blank."""
        attribute = _ENV.get(env_name)
        if attribute in SECRET_NAMES:
            own = getattr(self, attribute)
            if own:
                return str(own)
        value = self.environment.get(env_name, "").strip()
        return value or None

    def secret_values(self) -> tuple[str, ...]:
        """Every secret value these settings know (tokens, keys, the database password), so
        logs can be scrubbed of them."""
        values = {str(getattr(self, name)) for name in SECRET_NAMES if getattr(self, name, None)}
        values |= {value.strip() for key, value in self.environment.items()
                   if SECRET_LOOKING.search(key) and value.strip()}
        password = url_password(self.database_url)
        if password:
            values.add(password)
        return tuple(sorted(values))

    def __repr__(self) -> str:
        shown = []
        for item in fields(self):
            if item.name == "environment":
                continue
            value = getattr(self, item.name)
            if item.name in SECRET_NAMES:
                shown.append(f"{item.name}={'<set>' if value else None}")
            elif item.name == "database_url":
                shown.append(f"database_url={shown_url(value)!r}")
            else:
                shown.append(f"{item.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    def __str__(self) -> str:
        return repr(self)

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        settings = cls(environment=env)
        config = env.get("AMENDS_CONFIG")
        if config:
            settings = replace(settings, **_from_file(Path(config)))
        settings = replace(settings, **_from_env(env))
        slack = settings.platform("slack")
        return replace(settings, roles=slack.roles, channels=slack.channels,
                       listen_channels=slack.listen_channels)


_ENV = {
    "SLACK_API_URL": "slack_api_url",
    "SLACK_BOT_TOKEN": "slack_bot_token",
    "SLACK_SIGNING_SECRET": "slack_signing_secret",
    "SLACK_CLIENT_ID": "slack_client_id",
    "SLACK_CLIENT_SECRET": "slack_client_secret",
    "SLACK_APP_TOKEN": "slack_app_token",
    "AMENDS_ENCRYPTION_KEY": "encryption_key",
    "AMENDS_DATABASE_URL": "database_url",
    "AMENDS_PLAYBOOK": "playbook",
    "AMENDS_PORT": "port",
    "AMENDS_LOG_LEVEL": "log_level",
    "AMENDS_CONSOLE_WORKSPACE": "console_workspace",
    "AMENDS_ROLE": "console_role",
    "AMENDS_UNSURE_WINDOW": "unsure_window",
    "AMENDS_LLM_BASE_URL": "llm_base_url",
    "AMENDS_LLM_MODEL": "llm_model",
    "AMENDS_LLM_DEADLINE": "llm_deadline",
    "AMENDS_LLM_MASK": "llm_mask",
}
_FILE_KEYS = frozenset({f.name for f in fields(Settings)} - set(SECRET_NAMES)
                       - {"platforms", "environment"}) | {"digests", "platforms", *NAMED_PLATFORMS}


def _merged(base: PlatformSection, extra: PlatformSection) -> PlatformSection:
    """`extra` wins per role and per channel key; listened channels add up."""
    channels = {workspace: dict(keys) for workspace, keys in base.channels.items()}
    for workspace, keys in extra.channels.items():
        channels.setdefault(workspace, {}).update(keys)
    listen = tuple(dict.fromkeys(base.listen_channels + extra.listen_channels))
    return PlatformSection({**base.roles, **extra.roles}, channels, listen, {**base.options, **extra.options})


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, key in _ENV.items():
        raw = env.get(name, "").strip()
        if raw:
            values[key] = _port(raw, name) if key == "port" else raw
    if "log_level" in values:
        values["log_level"] = _log_level(values["log_level"], "AMENDS_LOG_LEVEL")
    if "unsure_window" in values:
        _duration(values["unsure_window"], "AMENDS_UNSURE_WINDOW")
    _check_llm(values, "AMENDS_LLM_")
    return values


def _check_llm(values: Mapping[str, Any], prefix: str) -> None:
    deadline = str(values.get("llm_deadline", "4"))
    try:
        if not 0 < float(deadline) <= 60:
            raise ValueError
    except ValueError:
        raise SettingsError(f"{prefix}DEADLINE: '{deadline}' must be seconds between 0 and 60, "
                            "like 4 or 2.5") from None
    if str(values.get("llm_mask", "on")).lower() not in ("on", "off"):
        raise SettingsError(f"{prefix}MASK: say on or off")
    if values.get("llm_base_url") and not values.get("llm_model"):
        raise SettingsError(f"{prefix}MODEL: say which model the endpoint serves "
                            "(e.g. gpt-4o-mini, llama3.1)")


def _duration(value: object, name: str) -> None:
    from bot.playbook.durations import parse_duration

    try:
        parse_duration(str(value))
    except ValueError as error:
        raise SettingsError(f"{name}: {error}") from None


def _from_file(path: Path) -> dict[str, Any]:
    raw = _read_toml(path)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        _refuse_secret(path, key, value)
        if key not in _FILE_KEYS:
            raise SettingsError(f"{path}: {key}: unknown setting; known: {', '.join(sorted(_FILE_KEYS))}")
        values[key] = _port(value, f"{path}: port") if key == "port" else value
    _refuseurl_password(path, values.get("database_url"))
    for key in _FILE_TABLES:
        if not isinstance(values.get(key, {}), dict):
            raise SettingsError(f"{path}: {key}: must be a table")
    if "unsure_window" in values:
        _duration(values["unsure_window"], f"{path}: unsure_window")
    _check_llm(values, f"{path}: llm_")
    if "digests" in values:
        values.update(_digests(values.pop("digests"), path))
    _check_channels(path, "channels", values.get("channels", {}))
    if "listen_channels" in values:
        values["listen_channels"] = _listen(path, "listen_channels", values["listen_channels"])
    values["platforms"] = _platforms(path, {name: values.pop(name) for name in NAMED_PLATFORMS
                                            if name in values}, values.pop("platforms", {}))
    return values


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: not found (AMENDS_CONFIG points at it)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read ({error.__class__.__name__}); AMENDS_CONFIG "
                            "must name a readable UTF-8 TOML file") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from None


def _refuse_secret(path: Path, key: str, value: object) -> None:
    if key in SECRET_NAMES or SECRET_LOOKING.search(key):
        raise SettingsError(f"{path}: {key}: secrets come from the environment only; remove it "
                            "from the file and set it as an environment variable")
    if isinstance(value, str) and TOKEN_LOOKING.match(value.strip()):
        raise SettingsError(f"{path}: {key}: looks like a token; secrets come from the environment "
                            "only, remove it from the file")


def _refuseurl_password(path: Path, url: object) -> None:
    if isinstance(url, str) and url_password(url):
        raise SettingsError(f"{path}: database_url: holds a password, and secrets come from the "
                            "environment only; set AMENDS_DATABASE_URL instead (or PGPASSWORD)")


def _check_channels(path: Path, where: str, channels: object) -> None:
    if not isinstance(channels, dict) or not all(
            isinstance(v, dict) and all(isinstance(c, str) for c in v.values()) for v in channels.values()):
        raise SettingsError(f'{path}: {where}: write it as [{where}."*"] kitchen = "C0123"')


def _listen(path: Path, where: str, listen: object) -> tuple[str, ...]:
    if not isinstance(listen, list) or not all(isinstance(c, str) for c in listen):
        raise SettingsError(f"{path}: {where}: must be a list of channel ids")
    return tuple(listen)


def _platforms(path: Path, named: dict[str, Any], others: object) -> dict[str, PlatformSection]:
    """[slack], [teams] and [platforms.NAME] tables, each checked like the top level."""
    if not isinstance(others, dict):
        raise SettingsError(f"{path}: platforms: must be a table of [platforms.NAME] sections")
    sections: dict[str, PlatformSection] = {}
    for prefix, tables in (("", named), ("platforms.", others)):
        for name, table in tables.items():
            if not _PLATFORM_NAME.fullmatch(name):
                raise SettingsError(f"{path}: platforms.{name}: a platform name is lower-case letters, "
                                    "digits, - or _")
            if name in sections:
                raise SettingsError(f"{path}: [{name}] and [platforms.{name}]: write the section once")
            sections[name] = _section(path, f"{prefix}{name}", table)
    return sections


def _section(path: Path, where: str, table: object) -> PlatformSection:
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: {where}: must be a table ([{where}])")
    options: dict[str, Option] = {}
    for key, value in table.items():
        _refuse_secret(path, f"{where}.{key}", value)
        if key in _SECTION_TABLES or key == "listen_channels":
            continue
        if not isinstance(value, str | int | bool):
            raise SettingsError(f"{path}: {where}.{key}: must be a string, a number or true/false "
                                "(tables are roles and channels)")
        options[key] = value
    roles = table.get("roles", {})
    if not isinstance(roles, dict) or not all(isinstance(r, str) for r in roles.values()):
        raise SettingsError(f'{path}: {where}.roles: write it as [{where}.roles] "user id" = "manager"')
    _check_channels(path, f"{where}.channels", table.get("channels", {}))
    listen = _listen(path, f"{where}.listen_channels", table.get("listen_channels", []))
    return PlatformSection(dict(roles), table.get("channels", {}), listen, options)


def _log_level(raw: object, where: str) -> str:
    level = str(raw).strip().upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"{where}: '{raw}' is not a log level; use one of {', '.join(LOG_LEVELS)}")
    return level


def _port(raw: object, where: str) -> int:
    try:
        port = int(str(raw))
    except ValueError:
        raise SettingsError(f"{where}: '{raw}' is not a port number") from None
    if not 0 < port < 65536:
        raise SettingsError(f"{where}: {port} is not a port between 1 and 65535")
    return port


def _digests(raw: object, path: Path) -> dict[str, Any]:
    """[digests] day = "0 8 * * *", week = "0 8 * * mon", teams = ["*", "kitchen"]; a period
    set to "" is switched off."""
    if not isinstance(raw, dict):
        raise SettingsError(f"{path}: digests: must be a table")
    values: dict[str, Any] = {}
    schedules = {key: value for key, value in raw.items() if key in ("day", "week")}
    for key, value in schedules.items():
        if not isinstance(value, str):
            raise SettingsError(f'{path}: digests.{key}: a cron expression like "0 8 * * mon"')
    unknown = set(raw) - {"day", "week", "teams"}
    if unknown:
        raise SettingsError(f"{path}: digests.{sorted(unknown)[0]}: unknown; use day, week, teams")
    if schedules:
        values["digest_schedules"] = {k: v for k, v in schedules.items() if v.strip()}
    if "teams" in raw:
        teams = raw["teams"]
        if not isinstance(teams, list) or not all(isinstance(t, str) for t in teams):
            raise SettingsError(f'{path}: digests.teams: a list like ["*", "kitchen"]')
        values["digest_teams"] = tuple(teams)
    return values
