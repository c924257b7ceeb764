"""views.* methods: modals and App Home tabs are stored in ``api.views``."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.slack.fake.blocks import MAX_VIEW_BLOCKS, block_errors, invalid_arguments, invalid_blocks, plain_text
from tests.slack.fake.records import Call

if TYPE_CHECKING:
    from tests.slack.fake_api import FakeSlackApi

JsonDict = dict[str, Any]


def _views_check(api: FakeSlackApi, view: Any) -> JsonDict | None:
    if not isinstance(view, dict):
        return invalid_arguments("missing required field: view")
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return invalid_arguments("must be a valid enum value [json-pointer:/view/type]")
    messages: list[str] = []
    if kind == "modal":
        title = view.get("title")
        if not isinstance(title, dict):
            messages.append("missing required field: title [json-pointer:/view/title]")
        elif len(plain_text(title)) > 24:
            messages.append("must be less than 25 characters [json-pointer:/view/title/text]")
        for key in ("submit", "close"):
            if isinstance(view.get(key), dict) and len(plain_text(view[key])) > 24:
                messages.append(f"must be less than 25 characters [json-pointer:/view/{key}/text]")
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or [])
        if has_input and not view.get("submit"):
            messages.append("missing required field: submit [json-pointer:/view/submit]")
    if len(str(view.get("private_metadata") or "")) > 3000:
        messages.append("must be less than 3001 characters [json-pointer:/view/private_metadata]")
    if len(str(view.get("callback_id") or "")) > 255:
        messages.append("must be less than 256 characters [json-pointer:/view/callback_id]")
    if messages:
        return invalid_arguments(*messages)
    if api.validate_blocks:
        errors = block_errors(view.get("blocks") or [], limit=MAX_VIEW_BLOCKS)
        if errors:
            return invalid_blocks(errors)
    return None


def _view_object(
    api: FakeSlackApi,
    call: Call,
    view: JsonDict,
    *,
    view_id: str,
    root_view_id: str | None = None,
    previous_view_id: str | None = None,
) -> JsonDict:
    ident = api.identity_for(call.token)
    return {
        "id": view_id,
        "team_id": ident.team_id,
        "type": view.get("type"),
        "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "state": {"values": {}},
        "hash": f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
        "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close", False)),
        "notify_on_close": bool(view.get("notify_on_close", False)),
        "close": view.get("close"),
        "submit": view.get("submit"),
        "previous_view_id": previous_view_id,
        "root_view_id": root_view_id or view_id,
        "app_id": ident.app_id,
        "external_id": view.get("external_id", ""),
        "app_installed_team_id": ident.team_id,
        "bot_id": ident.bot_id,
    }


def _views_open_or_push(api: FakeSlackApi, call: Call) -> JsonDict:
    """views.open and views.push answer alike: a new view id for the view opened by a trigger."""
    if not call.params.get("trigger_id") and not call.params.get("interactivity_pointer"):
        return invalid_arguments("missing required field: trigger_id")
    view = call.params.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    stored = _view_object(api, call, view, view_id=api.next_id("V"))
    api.views[stored["id"]] = stored
    return {"ok": True, "view": stored}


def _views_update(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    view = p.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    view_id = str(p.get("view_id") or "")
    external_id = str(p.get("external_id") or "")
    if not view_id and external_id:
        view_id = next((v["id"] for v in api.views.values() if v.get("external_id") == external_id), "")
        if not view_id:
            if api.strict:
                return {"ok": False, "error": "not_found"}
            view_id = api.next_id("V")
    if not view_id:
        return invalid_arguments("view_id or external_id is required")
    existing = api.views.get(view_id)
    if existing is None and api.strict:
        return {"ok": False, "error": "not_found"}
    if existing is not None and p.get("hash") and p["hash"] != existing.get("hash"):
        return {"ok": False, "error": "hash_conflict"}
    stored = _view_object(
        api,
        call,
        view,
        view_id=view_id,
        root_view_id=existing.get("root_view_id") if existing else None,
        previous_view_id=existing.get("previous_view_id") if existing else None,
    )
    api.views[view_id] = stored
    return {"ok": True, "view": stored}


def _views_publish(api: FakeSlackApi, call: Call) -> JsonDict:
    user_id = str(call.params.get("user_id") or "")
    if not user_id:
        return invalid_arguments("missing required field: user_id")
    view = call.params.get("view")
    problem = _views_check(api, view)
    if problem is not None:
        return problem
    assert isinstance(view, dict)
    if view.get("type") != "home":
        return invalid_arguments("must be home [json-pointer:/view/type]")
    view_id = api.home_views.get(user_id) or api.next_id("V")
    api.home_views[user_id] = view_id
    stored = _view_object(api, call, view, view_id=view_id)
    api.views[view_id] = stored
    return {"ok": True, "view": stored}


METHODS: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    "views.open": _views_open_or_push,
    "views.update": _views_update,
    "views.push": _views_open_or_push,
    "views.publish": _views_publish,
}
