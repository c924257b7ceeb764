"""A local stand-in for Entra ID's token service, over https on 127.0.0.1 with a certificate
the test makes (MSAL only talks https): the tenant's OpenID configuration and its token
endpoint for the client-credentials grant a bot uses. It records each token request."""

from __future__ import annotations

import datetime
import ipaddress
import itertools
import ssl
from pathlib import Path

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.slack.fake.server import LocalServer


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(hours=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "entra.pem", folder / "entra.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class LocalEntra(LocalServer):
    def __init__(self, folder: Path, app_id: str, secret: str, lifetime: int = 3599) -> None:
        super().__init__()
        self.lifetime = lifetime
        """Seconds each token is good for (MSAL itself renews one within five minutes of expiry)."""
        self.cert, self.key = self_signed(folder)
        self.app_id, self.secret = app_id, secret
        self.token_requests: list[dict[str, str]] = []
        self._tokens = itertools.count(1)
        self.ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ssl_context.load_cert_chain(self.cert, self.key)

    @property
    def base(self) -> str:
        return self.origin

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/{tenant}/v2.0/.well-known/openid-configuration", self._configuration)
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        return app

    async def _configuration(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        root = f"{self.base}/{tenant}"
        return web.json_response({"issuer": f"{root}/v2.0", "token_endpoint": f"{root}/oauth2/v2.0/token",
                                  "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
                                  "token_endpoint_auth_methods_supported": ["client_secret_post"]})

    async def _token(self, request: web.Request) -> web.Response:
        form = {key: str(value) for key, value in (await request.post()).items()}
        self.token_requests.append(form)
        if form.get("client_id") != self.app_id or form.get("client_secret") != self.secret:
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response({"token_type": "Bearer", "expires_in": self.lifetime,
                                  "access_token": f"entra-token-{next(self._tokens)}"})
