"""auth.test, oauth.v2.access, apps.connections.open, team.info, api.test, and issuing OAuth codes."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.slack.fake.records import Call
from tests.slack.fake.state import Identity
from tests.slack.ids import APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, TEAM_NAME, USER_ID

if TYPE_CHECKING:
    from tests.slack.fake_api import FakeSlackApi

JsonDict = dict[str, Any]


DEFAULT_BOT_SCOPES = "commands,chat:write,im:write,users:read,usergroups:read,files:write"


DEFAULT_USER_SCOPES = "identity.basic"


def _auth_test(api: FakeSlackApi, call: Call) -> JsonDict:
    ident = api.identity_for(call.token)
    answer: JsonDict = {
        "ok": True,
        "url": ident.url,
        "team": ident.team_name,
        "user": ident.user_name,
        "team_id": ident.team_id,
        "user_id": ident.user_id,
        "is_enterprise_install": ident.is_enterprise_install,
    }
    if ident.bot_id is not None:
        answer["bot_id"] = ident.bot_id
    if ident.enterprise_id is not None:
        answer["enterprise_id"] = ident.enterprise_id
    return answer


def _oauth_v2_access(api: FakeSlackApi, call: Call) -> JsonDict:
    p = call.params
    client_id, secret = p.get("client_id"), p.get("client_secret")
    if not client_id or (api.client_id is not None and client_id != api.client_id):
        return {"ok": False, "error": "invalid_client_id"}
    if not secret or (api.client_secret is not None and secret != api.client_secret):
        return {"ok": False, "error": "bad_client_secret"}
    if api.redirect_uri is not None and p.get("redirect_uri") not in (None, api.redirect_uri):
        return {"ok": False, "error": "bad_redirect_uri"}
    code = str(p.get("code") or "")
    if code in api.used_oauth_codes:
        return {"ok": False, "error": "code_already_used"}
    answer = api.oauth_codes.get(code)
    if answer is None:
        return {"ok": False, "error": "invalid_code"}
    api.used_oauth_codes.add(code)
    if api.valid_tokens is not None:
        for token in (answer.get("access_token"), (answer.get("authed_user") or {}).get("access_token")):
            if token:
                api.valid_tokens.add(str(token))
    bot_token = answer.get("access_token")
    if bot_token and bot_token not in api.identities:
        team = answer.get("team") or {}
        api.identities[str(bot_token)] = Identity(
            team_id=str(team.get("id", TEAM_ID)),
            team_name=str(team.get("name", TEAM_NAME)),
            user_id=str(answer.get("bot_user_id", BOT_USER_ID)),
            app_id=str(answer.get("app_id", APP_ID)),
        )
    return dict(answer)


def _apps_connections_open(api: FakeSlackApi, call: Call) -> JsonDict:
    if not (call.token or "").startswith("xapp-"):
        return {"ok": False, "error": "not_allowed_token_type"}
    if api.socket_url is None:
        return {"ok": False, "error": "fake_socket_url_not_configured"}
    return {"ok": True, "url": api.socket_url}


def _team_info(api: FakeSlackApi, call: Call) -> JsonDict:
    ident = api.identity_for(call.token)
    team: JsonDict = {
        "id": ident.team_id,
        "name": ident.team_name,
        "url": ident.url,
        "domain": ident.team_domain,
        "email_domain": "",
        "icon": {"image_default": True, "image_34": "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png"},
        "avatar_base_url": "https://ca.slack-edge.com/",
        "is_verified": False,
        "lob_sales_home_enabled": False,
    }
    if ident.enterprise_id is not None:
        team["enterprise_id"] = ident.enterprise_id
        team["enterprise_name"] = ident.enterprise_name or "Amends Enterprise"
    return {"ok": True, "team": team}


def _ok(api: FakeSlackApi, call: Call) -> JsonDict:
    return {"ok": True}


def _api_test(api: FakeSlackApi, call: Call) -> JsonDict:
    return {"ok": True, "args": {k: v for k, v in call.params.items() if isinstance(v, str)}}


METHODS: dict[str, Callable[[FakeSlackApi, Call], JsonDict]] = {
    "api.test": _api_test,
    "auth.test": _auth_test,
    "oauth.v2.access": _oauth_v2_access,
    "apps.connections.open": _apps_connections_open,
    "team.info": _team_info,
    "reactions.add": _ok,
    "reactions.remove": _ok,
}


class OAuthCodes:
    """Codes the fake's oauth.v2.access redeems."""

    _ids: itertools.count[int]
    oauth_codes: dict[str, JsonDict]
    identities: dict[str, Identity]

    def add_oauth_code(
        self,
        code: str = "test-code",
        *,
        team_id: str = TEAM_ID,
        team_name: str = TEAM_NAME,
        installer_user_id: str = USER_ID,
        bot_user_id: str = BOT_USER_ID,
        bot_id: str = BOT_ID,
        app_id: str = APP_ID,
        scope: str = DEFAULT_BOT_SCOPES,
        user_scope: str = DEFAULT_USER_SCOPES,
        access_token: str | None = None,
        user_token: str | None = None,
        enterprise_id: str | None = None,
        enterprise_name: str | None = None,
        is_enterprise_install: bool = False,
    ) -> JsonDict:
        """Make ``code`` redeemable once via oauth.v2.access; returns the answer it will give.

        The bot token it issues is bound to that team (auth.test answers with it); with a
        ``valid_tokens`` set, the issued tokens become valid when the code is redeemed.
        """
        n = next(self._ids)
        bot_token = access_token or f"xoxb-{team_id}-{n:04d}-{uuid.uuid4().hex[:24]}"
        answer: JsonDict = {
            "ok": True,
            "app_id": app_id,
            "authed_user": {"id": installer_user_id},
            "scope": scope,
            "token_type": "bot",
            "access_token": bot_token,
            "bot_user_id": bot_user_id,
            "team": {"id": team_id, "name": team_name},
            "enterprise": None
            if enterprise_id is None
            else {"id": enterprise_id, "name": enterprise_name or "Amends Enterprise"},
            "is_enterprise_install": is_enterprise_install,
        }
        if user_scope:
            answer["authed_user"] = {
                "id": installer_user_id,
                "scope": user_scope,
                "access_token": user_token or f"xoxp-{team_id}-{n:04d}-{uuid.uuid4().hex[:24]}",
                "token_type": "user",
            }
        self.oauth_codes[code] = answer
        self.identities[bot_token] = Identity(
            team_id=team_id,
            team_name=team_name,
            team_domain=team_name.lower().replace(" ", "-"),
            user_id=bot_user_id,
            bot_id=bot_id,
            app_id=app_id,
            enterprise_id=enterprise_id,
            enterprise_name=enterprise_name,
            is_enterprise_install=is_enterprise_install,
        )
        return answer
