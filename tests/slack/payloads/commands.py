"""The slash command payload (the form fields of the HTTP request, or the Socket Mode payload)."""

from __future__ import annotations

from tests.slack.ids import (
    APP_ID,
    CHANNEL_ID,
    CHANNEL_NAME,
    TEAM_DOMAIN,
    TEAM_ID,
    USER_ID,
    USER_NAME,
    VERIFICATION_TOKEN,
    new_response_url,
    new_trigger_id,
)


def slash_command_payload(
    command: str = "/recover",
    text: str = "",
    team_id: str = TEAM_ID,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    response_url: str | None = None,
    trigger_id: str | None = None,
    *,
    team_domain: str = TEAM_DOMAIN,
    channel_name: str = CHANNEL_NAME,
    user_name: str = USER_NAME,
    api_app_id: str = APP_ID,
    enterprise_id: str | None = None,
    enterprise_name: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, str]:
    """The form fields of a slash command invocation (also the Socket Mode ``slash_commands`` payload)."""
    fields: dict[str, str] = {"token": VERIFICATION_TOKEN, "team_id": team_id, "team_domain": team_domain}
    if enterprise_id is not None:
        fields["enterprise_id"] = enterprise_id
        fields["enterprise_name"] = enterprise_name or "Amends Enterprise"
    fields.update(
        {
            "channel_id": channel_id,
            "channel_name": channel_name,
            "user_id": user_id,
            "user_name": user_name,
            "command": command,
            "text": text,
            "api_app_id": api_app_id,
            "is_enterprise_install": "true" if is_enterprise_install else "false",
            "response_url": response_url or new_response_url(team_id),
            "trigger_id": trigger_id or new_trigger_id(),
        }
    )
    return fields
