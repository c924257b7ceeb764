"""One typed settings object: an optional TOML file, then environment variables on top.

Secrets (tokens, keys) are read from the environment only, never from the file, so a config
file can be committed or shared without leaking them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from store.urls import DEFAULT_URL

SECRET_NAMES = ("slack_bot_token", "slack_signing_secret", "slack_client_secret",
                "slack_app_token", "openai_api_key", "encryption_key")
_FILE_TABLES = ("roles", "channels", "timezones")


class SettingsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_URL
    playbook: str | None = None
    port: int = 3000
    log_level: str = "INFO"
    console_workspace: str = "console"
    console_role: str = ""
    roles: dict[str, str] = field(default_factory=dict)
    """Platform user ids (or Slack user groups as "@handle" or "S..." ids) mapped to playbook
    roles; everyone else gets the lowest role."""
    channels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per workspace id (or "*" for every workspace): team key, or "managers", to channel id."""
    listen_channels: tuple[str, ...] = ()
    """Feedback channels whose messages are checked for service failures (opt-in)."""
    timezones: dict[str, str] = field(default_factory=dict)
    """Per workspace id (or "*"): IANA time zone for digests and what people read."""
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

    def timezone_for(self, workspace: str) -> str:
        return self.timezones.get(workspace) or self.timezones.get("*") or "UTC"

    def channel_for(self, workspace: str, key: str) -> str | None:
        own = self.channels.get(workspace, {})
        return own.get(key) or self.channels.get("*", {}).get(key)

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        settings = cls()
        config = env.get("AMENDS_CONFIG")
        if config:
            settings = replace(settings, **_from_file(Path(config)))
        return replace(settings, **_from_env(env))


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
}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, key in _ENV.items():
        raw = env.get(name, "").strip()
        if raw:
            values[key] = _port(raw, name) if key == "port" else raw
    return values


def _from_file(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: not found (AMENDS_CONFIG points at it)") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML: {error}") from None
    known = {f.name for f in fields(Settings)} | {"digests"}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in SECRET_NAMES:
            raise SettingsError(f"{path}: {key}: secrets come from the environment only")
        if key not in known:
            raise SettingsError(f"{path}: {key}: unknown setting; known: {', '.join(sorted(known))}")
        values[key] = _port(value, f"{path}: port") if key == "port" else value
    for key in _FILE_TABLES:
        if not isinstance(values.get(key, {}), dict):
            raise SettingsError(f"{path}: {key}: must be a table")
    if "digests" in values:
        values.update(_digests(values.pop("digests"), path))
    channels = values.get("channels", {})
    if not all(isinstance(v, dict) and all(isinstance(c, str) for c in v.values())
               for v in channels.values()):
        raise SettingsError(f'{path}: channels: write it as [channels."*"] kitchen = "C0123"')
    if "listen_channels" in values:
        listen = values["listen_channels"]
        if not isinstance(listen, list) or not all(isinstance(c, str) for c in listen):
            raise SettingsError(f"{path}: listen_channels: must be a list of channel ids")
        values["listen_channels"] = tuple(listen)
    return values


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
