"""Failure injection (``fail_next``, ``set_error``) and the per-channel rate limiter."""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.slack.fake.records import Call

JsonDict = dict[str, Any]


@dataclass
class Fault:
    method: str
    remaining: int
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    extra: JsonDict = field(default_factory=dict)
    channel: str | None = None
    """Only calls to this channel (``None``: any)."""

    def matches(self, method: str, channel: str | None = None) -> bool:
        return (self.remaining > 0 and self.method in (method, "*")
                and (self.channel is None or self.channel == channel))


@dataclass
class Reply:
    body: JsonDict
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class FaultInjection:
    """Answers the fake gives instead of the real one: injected failures and per-channel 429s."""

    _lock: threading.Lock
    _faults: list[Fault]
    _channel_limit: tuple[float, Callable[[], float], frozenset[str]] | None
    _last_post: dict[str, float]
    rate_limited: Counter[str]

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int | None = 1,
        times: int = 1,
        error: str | None = None,
        channel: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls to ``method`` (``"*"``: any) with HTTP ``status``;
        with ``channel``, only calls naming that channel.

        429 answers carry ``Retry-After: retry_after`` and ``{"ok": false, "error": "ratelimited"}``.
        """
        if error is None:
            error = {429: "ratelimited", 500: "internal_error", 503: "service_unavailable"}.get(
                status, "request_timeout" if status in (408, 504) else f"http_{status}"
            )
        with self._lock:
            self._faults.append(
                Fault(method=method, remaining=times, status=status, error=error, retry_after=retry_after,
                      channel=channel)
            )

    def set_error(self, method: str, error: str, times: int = 1, *, channel: str | None = None,
                  **extra: Any) -> None:
        """Answer the next ``times`` calls to ``method`` (to ``channel``, when given) with HTTP 200
        ``{"ok": false, "error": error, **extra}``."""
        with self._lock:
            self._faults.append(Fault(method=method, remaining=times, status=200, error=error, extra=extra,
                                      channel=channel))

    def limit_per_channel(
        self,
        per_second: float | None = 1.0,
        clock: Callable[[], float] = time.monotonic,
        methods: Iterable[str] = ("chat.postMessage",),
    ) -> None:
        """Answer posts to a channel with 429 + Retry-After when they come faster than ``per_second``.

        A post is accepted when at least ``1/per_second`` seconds (by ``clock``) passed since the last
        *accepted* post to that channel. ``Retry-After`` is the remaining wait rounded up (>= 1 s).
        ``per_second=None`` turns the limiter off.
        """
        self._last_post.clear()
        if per_second is None:
            self._channel_limit = None
            return
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self._channel_limit = (per_second, clock, frozenset(methods))

    def _take_fault(self, method: str, *, http_error: bool, channel: str | None = None) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, channel) and (fault.status != 200) == http_error:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _check_channel_limit(self, call: Call) -> Reply | None:
        if self._channel_limit is None:
            return None
        per_second, clock, methods = self._channel_limit
        channel = call.params.get("channel")
        if call.method not in methods or not channel:
            return None
        channel = str(channel)
        now = clock()
        interval = 1.0 / per_second
        with self._lock:
            last = self._last_post.get(channel)
            if last is not None and now - last < interval:
                wait = interval - (now - last)
                self.rate_limited[channel] += 1
                retry_after = max(1, math.ceil(wait - 1e-9))
                return Reply(
                    {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(retry_after)}
                )
            self._last_post[channel] = now
        return None
