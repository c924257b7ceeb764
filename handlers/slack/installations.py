"""slack-sdk's own installation store, wrapped so every token is encrypted at rest.

Wrapped, not forked: saves and finds go through the real AsyncSQLAlchemyInstallationStore; this
only encrypts each token field on the way in and decrypts it on the way out (Fernet, keyed by
AMENDS_ENCRYPTION_KEY). Without a key the store is used as it is.
"""

from __future__ import annotations

import base64
import copy
import hashlib
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore

TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token",
                "incoming_webhook_url")
PREFIX = "enc:"
T = TypeVar("T", Installation, Bot)


def fernet_for(key: str) -> Fernet:
    """A Fernet key as given, or one derived from any passphrase (32 bytes of its SHA-256)."""
    try:
        return Fernet(key.encode())
    except ValueError:
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


class EncryptedInstallationStore(AsyncInstallationStore):
    def __init__(self, inner: AsyncInstallationStore, key: str) -> None:
        self.inner = inner
        self.fernet = fernet_for(key)

    @property
    def logger(self) -> Any:
        return self.inner.logger

    async def async_save(self, installation: Installation) -> None:
        await self.inner.async_save(self._sealed(installation))

    async def async_save_bot(self, bot: Bot) -> None:
        await self.inner.async_save_bot(self._sealed(bot))

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        bot = await self.inner.async_find_bot(enterprise_id=enterprise_id, team_id=team_id,
                                              is_enterprise_install=is_enterprise_install)
        return None if bot is None else self._opened(bot)

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None,
                                      is_enterprise_install: bool | None = False) -> Installation | None:
        found = await self.inner.async_find_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id,
            is_enterprise_install=is_enterprise_install)
        return None if found is None else self._opened(found)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await self.inner.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id,
                                                   user_id=user_id)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)

    def _sealed(self, item: T) -> T:
        sealed = copy.copy(item)
        for field in TOKEN_FIELDS:
            value = getattr(sealed, field, None)
            if value and not value.startswith(PREFIX):
                setattr(sealed, field, PREFIX + self.fernet.encrypt(value.encode()).decode())
        return sealed

    def _opened(self, item: T) -> T:
        for field in TOKEN_FIELDS:
            value = getattr(item, field, None)
            if value and value.startswith(PREFIX):
                try:
                    setattr(item, field, self.fernet.decrypt(value[len(PREFIX):].encode()).decode())
                except InvalidToken:
                    raise RuntimeError("a stored Slack token cannot be decrypted: "
                                       "AMENDS_ENCRYPTION_KEY is not the key it was saved with") from None
        return item
