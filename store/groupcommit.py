"""Group commit for SQLite: the transactions that arrive together share one commit.

Concurrent requests on one event loop each hand over a unit of work; the units queued in one
turn of the loop run in a single transaction, committed (and synced) once, before any of them is
told it is done. If one unit fails, the batch is rolled back and its units run again one by one,
so a failure only ever affects its own unit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

T = TypeVar("T")
Work = Callable[[Connection], Any]


class GroupCommit:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pending: list[tuple[Work, asyncio.Future[Any]]] = []

    def submit(self, work: Callable[[Connection], T]) -> asyncio.Future[T]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        if not self._pending:
            loop.call_soon(self._flush)
        self._pending.append((work, future))
        return future

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        try:
            with self.engine.begin() as conn:
                results = [work(conn) for work, _ in batch]
        except Exception:
            if len(batch) == 1:
                self._run_alone(*batch[0])
                return
            for work, future in batch:
                self._run_alone(work, future)
            return
        for (_, future), result in zip(batch, results, strict=True):
            if not future.cancelled():
                future.set_result(result)

    def _run_alone(self, work: Work, future: asyncio.Future[Any]) -> None:
        try:
            with self.engine.begin() as conn:
                result = work(conn)
        except Exception as error:
            if not future.cancelled():
                future.set_exception(error)
            return
        if not future.cancelled():
            future.set_result(result)
