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
    """Platform user ids mapped to playbook roles; everyone else gets the lowest role."""

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        settings = cls()
        config = env.get("AMENDS_CONFIG")
        if config:
            settings = replace(settings, **_from_file(Path(config)))
        return replace(settings, **_from_env(env))


_ENV = {
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
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in SECRET_NAMES:
            raise SettingsError(f"{path}: {key}: secrets come from the environment only")
        if key not in known:
            raise SettingsError(f"{path}: {key}: unknown setting; known: {', '.join(sorted(known))}")
        values[key] = _port(value, f"{path}: port") if key == "port" else value
    if not isinstance(values.get("roles", {}), dict):
        raise SettingsError(f"{path}: roles: must be a table of user id = role")
    return values


def _port(raw: object, where: str) -> int:
    try:
        port = int(str(raw))
    except ValueError:
        raise SettingsError(f"{where}: '{raw}' is not a port number") from None
    if not 0 < port < 65536:
        raise SettingsError(f"{where}: {port} is not a port between 1 and 65535")
    return port
