"""Who tokens belong to, uploaded files, and the stored messages/views/files with their ids and timestamps."""

from __future__ import annotations

import itertools
import mimetypes
import threading
from dataclasses import dataclass, field
from typing import Any

from tests.slack.ids import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, TEAM_NAME, USER_ID

JsonDict = dict[str, Any]
FIRST_TS = 1_700_000_000_000_100  # microseconds -> "1700000000.000100"


@dataclass
class Identity:
    """Who a token belongs to (drives auth.test, team.info and message authorship)."""

    team_id: str = TEAM_ID
    team_name: str = TEAM_NAME
    team_domain: str = TEAM_DOMAIN
    user_id: str = BOT_USER_ID
    user_name: str = "amends"
    bot_id: str | None = BOT_ID
    app_id: str = APP_ID
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    is_enterprise_install: bool = False

    @property
    def url(self) -> str:
        return f"https://{self.team_domain}.slack.com/"


@dataclass
class UploadedFile:
    id: str
    filename: str
    length: int
    alt_txt: str | None = None
    snippet_type: str | None = None
    data: bytes | None = None
    title: str | None = None
    completed: bool = False
    channel_id: str | None = None
    channels: list[str] = field(default_factory=list)
    initial_comment: str | None = None
    thread_ts: str | None = None

    @property
    def mimetype(self) -> str:
        return _sniff_mimetype(self.data or b"", self.filename)


def _sniff_mimetype(data: bytes, filename: str) -> str:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "text/plain"


class SlackState:
    """Look-ups in the fake's state and the ids/timestamps it hands out."""

    _lock: threading.Lock
    _ts: itertools.count[int]
    _ids: itertools.count[int]
    identity: Identity
    identities: dict[str, Identity]
    messages: dict[str, dict[str, JsonDict]]
    files: dict[str, UploadedFile]

    def message(self, channel: str, ts: str) -> JsonDict:
        return self.messages[channel][ts]

    def channel_messages(self, channel: str) -> list[JsonDict]:
        return [m for _, m in sorted(self.messages.get(channel, {}).items())]

    def uploaded(self) -> list[UploadedFile]:
        """Files whose bytes were uploaded, in upload order."""
        return [f for f in self.files.values() if f.data is not None]

    def identity_for(self, token: str | None) -> Identity:
        if token and token in self.identities:
            return self.identities[token]
        if token and token.startswith("xoxp-"):
            base = self.identity
            return Identity(
                team_id=base.team_id,
                team_name=base.team_name,
                team_domain=base.team_domain,
                user_id=USER_ID,
                user_name="installer",
                bot_id=None,
                app_id=base.app_id,
                enterprise_id=base.enterprise_id,
                enterprise_name=base.enterprise_name,
                is_enterprise_install=base.is_enterprise_install,
            )
        return self.identity

    def next_ts(self) -> str:
        with self._lock:
            micros = next(self._ts)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def next_id(self, prefix: str) -> str:
        with self._lock:
            n = next(self._ids)
        return f"{prefix}{n:010d}"
