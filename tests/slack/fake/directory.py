"""conversations.open, users.info and usergroups.*: the workspace directory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.slack.fake.records import Call
from tests.slack.ids import USER_ID

if TYPE_CHECKING:
    from tests.slack.fake_api import FakeSlackApi

JsonDict = dict[str, Any]


_TZ_LABELS = {
    "Europe/Paris": ("Central European Time", "Central European Summer Time"),
    "Europe/London": ("Greenwich Mean Time", "British Summer Time"),
    "America/New_York": ("Eastern Standard Time", "Eastern Daylight Time"),
    "America/Los_Angeles": ("Pacific Standard Time", "Pacific Daylight Time"),
    "UTC": ("Coordinated Universal Time", "Coordinated Universal Time"),
}


def _truthy(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "yes")


def _tz_details(tz: str) -> tuple[int, str]:
    try:
        now = datetime.now(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return 0, tz
    offset = now.utcoffset()
    dst = now.dst()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    labels = _TZ_LABELS.get(tz)
    if labels is None:
        return seconds, now.tzname() or tz
    return seconds, labels[1 if dst else 0]


def user_object(api: FakeSlackApi, user_id: str) -> JsonDict:
    """The ``user`` object users.info answers for ``user_id``."""
    over = dict(api.users.get(user_id, {}))
    team_id = api.identity.team_id
    tz = str(over.get("tz", "Europe/Paris"))
    offset, label = _tz_details(tz)
    name = str(over.get("name", user_id.lower()))
    real_name = str(over.get("real_name", f"User {user_id}"))
    is_bot = user_id == api.identity.user_id
    profile: JsonDict = {
        "title": "",
        "phone": "",
        "real_name": real_name,
        "real_name_normalized": real_name,
        "display_name": str(over.get("display_name", name)),
        "display_name_normalized": str(over.get("display_name", name)),
        "status_text": "",
        "status_emoji": "",
        "avatar_hash": "g000000000ab",
        "image_48": "https://secure.gravatar.com/avatar/000.jpg?s=48",
        "team": team_id,
    }
    if not is_bot:
        profile["email"] = f"{name}@example.com"
    profile.update(over.pop("profile", {}) or {})
    user: JsonDict = {
        "id": user_id,
        "team_id": team_id,
        "name": name,
        "deleted": False,
        "color": "9f69e7",
        "real_name": real_name,
        "tz": tz,
        "tz_label": label,
        "tz_offset": offset,
        "profile": profile,
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": is_bot,
        "is_app_user": False,
        "updated": 1_700_000_000,
        "is_email_confirmed": not is_bot,
        "who_can_share_contact_card": "EVERYONE",
    }
    user.update(over)
    return user


def _conversations_open(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    if p.get("channel"):
        return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": str(p["channel"])}}
    users_param = p.get("users") or ""
    users = users_param if isinstance(users_param, list) else [u.strip() for u in str(users_param).split(",")]
    users = [u for u in users if u]
    if not users:
        return {"ok": False, "error": "users_list_not_supplied"}
    if len(users) == 1:
        user = users[0]
        already = user in api.open_dms
        api.open_dms.add(user)
        return {"ok": True, "no_op": already, "already_open": already, "channel": {"id": "D" + user}}
    return {"ok": True, "no_op": False, "already_open": False, "channel": {"id": "G" + "".join(sorted(users))[:10]}}


def _users_info(api: FakeSlackApi, call: Call) -> JsonDict:
    user_id = str(call.params.get("user") or "")
    if not user_id or (api.known_users_only and user_id not in api.users):
        return {"ok": False, "error": "user_not_found"}
    user = api.user_info(user_id)
    if _truthy(call.params.get("include_locale", "")):
        user.setdefault("locale", "en-US")
    return {"ok": True, "user": user}


def _usergroup_object(api: FakeSlackApi, group_id: str, group: JsonDict, *, include_users: bool) -> JsonDict:
    handle = str(group.get("handle", group_id.lower()))
    users = list(group.get("users", []))
    disabled = bool(group.get("disabled", False))
    obj: JsonDict = {
        "id": group_id,
        "team_id": api.identity.team_id,
        "is_usergroup": True,
        "is_subteam": True,
        "name": str(group.get("name", handle.replace("-", " ").title())),
        "description": str(group.get("description", "")),
        "handle": handle,
        "is_external": False,
        "date_create": 1_700_000_000,
        "date_update": 1_700_000_000,
        "date_delete": 1_700_000_500 if disabled else 0,
        "auto_type": None,
        "auto_provision": False,
        "enterprise_subteam_id": "",
        "created_by": USER_ID,
        "updated_by": USER_ID,
        "deleted_by": USER_ID if disabled else None,
        "prefs": {"channels": [], "groups": []},
        "user_count": len(users),
        "channel_count": 0,
    }
    if include_users:
        obj["users"] = users
    return obj


def _usergroups_list(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    include_disabled = _truthy(p.get("include_disabled", ""))
    include_users = _truthy(p.get("include_users", ""))
    groups = [
        _usergroup_object(api, gid, group, include_users=include_users)
        for gid, group in api.usergroups.items()
        if include_disabled or not group.get("disabled", False)
    ]
    return {"ok": True, "usergroups": groups}


def _usergroups_users_list(api: FakeSlackApi, call: Call) -> JsonDict:
    group_id = str(call.params.get("usergroup") or "")
    group = api.usergroups.get(group_id)
    if group is None:
        return {"ok": False, "error": "no_such_subteam"}
    if group.get("disabled") and not _truthy(call.params.get("include_disabled", "")):
        return {"ok": False, "error": "no_such_subteam"}
    return {"ok": True, "users": list(group.get("users", []))}


METHODS: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    "conversations.open": _conversations_open,
    "users.info": _users_info,
    "usergroups.list": _usergroups_list,
    "usergroups.users.list": _usergroups_users_list,
}
