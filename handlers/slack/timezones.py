"""Each person's time zone, from users.info, cached: times people read are in their own zone."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
UTC_ZONE = ZoneInfo("UTC")


class TimeZones:
    def __init__(self, *, ttl: float = 3600.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.monotonic = ttl, monotonic
        self._zones: dict[str, tuple[float, ZoneInfo]] = {}

    async def zone_of(self, user_id: str, client: AsyncWebClient) -> ZoneInfo:
        cached = self._zones.get(user_id)
        if cached and self.monotonic() - cached[0] < self.ttl:
            return cached[1]
        zone = UTC_ZONE
        try:
            answer = await client.users_info(user=user_id)
            zone = ZoneInfo(str(answer["user"].get("tz") or "UTC"))
        except (SlackApiError, ZoneInfoNotFoundError, KeyError) as error:
            log.info("time zone of %s unknown, using UTC: %s", user_id, error)
        self._zones[user_id] = (self.monotonic(), zone)
        return zone


def local_time(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return f"{local:%a %d %b, %H:%M} ({zone.key})"
