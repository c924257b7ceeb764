"""Web API clients per workspace: one bot token, or the installation's token (OAuth).

Every client talks to SLACK_API_URL when set and retries nothing itself: slack-sdk's retry
handlers would sleep through a 429's Retry-After (or a back-off) inside the call, holding up
every other recipient, and could post a message twice. The outbox reschedules the row instead
(bot/outbox.py); an interactive call that fails tells the person.
"""

from __future__ import annotations

import aiohttp
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

DEFAULT_API_URL = "https://slack.com/api/"


def web_client(token: str | None, api_url: str | None,
               session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=_base(api_url), timeout=10, session=session,
                          retry_handlers=[])


def _base(api_url: str | None) -> str:
    url = api_url or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


class ClientNotAvailable(RuntimeError):
    """No token for a workspace: it uninstalled Amends, or was never installed."""


class WorkspaceClients:
    def __init__(self, api_url: str | None, *, bot_token: str | None = None,
                 installations: AsyncInstallationStore | None = None) -> None:
        self.api_url = api_url
        self.bot_token = bot_token
        self.installations = installations
        self._clients: dict[str, AsyncWebClient] = {}
        self._session: aiohttp.ClientSession | None = None

    async def client_for(self, workspace: str) -> AsyncWebClient:
        if self.bot_token:
            return self._cached("*", self.bot_token)
        if self.installations is None:
            raise ClientNotAvailable("no SLACK_BOT_TOKEN and no OAuth installations")
        bot = await self.installations.async_find_bot(enterprise_id=None, team_id=workspace)
        if bot is None or not bot.bot_token:
            self._clients.pop(workspace, None)
            raise ClientNotAvailable(f"workspace {workspace} has no installation")
        return self._cached(workspace, bot.bot_token)

    def _cached(self, key: str, token: str) -> AsyncWebClient:
        """One HTTP session for all outgoing calls: connections are reused, not reopened per
        message."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
            self._clients.clear()
        client = self._clients.get(key)
        if client is None or client.token != token:
            client = self._clients[key] = web_client(token, self.api_url, self._session)
        return client

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
