"""Group commit for SQLite: transactions that arrive while one is committing share the next.

Units of work queue up on the event loop; a single writer thread runs everything queued so far
in one transaction and syncs it once, then resolves each unit's future. While the disk syncs
(the slow part, and it releases the GIL) the loop keeps serving requests and the next batch
forms. If one unit fails, the batch is rolled back and its units run again one by one, so a
failure only ever affects its own unit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

T = TypeVar("T")
Work = Callable[[Connection], Any]
Outcome = tuple[bool, Any]


class GroupCommit:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pending: list[tuple[Work, asyncio.Future[Any]]] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="amends-sqlite")
        self._flushing = False

    def submit(self, work: Callable[[Connection], T]) -> asyncio.Future[T]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((work, future))
        if not self._flushing:
            self._flushing = True
            loop.call_soon(self._flush, loop)
        return future

    def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        batch, self._pending = self._pending, []
        done = loop.run_in_executor(self._writer, self._commit, [work for work, _ in batch])
        done.add_done_callback(lambda finished: self._settle(loop, batch, finished))

    def _settle(self, loop: asyncio.AbstractEventLoop, batch: list[tuple[Work, asyncio.Future[Any]]],
                finished: asyncio.Future[list[Outcome]]) -> None:
        outcomes = finished.result()
        for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
            if future.cancelled():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        if self._pending:
            self._flush(loop)
        else:
            self._flushing = False

    def _commit(self, works: list[Work]) -> list[Outcome]:
        """Runs in the writer thread."""
        try:
            with self.engine.begin() as conn:
                results = [work(conn) for work in works]
            return [(True, result) for result in results]
        except Exception as error:
            if len(works) == 1:
                return [(False, error)]
        return [self._alone(work) for work in works]

    def _alone(self, work: Work) -> Outcome:
        try:
            with self.engine.begin() as conn:
                return (True, work(conn))
        except Exception as error:
            return (False, error)

    def close(self) -> None:
        self._writer.shutdown(wait=True)
