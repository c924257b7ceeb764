"""Fixtures for the harness's own tests: a running FakeSlackApi and an AsyncWebClient pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from tests.slack.fake_api import FakeSlackApi
from tests.slack.harness_support import BOT_TOKEN


@pytest.fixture
async def api() -> AsyncIterator[FakeSlackApi]:
    async with FakeSlackApi() as fake:
        yield fake


@pytest.fixture
async def client(api: FakeSlackApi) -> AsyncIterator[AsyncWebClient]:
    web_client = AsyncWebClient(token=BOT_TOKEN, base_url=api.base_url)
    yield web_client
