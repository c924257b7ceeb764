"""View payloads: view objects, ``view_submission``, ``view_closed`` and ``state.values`` entries."""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from tests.slack.ids import APP_ID, BOT_ID, TEAM_DOMAIN, TEAM_ID, USER_ID, USER_NAME, VERIFICATION_TOKEN, new_trigger_id
from tests.slack.payloads.parts import enterprise, plain, team


def modal_view(
    callback_id: str = "",
    *,
    view_id: str = "V0001",
    team_id: str = TEAM_ID,
    title: str = "Amends",
    blocks: list[dict[str, Any]] | None = None,
    private_metadata: str = "",
    state_values: Mapping[str, Any] | None = None,
    external_id: str = "",
    root_view_id: str | None = None,
    previous_view_id: str | None = None,
    view_hash: str | None = None,
    submit: str | None = "Submit",
    close: str | None = "Cancel",
    notify_on_close: bool = False,
    api_app_id: str = APP_ID,
    view_type: str = "modal",
) -> dict[str, Any]:
    """A view object as Slack includes it in view_submission / view_closed / block_actions payloads."""
    return {
        "id": view_id,
        "team_id": team_id,
        "type": view_type,
        "blocks": list(blocks or []),
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": dict(state_values or {})},
        "hash": view_hash or f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
        "title": plain(title),
        "clear_on_close": False,
        "notify_on_close": notify_on_close,
        "close": plain(close) if close is not None else None,
        "submit": plain(submit) if submit is not None else None,
        "previous_view_id": previous_view_id,
        "root_view_id": root_view_id or view_id,
        "app_id": api_app_id,
        "external_id": external_id,
        "app_installed_team_id": team_id,
        "bot_id": BOT_ID,
    }


def view_submission(
    callback_id: str,
    state_values: Mapping[str, Any] | None = None,
    private_metadata: str = "",
    user_id: str = USER_ID,
    team_id: str = TEAM_ID,
    view_id: str = "V0001",
    *,
    user_name: str = USER_NAME,
    team_domain: str = TEAM_DOMAIN,
    view: Mapping[str, Any] | None = None,
    title: str = "Amends",
    blocks: list[dict[str, Any]] | None = None,
    external_id: str = "",
    trigger_id: str | None = None,
    response_urls: list[dict[str, str]] | None = None,
    api_app_id: str = APP_ID,
    enterprise_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any]:
    """A ``view_submission`` payload.

    ``state_values`` is Slack's ``view.state.values`` shape:
    ``{block_id: {action_id: {"type": "plain_text_input", "value": "..."}}}`` (see :func:`text_input`,
    :func:`static_select`, :func:`users_select`). Pass ``view=`` to submit an exact view dict instead.
    """
    v = (
        dict(view)
        if view is not None
        else modal_view(
            callback_id,
            view_id=view_id,
            team_id=team_id,
            title=title,
            blocks=blocks,
            private_metadata=private_metadata,
            state_values=state_values,
            external_id=external_id,
            api_app_id=api_app_id,
        )
    )
    return {
        "type": "view_submission",
        "team": team(team_id, team_domain, enterprise_id),
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": v,
        "response_urls": list(response_urls or []),
        "is_enterprise_install": is_enterprise_install,
        "enterprise": enterprise(enterprise_id),
    }


def view_closed(
    callback_id: str,
    private_metadata: str = "",
    *,
    user_id: str = USER_ID,
    user_name: str = USER_NAME,
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    view_id: str = "V0001",
    is_cleared: bool = False,
    api_app_id: str = APP_ID,
) -> dict[str, Any]:
    """A ``view_closed`` payload (only sent for views opened with ``notify_on_close``)."""
    return {
        "type": "view_closed",
        "team": team(team_id, team_domain, None),
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "view": modal_view(
            callback_id,
            view_id=view_id,
            team_id=team_id,
            private_metadata=private_metadata,
            notify_on_close=True,
            api_app_id=api_app_id,
        ),
        "is_cleared": is_cleared,
        "is_enterprise_install": False,
        "enterprise": None,
    }


# state.values entries ({block_id: {action_id: <one of these>}})


def text_input(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    if value is None:
        return {"type": "static_select", "selected_option": None}
    return {"type": "static_select", "selected_option": {"text": plain(text or value), "value": value}}


def users_select(user_id: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user_id}
