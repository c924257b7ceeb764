"""Slack as a platform of `amends serve`: when its settings count as present, and what is missing.

Slack is present when any SLACK_* credential is set (SLACK_API_URL alone is not: it only points
the others somewhere). Present but incomplete stops start-up with the fix:

- HTTP mode needs SLACK_SIGNING_SECRET, so every request is checked as coming from Slack;
  Socket Mode (SLACK_APP_TOKEN) needs none and serves no Slack endpoint over HTTP;
- OAuth (many workspaces) needs both client settings and AMENDS_ENCRYPTION_KEY, because the
  workspaces' tokens are stored, and are stored encrypted.
"""

from __future__ import annotations

from bot.settings import Settings, SettingsError
from handlers.serve import Platform, PlatformSpec, Shared
from handlers.slack.installations import MAKE_A_KEY

CREDENTIALS = ("slack_bot_token", "slack_signing_secret", "slack_client_id", "slack_client_secret",
               "slack_app_token")
TO_ENABLE = ("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP), or SLACK_BOT_TOKEN and "
             "SLACK_APP_TOKEN (Socket Mode), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and "
             "AMENDS_ENCRYPTION_KEY with one of those (many workspaces); README, section Slack")


def present(settings: Settings) -> bool:
    return any(getattr(settings, name) for name in CREDENTIALS)


def check(settings: Settings) -> None:
    """Raises SettingsError naming what to set; passes when Slack can start."""
    oauth = bool(settings.slack_client_id or settings.slack_client_secret)
    if oauth and not (settings.slack_client_id and settings.slack_client_secret):
        raise SettingsError("Slack: installing in many workspaces (OAuth) needs both SLACK_CLIENT_ID and "
                            "SLACK_CLIENT_SECRET (your app's Basic Information page)")
    if not oauth and not settings.slack_bot_token:
        raise SettingsError("Slack: set SLACK_BOT_TOKEN (xoxb-..., one workspace) or SLACK_CLIENT_ID and "
                            "SLACK_CLIENT_SECRET (many workspaces)")
    if settings.slack_bot_token and not settings.slack_bot_token.startswith("xoxb-"):
        raise SettingsError("Slack: SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-...)")
    if settings.slack_app_token and not settings.slack_app_token.startswith("xapp-"):
        raise SettingsError("Slack: SLACK_APP_TOKEN must be an app-level token (xapp-...) with "
                            "connections:write, for Socket Mode")
    if not settings.slack_app_token and not settings.slack_signing_secret:
        raise SettingsError("Slack: over HTTP every request must be checked as coming from Slack: set "
                            "SLACK_SIGNING_SECRET (Basic Information, Signing Secret), or set "
                            "SLACK_APP_TOKEN (xapp-...) to connect over Socket Mode instead")
    if oauth and not settings.encryption_key:
        raise SettingsError("Slack: installing in many workspaces stores each workspace's tokens, "
                            "encrypted: set AMENDS_ENCRYPTION_KEY, e.g. to the key this prints: "
                            f"{MAKE_A_KEY} (keep it: the stored tokens open only with it)")


async def build(shared: Shared) -> Platform:
    from handlers.slack.server import build_slack

    return await build_slack(shared)


SLACK = PlatformSpec(name="slack", present=present, check=check, build=build, to_enable=TO_ENABLE)
