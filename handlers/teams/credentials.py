"""The bot's own token for its calls to the Bot Connector, fetched once and kept.

botbuilder 4.17 builds new credentials, and so a new MSAL client with an empty token cache,
for every connector client it makes: every turn and every proactive send would ask Entra ID
for a token, with a blocking HTTP call on the event loop. Here one credentials object per
(scope, login endpoint) is kept for the process; `warm()` fetches or renews its token in a
worker thread (at start, then every few minutes), so the loop only reads a token in memory.
Only when no token was ever fetched (Entra unreachable since start) does a send fetch one
inline, once.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from botframework.connector.auth import (
    AuthenticationConstants,
    MicrosoftAppCredentials,
    ServiceClientCredentialsFactory,
)
from msal import ConfidentialClientApplication
from msrest.authentication import Authentication

log = logging.getLogger(__name__)
RENEW_BEFORE = 600.0
"""Seconds before expiry at which a kept token is renewed."""


class KeptCredentials(MicrosoftAppCredentials):  # type: ignore[misc]
    """botbuilder's credentials, with the token kept and renewed off the event loop."""

    def __init__(self, app_id: str, password: str, tenant: str | None, scope: str, authority: str,
                 monotonic: Any = time.monotonic) -> None:
        super().__init__(app_id, password, tenant, scope)
        self.oauth_endpoint = authority
        self.monotonic = monotonic
        self._kept: tuple[str, float] | None = None
        self._lock = threading.Lock()
        self._msal: ConfidentialClientApplication | None = None

    def _client(self) -> ConfidentialClientApplication:
        """MSAL's client, made on first use: making it already asks the authority for its
        metadata (network I/O), so it happens in `warm`, off the event loop."""
        if self._msal is None:
            microsoft = self.oauth_endpoint.lower().startswith(
                AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX)
            self._msal = ConfidentialClientApplication(
                self.microsoft_app_id, client_credential=self.microsoft_app_password,
                authority=self.oauth_endpoint, validate_authority=microsoft, instance_discovery=microsoft,
                timeout=10)
        return self._msal

    def get_access_token(self, force_refresh: bool = False) -> str:
        kept = self._kept
        if kept is not None and not force_refresh and kept[1] > self.monotonic():
            token: str = kept[0]
            return token
        return self.warm(force_refresh)

    def warm(self, force: bool = False) -> str:
        """A token valid for a while yet: the kept one, or a new one from Entra ID (blocking:
        call it in a worker thread)."""
        with self._lock:
            kept = self._kept
            if kept is not None and not force and kept[1] - RENEW_BEFORE > self.monotonic():
                return kept[0]
            scope = self.oauth_scope if self.oauth_scope.endswith("/.default") else f"{self.oauth_scope}/.default"
            answer = self._client().acquire_token_for_client(scopes=[scope])
            if "access_token" not in answer:
                raise PermissionError(f"Entra ID refused the bot's token: {answer.get('error', 'unknown error')}")
            lifetime = float(answer.get("expires_in") or 3600)
            self._kept = (str(answer["access_token"]), self.monotonic() + lifetime)
            return self._kept[0]


class KeptCredentialFactory(ServiceClientCredentialsFactory):  # type: ignore[misc]
    """Password credentials (SingleTenant), one kept per scope and endpoint. Anything else
    (UserAssignedMSI) goes to botbuilder's own factory."""

    def __init__(self, inner: ServiceClientCredentialsFactory, app_id: str | None, password: str | None,
                 tenant: str | None) -> None:
        self.inner, self.app_id, self.password, self.tenant = inner, app_id, password, tenant
        self.kept: dict[tuple[str, str], KeptCredentials] = {}

    async def is_valid_app_id(self, app_id: str) -> bool:
        return bool(await self.inner.is_valid_app_id(app_id))

    async def is_authentication_disabled(self) -> bool:
        return bool(await self.inner.is_authentication_disabled())

    async def create_credentials(self, app_id: str, oauth_scope: str, login_endpoint: str,
                                 validate_authority: bool) -> Authentication:
        if not self.password or not self.app_id or app_id != self.app_id:
            own: Authentication = await self.inner.create_credentials(app_id, oauth_scope, login_endpoint,
                                                                      validate_authority)
            return own
        scope = oauth_scope or AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
        authority = _authority(login_endpoint, self.tenant)
        key = (scope, authority)
        if key not in self.kept:
            self.kept[key] = KeptCredentials(app_id, self.password, self.tenant, scope, authority)
        return self.kept[key]

    async def prepare(self, scope: str, login_endpoint: str | None) -> KeptCredentials | None:
        """The credentials the bot's calls will use, made before the first turn needs them."""
        if not self.password or not self.app_id:
            return None
        made = await self.create_credentials(self.app_id, scope, login_endpoint or "", False)
        return made if isinstance(made, KeptCredentials) else None

    def warm_all(self) -> None:
        """Renews every kept token due for it (a worker thread's job); failures are logged and
        the kept token, if any, stands."""
        for credentials in list(self.kept.values()):
            try:
                credentials.warm()
            except Exception as error:  # Entra ID down: the kept token stands until it expires
                log.warning("Teams: could not renew the bot's token (%s: %s)", type(error).__name__,
                            str(error)[:200])


def _authority(login_endpoint: str | None, tenant: str | None) -> str:
    """Azure's public cloud: the tenant's own authority (a single-tenant bot's token comes
    from its tenant); anything else (a sovereign cloud, a test) as configured."""
    endpoint = str(login_endpoint or AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL).rstrip("/")
    prefix = str(AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX)
    if endpoint.lower().startswith(prefix):
        return prefix + str(tenant or AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT)
    return endpoint
