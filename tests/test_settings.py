"""One settings object: a TOML file an admin writes, environment variables on top, secrets only
from the environment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import PlatformSection, Settings, SettingsError

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


def _write(tmp_path: Path, text: str) -> dict[str, str]:
    config = tmp_path / "amends.toml"
    config.write_text(text)
    return {"AMENDS_CONFIG": str(config)}


def test_slack_section_and_top_level_keys_are_both_slacks(tmp_path: Path) -> None:
    env = _write(tmp_path, 'listen_channels = ["C_OLD"]\n[roles]\nU_OLD = "manager"\n'
                 '[channels."*"]\nkitchen = "C_K_OLD"\nmanagers = "C_M"\n'
                 '[slack]\nlisten_channels = ["C_NEW", "C_OLD"]\nsocket = true\n'
                 '[slack.roles]\nU_NEW = "supervisor"\n[slack.channels."*"]\nkitchen = "C_K_NEW"\n'
                 '[slack.channels.T2]\nkitchen = "C_K_T2"\n')
    settings = Settings.load(env)
    slack = settings.platform("slack")
    assert slack.roles == {"U_OLD": "manager", "U_NEW": "supervisor"}
    assert slack.listen_channels == ("C_OLD", "C_NEW")
    assert slack.channel_for("T1", "kitchen") == "C_K_NEW" and slack.channel_for("T2", "kitchen") == "C_K_T2"
    assert slack.channel_for("T2", "managers") == "C_M" and slack.options == {"socket": True}
    assert settings.roles == slack.roles and settings.listen_channels == slack.listen_channels
    assert settings.channel_for("T2", "kitchen") == "C_K_T2"


def test_teams_section_from_the_example_loads_when_uncommented(tmp_path: Path) -> None:
    example = (REPO / "amends.example.toml").read_text()
    teams_block = example[example.index("# [teams]"):]
    uncommented = "\n".join(line.removeprefix("# ") if line.startswith("# [") or "=" in line else line
                            for line in teams_block.splitlines())
    settings = Settings.load(_write(tmp_path, example + "\n" + uncommented)
                             | {"MicrosoftAppPassword": "teams-pass-1"})
    teams = settings.platform("Teams")
    assert teams.roles["ana.lopez@example.com"] == "supervisor"
    assert teams.roles["6f1c2a3e-0000-4000-8000-00000000beef"] == "manager"
    assert teams.channel_for("tenant-1", "managers") == "19:managers0123456789abcdef@thread.tacv2"
    assert teams.options == {"app_id": "00000000-0000-0000-0000-000000000000",
                             "tenant_id": "00000000-0000-0000-0000-000000000000"}
    from handlers.teams.config import load as teams_config

    config = teams_config(settings)
    assert config.app_id == config.tenant_id == "00000000-0000-0000-0000-000000000000"
    assert config.password == "teams-pass-1" and config.authenticated
    assert teams.listen_channels == ("19:feedback0123456789abcdef@thread.tacv2",)
    assert settings.secret("MicrosoftAppPassword") == "teams-pass-1"
    assert "U0123MANAGER" not in teams.roles and settings.platform("slack").roles["U0123MANAGER"] == "manager"


def test_a_platform_with_no_section_is_empty() -> None:
    settings = Settings.load({})
    assert settings.platform("teams") == PlatformSection()
    assert settings.platform("teams").channel_for("T1", "managers") is None


def test_any_platform_can_have_a_section_under_platforms(tmp_path: Path) -> None:
    settings = Settings.load(_write(tmp_path, '[platforms.memory]\nlisten_channels = ["feedback"]\n'
                                    'region = "eu"\n[platforms.memory.roles]\nann = "manager"\n'))
    memory = settings.platform("memory")
    assert memory.roles == {"ann": "manager"} and memory.options == {"region": "eu"}
    assert memory.listen_channels == ("feedback",)


def test_secrets_come_from_the_environment_snapshot_taken_at_load() -> None:
    env = {"MicrosoftAppPassword": "pass-1", "SLACK_BOT_TOKEN": "xoxb-1", "EMPTY_SECRET": "  "}
    settings = Settings.load(env)
    env["MicrosoftAppPassword"] = "changed later"
    assert settings.secret("MicrosoftAppPassword") == "pass-1"
    assert settings.secret("SLACK_BOT_TOKEN") == "xoxb-1"
    assert settings.secret("EMPTY_SECRET") is None and settings.secret("NOT_SET") is None
    assert Settings(slack_app_token="xapp-direct").secret("SLACK_APP_TOKEN") == "xapp-direct"


@pytest.mark.parametrize(("text", "message"), [
    ('[teams]\napp_password = "hunter2"', "teams.app_password: secrets come from the environment only"),
    ('[slack]\nbot_token = "xoxb-123"', "slack.bot_token: secrets come from the environment only"),
    ('[platforms.memory]\nMicrosoftAppPassword = "x"', "secrets come from the environment only"),
    ('[slack]\nworkspace = "xoxb-1234567890-abcdef"', "slack.workspace: looks like a token"),
    ('database_url = "postgresql://amends:hunter2@db/amends"', "database_url: holds a password"),
    ('signing_secret = "abc"', "signing_secret: secrets come from the environment only"),
    ('[teams]\nroles = ["U1"]', "teams.roles: write it as"),
    ('[teams.channels]\nmanagers = "19:x"', 'teams.channels: write it as [teams.channels."*"]'),
    ('[teams]\nlisten_channels = "19:x"', "teams.listen_channels: must be a list"),
    ('[teams]\nextra = [1, 2]', "teams.extra: must be a string, a number or true/false"),
    ('teams = 3', "teams: must be a table"),
    ('[slack]\n[platforms.slack]', "write the section once"),
    ('[platforms.Bad_Name]', "a platform name is lower-case"),
])
def test_a_broken_platform_section_is_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)) as refused:
        Settings.load(_write(tmp_path, text))
    assert "hunter2" not in str(refused.value) and "xoxb-1234567890" not in str(refused.value)


def test_repr_and_str_never_show_a_secret(tmp_path: Path) -> None:
    env = _write(tmp_path, '[teams]\napp_id = "app-1"\n') | {
        "SLACK_BOT_TOKEN": "xoxb-bot-secret", "SLACK_SIGNING_SECRET": "signing-secret-1",
        "SLACK_CLIENT_SECRET": "client-secret-1", "SLACK_APP_TOKEN": "xapp-app-secret",
        "AMENDS_ENCRYPTION_KEY": "encryption-key-1", "MicrosoftAppPassword": "teams-pass-1",
        "AMENDS_DATABASE_URL": "postgresql://amends:db-pass-1@db.example.com:5432/amends"}
    settings = Settings.load(env)
    for shown in (repr(settings), str(settings), f"{settings}", repr(settings.platform("teams")),
                  repr(settings.platform("slack"))):
        for secret in ("xoxb-bot-secret", "signing-secret-1", "client-secret-1", "xapp-app-secret",
                       "encryption-key-1", "teams-pass-1", "db-pass-1"):
            assert secret not in shown
    assert "slack_bot_token=<set>" in repr(settings) and "slack_client_secret=<set>" in repr(settings)
    assert "postgresql://amends:***@db.example.com:5432/amends" in repr(settings)
    assert set(settings.secret_values()) >= {"xoxb-bot-secret", "teams-pass-1", "db-pass-1"}
    assert settings.database_url.endswith(":db-pass-1@db.example.com:5432/amends")


def test_a_config_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    binary = tmp_path / "amends.toml"
    binary.write_bytes(b"\xff\xfe\x00port = 1")
    with pytest.raises(SettingsError, match="readable UTF-8 TOML file"):
        Settings.load({"AMENDS_CONFIG": str(binary)})
    with pytest.raises(SettingsError, match="readable UTF-8 TOML file"):
        Settings.load({"AMENDS_CONFIG": str(tmp_path)})
