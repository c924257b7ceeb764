"""One settings object: a TOML file an admin writes, environment variables on top, secrets only
from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError

REPO = Path(__file__).resolve().parents[1]


def test_example_config_loads_and_environment_wins() -> None:
    settings = Settings.load({"AMENDS_CONFIG": str(REPO / "amends.example.toml"),
                              "AMENDS_PORT": "4000", "SLACK_BOT_TOKEN": "xoxb-1"})
    assert settings.port == 4000 and settings.slack_bot_token == "xoxb-1"
    assert settings.channel_for("T9", "kitchen") == "C0KITCHEN"
    assert settings.timezone_for("T9") == "Europe/Paris"
    assert settings.digest_schedules == {"day": "0 8 * * *", "week": "0 8 * * mon"}
    assert settings.roles["@shift-leads"] == "supervisor"


@pytest.mark.parametrize(("text", "message"), [
    ('slack_bot_token = "xoxb-oops"', "secrets come from the environment only"),
    ('databse_url = "sqlite:///x.db"', "unknown setting"),
    ("port = 70000", "not a port"),
    ('[digests]\nhourly = "0 * * * *"', "unknown; use day, week, teams"),
    ('listen_channels = "C1"', "must be a list"),
    ("port = ", "not valid TOML"),
])
def test_a_broken_config_is_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "amends.toml"
    config.write_text(text)
    with pytest.raises(SettingsError, match=message):
        Settings.load({"AMENDS_CONFIG": str(config)})


def test_environment_alone_is_enough() -> None:
    settings = Settings.load({"AMENDS_DATABASE_URL": "postgresql://a@h/db"})
    assert settings.database_url == "postgresql://a@h/db" and settings.timezone_for("T1") == "UTC"
