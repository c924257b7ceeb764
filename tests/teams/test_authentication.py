"""Who may post to /api/messages. With an app id, only a request carrying a token the Bot
Connector signed (checked by botbuilder against the issuer's published keys) changes
anything; everything else is 401 and changes nothing. Without one, only local development on
127.0.0.1, switched on explicitly, is let in."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import make_mocked_request

from bot.settings import PlatformSection, Settings, SettingsError
from handlers.teams import config as teams_config
from tests.teams import activities as act
from tests.teams.activities import ANN
from tests.teams.app import TeamsApp, teams_app
from tests.teams.entra import LocalEntra
from tests.teams.tokens import TokenIssuer, new_key

APP_ID = "7d1c2b3a-1111-4aaa-8bbb-123456789abc"
TENANT_ID = act.TENANT


@pytest.fixture
async def issuer() -> AsyncIterator[TokenIssuer]:
    started = await TokenIssuer().start()
    try:
        yield started
    finally:
        await started.stop()


def production(issuer: TokenIssuer) -> dict[str, str]:
    return {"MicrosoftAppId": APP_ID, "MicrosoftAppPassword": "a-client-secret-for-tests",
            "MicrosoftAppTenantId": TENANT_ID, "MicrosoftAppType": "SingleTenant",
            teams_config.OPENID_METADATA: issuer.metadata_url}


async def nothing_changed(app: TeamsApp) -> None:
    assert await app.scalar("select count(*) from conversations") == 0
    assert await app.scalar("select count(*) from cases") == 0
    assert app.connector.calls == []


def _unsigned(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


async def test_requests_without_a_valid_token_get_401_and_change_nothing(
        issuer: TokenIssuer, database_url: str) -> None:
    async with teams_app(database_url, environment=production(issuer)) as app:
        url = app.connector.url
        report = act.message(ANN, "recover table 7 the soup came out cold", url)
        stranger = new_key()
        refused = {
            "no token": {},
            "not a bearer": {"Authorization": "Basic YW5uOnNlY3JldA=="},
            "garbage": {"Authorization": "Bearer abc.def.ghi"},
            "empty bearer": {"Authorization": "Bearer "},
            "no iss": {"Authorization": "Bearer " + issuer.token(APP_ID, url, iss=None)},
            "unsigned": {"Authorization": "Bearer " + _unsigned({"iss": "https://api.botframework.com",
                                                                 "aud": APP_ID, "serviceurl": url})},
            "signed by someone else": {"Authorization": "Bearer " + issuer.token(APP_ID, url, key=stranger)},
            "another bot's": {"Authorization": "Bearer " + issuer.token("another-app", url)},
            "expired": {"Authorization": "Bearer " + issuer.token(APP_ID, url, exp=1_700_000_000)},
            "for another service": {"Authorization": "Bearer " + issuer.token(APP_ID, "http://127.0.0.1:9/")},
        }
        for why, headers in refused.items():
            response = await app.post(report, headers=headers)
            assert response.status == 401, why
        no_type = await app.session.post(app.url + "/api/messages", data=json.dumps(report).encode(),
                                         headers={"Authorization": "Bearer abc.def.ghi"})
        assert no_type.status == 401
        await nothing_changed(app)


async def test_a_token_the_connector_signed_is_accepted(issuer: TokenIssuer, database_url: str) -> None:
    async with teams_app(database_url, environment=production(issuer)) as app:
        url = app.connector.url
        token = issuer.token(APP_ID, url)
        added = act.added_to_team(ANN, act.KITCHEN, url)
        response = await app.post(added, headers={"Authorization": f"Bearer {token}"})
        assert response.status == 200
        assert await app.scalar("select count(*) from conversations where key = :k", k=act.KITCHEN) == 1
        assert issuer.fetches >= 1, "botbuilder checked the signature against the published keys"


async def test_a_key_not_endorsed_for_teams_is_refused(database_url: str) -> None:
    issuer = await TokenIssuer(endorsements=("webchat",)).start()
    try:
        async with teams_app(database_url, environment=production(issuer)) as app:
            url = app.connector.url
            response = await app.post(act.added_to_team(ANN, act.KITCHEN, url),
                                      headers={"Authorization": f"Bearer {issuer.token(APP_ID, url)}"})
            assert response.status == 401
            await nothing_changed(app)
    finally:
        await issuer.stop()


async def test_local_development_accepts_127_0_0_1_replying_only_to_127_0_0_1(database_url: str) -> None:
    async with teams_app(database_url) as app:
        elsewhere = act.message(ANN, "recover table 7 the soup came out cold", "https://smba.example.net/emea/")
        assert (await app.post(elsewhere)).status == 401
        await nothing_changed(app)
        local = act.message(ANN, "recover table 7 the soup came out cold", app.connector.url)
        assert (await app.post(local)).status == 200
        assert await app.scalar("select count(*) from cases") == 1


async def test_local_development_refuses_other_hosts(database_url: str) -> None:
    async with teams_app(database_url) as app:
        request = make_mocked_request("POST", "/api/messages", headers={"Content-Type": "application/json"},
                                      transport=_peer("192.0.2.10"))
        assert app.server._may_enter(request, "") is False
        assert app.server._may_enter(make_mocked_request("POST", "/api/messages", transport=_peer("127.0.0.1")),
                                     "") is True


def _peer(host: str) -> Any:
    class Transport:
        def get_extra_info(self, name: str, default: Any = None) -> Any:
            return (host, 50000) if name == "peername" else default

        def is_closing(self) -> bool:
            return False

    return Transport()


async def test_malformed_bodies_get_400_not_500(database_url: str) -> None:
    async with teams_app(database_url) as app:
        for raw in (b"{", b"[]", b"\xff\xfe", b'{"type": 7}', b'"text"', b"{}"):
            response = await app.post({}, raw=raw)
            assert response.status in (400, 401), (raw, response.status)
            assert response.status != 500
        await nothing_changed(app)


def test_without_an_app_id_teams_needs_local_development_switched_on() -> None:
    with pytest.raises(SettingsError, match="MicrosoftAppId"):
        teams_config.load(Settings(environment={"MicrosoftAppPassword": "x"}))
    with pytest.raises(SettingsError, match="no longer be registered"):
        teams_config.load(Settings(environment={"MicrosoftAppId": APP_ID, "MicrosoftAppType": "MultiTenant"}))
    with pytest.raises(SettingsError, match="MicrosoftAppTenantId"):
        teams_config.load(Settings(environment={"MicrosoftAppId": APP_ID, "MicrosoftAppPassword": "x"}))
    with pytest.raises(SettingsError, match="MicrosoftAppPassword"):
        teams_config.load(Settings(environment={"MicrosoftAppId": APP_ID, "MicrosoftAppTenantId": TENANT_ID}))
    msi = teams_config.load(Settings(environment={"MicrosoftAppId": APP_ID, "MicrosoftAppTenantId": TENANT_ID,
                                                  "MicrosoftAppType": "UserAssignedMSI"}))
    assert msi.app_type == "UserAssignedMSI" and msi.authenticated
    dev = teams_config.load(Settings(environment={"AMENDS_TEAMS_DEV": "1"}))
    assert dev.dev and not dev.authenticated
    ignored = teams_config.load(Settings(environment={**production_env(), "AMENDS_TEAMS_DEV": "1"}))
    assert not ignored.dev, "an app id means every request is authenticated, whatever the flag says"
    assert "a-client-secret" not in repr(ignored)
    assert teams_config.present(Settings(platforms={"teams": PlatformSection()})) is False


def production_env() -> dict[str, str]:
    return {"MicrosoftAppId": APP_ID, "MicrosoftAppPassword": "a-client-secret-for-tests",
            "MicrosoftAppTenantId": TENANT_ID}


async def test_a_single_tenant_bot_ignores_other_tenants(issuer: TokenIssuer, database_url: str) -> None:
    async with teams_app(database_url, environment=production(issuer)) as app:
        url = app.connector.url
        token = {"Authorization": f"Bearer {issuer.token(APP_ID, url)}"}
        stranger = act.message(ANN, "recover table 7 the soup came out cold", url, tenant="tenant-elsewhere")
        assert (await app.post(stranger, headers=token)).status == 200
        click = act.execute(ANN, {"amends": "offer", "case": 1, "option": 1}, url)
        click["channelData"]["tenant"]["id"] = "tenant-elsewhere"
        assert (await app.post(click, headers=token)).status == 403
        await nothing_changed(app)


async def test_the_bots_own_calls_carry_one_kept_token_from_entra(
        issuer: TokenIssuer, database_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    entra = await LocalEntra(tmp_path, APP_ID, production(issuer)["MicrosoftAppPassword"]).start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(entra.cert))  # MSAL's requests trusts the test's certificate
    environment = production(issuer) | {teams_config.LOGIN_URL: f"{entra.base}/{TENANT_ID}"}
    try:
        async with teams_app(database_url, environment=environment) as app:
            assert app.server._warming is not None
            await app.server._warming
            assert len(entra.token_requests) == 1, "fetched at start, before any turn"
            assert entra.token_requests[0]["grant_type"] == "client_credentials"
            assert entra.token_requests[0]["scope"] == "https://api.botframework.com/.default"
            url = app.connector.url
            for text in ("recover table 7 the soup came out cold", "case 1"):
                signed = {"Authorization": f"Bearer {issuer.token(APP_ID, url)}"}
                assert (await app.post(act.message(ANN, text, url), headers=signed)).status == 200
            await app.deliver()
            assert app.connector.calls, "replies and proactive posts went out"
            assert {call.authorization for call in app.connector.calls} == {"Bearer entra-token-1"}
            assert len(entra.token_requests) == 1, "one token for every turn and proactive send"
            await app.server.warm()
            assert len(entra.token_requests) == 1, "a token good for an hour is not fetched again"
    finally:
        await entra.stop()


async def test_the_bots_token_is_renewed_before_it_expires(
        issuer: TokenIssuer, database_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    entra = await LocalEntra(tmp_path, APP_ID, production(issuer)["MicrosoftAppPassword"], lifetime=240).start()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(entra.cert))
    environment = production(issuer) | {teams_config.LOGIN_URL: f"{entra.base}/{TENANT_ID}"}
    try:
        async with teams_app(database_url, environment=environment) as app:
            assert app.server._warming is not None
            await app.server._warming
            url = app.connector.url
            signed = {"Authorization": f"Bearer {issuer.token(APP_ID, url)}"}
            assert (await app.post(act.message(ANN, "recover table 7 the soup came out cold", url),
                                   headers=signed)).status == 200
            assert len(entra.token_requests) == 1, "a turn reads the kept token, still valid for 4 minutes"
            await app.server.warm()  # the scheduler's job: the token is within ten minutes of expiry
            assert len(entra.token_requests) == 2
            app.connector.forget()
            assert (await app.post(act.message(ANN, "case 1", url), headers=signed)).status == 200
            assert {call.authorization for call in app.connector.calls} == {"Bearer entra-token-2"}
    finally:
        await entra.stop()
