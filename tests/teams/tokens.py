"""A local stand-in for the Bot Framework's token issuer: OpenID metadata and a JWKS with a
key the test makes, on 127.0.0.1, and tokens signed with it as the Bot Connector signs them
(RS256, `iss` https://api.botframework.com, `aud` the bot's app id, `serviceurl`, and the
key endorsed for the "msteams" channel). botbuilder reads the metadata URL from its settings
(TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL, which AMENDS_TEAMS_OPENID_METADATA sets)."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.slack.fake.server import LocalServer

ISSUER = "https://api.botframework.com"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class TokenIssuer(LocalServer):
    def __init__(self, key: rsa.RSAPrivateKey | None = None, kid: str = "test-key-1",
                 endorsements: tuple[str, ...] = ("msteams",)) -> None:
        super().__init__()
        self.key, self.kid, self.endorsements = key or new_key(), kid, endorsements
        self.fetches = 0

    @property
    def url(self) -> str:
        return self.origin

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self._metadata)
        app.router.add_get("/v1/.well-known/keys", self._keys)
        return app

    async def _metadata(self, _: web.Request) -> web.Response:
        self.fetches += 1
        return web.json_response({"issuer": ISSUER, "jwks_uri": f"{self.url}/v1/.well-known/keys",
                                  "id_token_signing_alg_values_supported": ["RS256"]})

    async def _keys(self, _: web.Request) -> web.Response:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk |= {"kid": self.kid, "use": "sig", "endorsements": list(self.endorsements)}
        return web.json_response({"keys": [jwk]})

    def token(self, app_id: str, service_url: str, *, key: rsa.RSAPrivateKey | None = None,
              **claims: Any) -> str:
        now = int(time.time())  # PyJWT checks expiry against the wall clock
        payload: dict[str, Any] = {"iss": ISSUER, "aud": app_id, "serviceurl": service_url,
                                   "nbf": now - 60, "iat": now - 60, "exp": now + 3600}
        payload.update(claims)
        payload = {name: value for name, value in payload.items() if value is not None}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": self.kid})
