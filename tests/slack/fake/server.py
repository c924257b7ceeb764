"""LocalServer: an aiohttp application on 127.0.0.1, run on the caller's loop or on a thread of its own."""

from __future__ import annotations

import asyncio
import ssl
import threading
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self, TypeVar

from aiohttp import web

T = TypeVar("T")


class LocalServer:
    """An aiohttp application on 127.0.0.1 and a free port.

    ``async with`` / ``start()``+``stop()``: runs on the caller's event loop.
    ``with`` / ``start_in_thread()``+``stop_thread()``: runs on a private loop in a daemon thread.
    """

    host = "127.0.0.1"
    ssl_context: ssl.SSLContext | None = None
    """Set (before start) to serve https instead."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def build_app(self) -> web.Application:
        raise NotImplementedError

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError(f"{type(self).__name__} is not running")
        return self._port

    @property
    def origin(self) -> str:
        return f"{'https' if self.ssl_context else 'http'}://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._runner is not None

    async def start(self) -> Self:
        if self._runner is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        runner = web.AppRunner(self.build_app(), access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, self.host, 0, ssl_context=self.ssl_context)
        await site.start()
        address = runner.addresses[0]
        self._port = int(address[1])
        self._runner = runner
        self._loop = asyncio.get_running_loop()
        return self

    async def before_stop(self) -> None:
        """Hook: close long-lived connections (websockets) before the runner shuts down."""

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is None:
            return
        await self.before_stop()
        await runner.cleanup()
        self._loop = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ---- threaded mode

    def start_in_thread(self, timeout: float = 10.0) -> Self:
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name=f"{type(self).__name__}-loop", daemon=True)
        thread.start()
        self._thread = thread
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
            loop.close()
            self._thread = None
            raise
        return self

    def stop_thread(self, timeout: float = 10.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
            loop.close()
            self._thread = None
            self._loop = None

    def __enter__(self) -> Self:
        return self.start_in_thread()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop_thread()

    async def on_server_loop(self, coro: Awaitable[T]) -> T:
        """Await ``coro`` on the server's loop (a no-op hop unless running in threaded mode)."""
        loop = self._loop
        if loop is None or loop is asyncio.get_running_loop():
            return await coro
        future = asyncio.run_coroutine_threadsafe(_as_coroutine(coro), loop)
        return await asyncio.wrap_future(future)


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


async def wait_until(
    probe: Callable[[], T | None], *, timeout: float, describe: Callable[[], str], interval: float = 0.005
) -> T:
    """Poll ``probe`` (thread-safe; works whichever loop/thread the server runs on) until it returns non-None."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(describe())
        await asyncio.sleep(interval)
