"""chat.* methods: messages are stored per channel in ``api.messages``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.slack.fake.blocks import block_errors, invalid_blocks
from tests.slack.fake.records import Call

if TYPE_CHECKING:
    from tests.slack.fake_api import FakeSlackApi

JsonDict = dict[str, Any]


def _resolve_channel(api: FakeSlackApi, channel: str) -> str:
    if channel[:1] in ("U", "W"):
        api.open_dms.add(channel)
        return "D" + channel
    return channel


def _message_content(params: dict[str, Any]) -> JsonDict:
    content: JsonDict = {}
    for key in ("text", "blocks", "attachments", "metadata", "thread_ts"):
        if params.get(key) not in (None, ""):
            content[key] = params[key]
    return content


def _check_message(api: FakeSlackApi, params: dict[str, Any], *, need_content: bool) -> JsonDict | None:
    if need_content and not any(params.get(k) for k in ("text", "blocks", "attachments")):
        return {"ok": False, "error": "no_text"}
    if len(str(params.get("text") or "")) > 40_000:
        return {"ok": False, "error": "msg_too_long"}
    if api.validate_blocks and params.get("blocks") not in (None, ""):
        errors = block_errors(params["blocks"])
        if errors:
            return invalid_blocks(errors)
    return None


def _chat_post_message(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    channel = str(p.get("channel") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    problem = _check_message(api, p, need_content=True)
    if problem is not None:
        return problem
    ident = api.identity_for(call.token)
    channel_id = _resolve_channel(api, channel)
    ts = api.next_ts()
    message: JsonDict = {
        "type": "message",
        "user": ident.user_id,
        "text": str(p.get("text") or ""),
        "ts": ts,
        "team": ident.team_id,
        "app_id": ident.app_id,
    }
    if ident.bot_id is not None:
        message["bot_id"] = ident.bot_id
        message["bot_profile"] = {
            "id": ident.bot_id,
            "app_id": ident.app_id,
            "name": "Amends",
            "deleted": False,
            "team_id": ident.team_id,
        }
    message.update(_message_content(p))
    if message.get("thread_ts"):
        message["parent_user_id"] = ident.user_id
    api.messages.setdefault(channel_id, {})[ts] = message
    return {"ok": True, "channel": channel_id, "ts": ts, "message": message}


def _chat_update(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    channel, ts = str(p.get("channel") or ""), str(p.get("ts") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    if not ts:
        return {"ok": False, "error": "message_not_found"}
    problem = _check_message(api, p, need_content=False)
    if problem is not None:
        return problem
    channel_id = _resolve_channel(api, channel)
    stored = api.messages.get(channel_id, {}).get(ts)
    if stored is None:
        if api.strict:
            return {"ok": False, "error": "message_not_found"}
        ident = api.identity_for(call.token)
        stored = {"type": "message", "user": ident.user_id, "text": "", "ts": ts, "team": ident.team_id}
        api.messages.setdefault(channel_id, {})[ts] = stored
    stored.update(_message_content(p))
    stored["edited"] = {"user": stored.get("user"), "ts": api.next_ts()}
    return {"ok": True, "channel": channel_id, "ts": ts, "text": stored.get("text", ""), "message": stored}


def _chat_delete(api: FakeSlackApi, call: Call) -> JsonDict:
    channel = _resolve_channel(api, str(call.params.get("channel") or ""))
    ts = str(call.params.get("ts") or "")
    removed = api.messages.get(channel, {}).pop(ts, None)
    if removed is None and api.strict:
        return {"ok": False, "error": "message_not_found"}
    return {"ok": True, "channel": channel, "ts": ts}


def _chat_post_ephemeral(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    if not p.get("channel"):
        return {"ok": False, "error": "channel_not_found"}
    if not p.get("user"):
        return {"ok": False, "error": "user_not_in_channel"}
    problem = _check_message(api, p, need_content=True)
    if problem is not None:
        return problem
    return {"ok": True, "message_ts": api.next_ts()}


def _chat_get_permalink(api: FakeSlackApi, call: Call) -> JsonDict:
    channel = str(call.params.get("channel") or "")
    ts = str(call.params.get("message_ts") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    if not ts:
        return {"ok": False, "error": "message_not_found"}
    ident = api.identity_for(call.token)
    return {
        "ok": True,
        "channel": channel,
        "permalink": f"{ident.url}archives/{channel}/p{ts.replace('.', '')}",
    }


METHODS: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    "chat.postMessage": _chat_post_message,
    "chat.update": _chat_update,
    "chat.delete": _chat_delete,
    "chat.postEphemeral": _chat_post_ephemeral,
    "chat.getPermalink": _chat_get_permalink,
}
