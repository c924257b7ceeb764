"""slack-sdk's own installation store, wrapped so every token is encrypted at rest.

Wrapped, not forked: saves and finds go through the real AsyncSQLAlchemyInstallationStore; this
only seals each token field on the way in and opens it on the way out. OAuth mode does not start
without AMENDS_ENCRYPTION_KEY, which is either

- a Fernet key (what `Fernet.generate_key()` prints), used as it is: `enc:v2:k:<token>`; or
- any other passphrase, stretched by scrypt with a random salt kept in the value:
  `enc:v2:s:<salt>:<token>`. Each process seals under one salt of its own, and the key derived
  for each salt is cached, so scrypt runs once per salt (in a thread), not once per token.

At start-up, `reseal_stored_tokens` brings what older versions stored up to this: tokens in
plain text, and `enc:<token>` values sealed under the old unsalted derivation (the key as a
Fernet key, or a passphrase's SHA-256). A key that cannot open what is stored stops start-up and
says what to do; nothing is changed then.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import copy
import hashlib
import logging
import os
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from sqlalchemy import Table, select, update

from bot.settings import SettingsError

log = logging.getLogger(__name__)

TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token",
                "incoming_webhook_url")
PREFIX = "enc:"
KEYED = "enc:v2:k:"
SALTED = "enc:v2:s:"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
"""About 0.1 s and 32 MiB per guess: cheap once per salt, dear for whoever guesses passphrases."""
SHORT_PASSPHRASE = 16
MAKE_A_KEY = ("python -c 'from cryptography.fernet import Fernet; "
              "print(Fernet.generate_key().decode())'")
T = TypeVar("T", Installation, Bot)


class TokenKeyMismatch(RuntimeError):
    """A stored token that AMENDS_ENCRYPTION_KEY cannot open."""


class StoredTokensLocked(SettingsError):
    """Start-up refused: the stored tokens were sealed under another key."""


def _fernet_key(key: str) -> bytes | None:
    """The key itself when Fernet takes it as a key (32 bytes, url-safe base64), else None."""
    try:
        Fernet(key.encode())
    except ValueError:
        return None
    return key.encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenCipher:
    def __init__(self, key: str) -> None:
        if not key:
            raise SettingsError("AMENDS_ENCRYPTION_KEY is empty")
        self._passphrase = key.encode()
        raw_key = _fernet_key(key)
        self._keyed = Fernet(raw_key) if raw_key else None
        self._legacy = Fernet(raw_key or base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))
        self._salt = os.urandom(16)
        self._derived: dict[bytes, Fernet] = {}
        if raw_key is None and len(key) < SHORT_PASSPHRASE:
            log.warning("AMENDS_ENCRYPTION_KEY is a short passphrase (%d characters); use at least %d, "
                        "or a Fernet key made with: %s", len(key), SHORT_PASSPHRASE, MAKE_A_KEY)

    async def seal(self, plain: str) -> str:
        if self._keyed is not None:
            return KEYED + self._keyed.encrypt(plain.encode()).decode()
        fernet = await self._for_salt(self._salt)
        return f"{SALTED}{_b64(self._salt)}:{fernet.encrypt(plain.encode()).decode()}"

    async def open(self, stored: str) -> str:
        """The token; a value without the prefix is plain text from before encryption."""
        try:
            if stored.startswith(KEYED) and self._keyed is not None:
                return self._keyed.decrypt(stored[len(KEYED):].encode()).decode()
            if stored.startswith(SALTED) and self._keyed is None:
                salt, _, token = stored[len(SALTED):].partition(":")
                return (await self._for_salt(_unb64(salt))).decrypt(token.encode()).decode()
            if stored.startswith((KEYED, SALTED)):
                raise InvalidToken  # sealed under the other kind of key
            if stored.startswith(PREFIX):
                return self._legacy.decrypt(stored[len(PREFIX):].encode()).decode()
        except (InvalidToken, binascii.Error, ValueError):
            raise TokenKeyMismatch("a stored Slack token cannot be decrypted: AMENDS_ENCRYPTION_KEY "
                                   "is not the key it was saved with") from None
        return stored

    def is_current(self, stored: str) -> bool:
        return stored.startswith(KEYED if self._keyed is not None else SALTED)

    async def _for_salt(self, salt: bytes) -> Fernet:
        fernet = self._derived.get(salt)
        if fernet is None:
            derived = await asyncio.to_thread(self._derive, salt)
            fernet = self._derived[salt] = Fernet(base64.urlsafe_b64encode(derived))
        return fernet

    def _derive(self, salt: bytes) -> bytes:
        return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(self._passphrase)


class EncryptedInstallationStore(AsyncInstallationStore):
    def __init__(self, inner: AsyncInstallationStore, key: str) -> None:
        self.inner = inner
        self.cipher = TokenCipher(key)

    @property
    def logger(self) -> Any:
        return self.inner.logger

    async def async_save(self, installation: Installation) -> None:
        await self.inner.async_save(await self._sealed(installation))

    async def async_save_bot(self, bot: Bot) -> None:
        await self.inner.async_save_bot(await self._sealed(bot))

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        bot = await self.inner.async_find_bot(enterprise_id=enterprise_id, team_id=team_id,
                                              is_enterprise_install=is_enterprise_install)
        return None if bot is None else await self._opened(bot)

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None,
                                      is_enterprise_install: bool | None = False) -> Installation | None:
        found = await self.inner.async_find_installation(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id,
            is_enterprise_install=is_enterprise_install)
        return None if found is None else await self._opened(found)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await self.inner.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id,
                                                   user_id=user_id)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self.inner.async_delete_all(enterprise_id=enterprise_id, team_id=team_id)

    async def _sealed(self, item: T) -> T:
        sealed = copy.copy(item)
        for field in TOKEN_FIELDS:
            value = getattr(sealed, field, None)
            if value and not value.startswith(PREFIX):
                setattr(sealed, field, await self.cipher.seal(value))
        return sealed

    async def _opened(self, item: T) -> T:
        for field in TOKEN_FIELDS:
            value = getattr(item, field, None)
            if value:
                setattr(item, field, await self.cipher.open(value))
        return item


async def reseal_stored_tokens(inner: AsyncSQLAlchemyInstallationStore, cipher: TokenCipher) -> int:
    """Seals every stored token this way: plain ones and old `enc:` ones. All or nothing: if the
    key cannot open one of them, nothing changes and start-up stops with the fix."""
    changes: list[tuple[Table, int, dict[str, str]]] = []
    locked = total = 0
    async with inner.engine.begin() as conn:
        for table in (inner.installations, inner.bots):
            columns = [table.c[name] for name in TOKEN_FIELDS if name in table.c]
            rows = await conn.execute(select(table.c.id, *columns).where(table.c.client_id == inner.client_id))
            for row in rows.mappings():
                change: dict[str, str] = {}
                for column in columns:
                    stored = row[column.name]
                    if not stored:
                        continue
                    total += 1
                    try:
                        plain = await cipher.open(stored)
                    except TokenKeyMismatch:
                        locked += 1
                        continue
                    if not cipher.is_current(stored):
                        change[column.name] = await cipher.seal(plain)
                if change:
                    changes.append((table, row["id"], change))
        if locked:
            raise StoredTokensLocked(
                f"AMENDS_ENCRYPTION_KEY cannot open {locked} of the {total} Slack tokens stored in the "
                "database: they were saved under another key. Start Amends with the key they were "
                "saved with. If that key is lost, so are the tokens: delete the rows of slack_bots and "
                "slack_installations and install Amends again in each workspace from /slack/install.")
        for table, row_id, change in changes:
            await conn.execute(update(table).where(table.c.id == row_id).values(**change))
    if changes:
        log.info("re-encrypted the Slack tokens of %d stored rows under AMENDS_ENCRYPTION_KEY", len(changes))
    return len(changes)
