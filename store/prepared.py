"""Statements compiled once per dialect and run on the driver cursor: the hot write path.

SQLAlchemy Core builds and types the statement (same tables, same bind processors, so what is
written is exactly what Core would write); only the per-call work of compiling, caching and
wrapping results is skipped. Used on SQLite, where that per-call work costs more than the
insert itself; the transaction is still the caller's SQLAlchemy connection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

_Compiled = tuple[str, tuple[str, ...], dict[str, Callable[[Any], Any]], dict[str, Any]]


class Prepared:
    def __init__(self, statement: ClauseElement, column_keys: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.column_keys = list(column_keys) if column_keys is not None else None
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> _Compiled:
        if dialect.name not in self._compiled:
            compiled = cast(SQLCompiler, self.statement.compile(dialect=dialect,
                                                                column_keys=self.column_keys))
            names = tuple(compiled.positiontup or ())
            processors: dict[str, Callable[[Any], Any]] = {
                name: fn for name, fn in compiled._bind_processors.items() if callable(fn)}
            self._compiled[dialect.name] = (str(compiled), names, processors, dict(compiled.params))
        return self._compiled[dialect.name]

    def run(self, conn: Connection, values: Mapping[str, Any]) -> Any:
        """Executes on the driver cursor inside the connection's transaction; returns the cursor."""
        sql, names, processors, defaults = self._for(conn.dialect)
        params = []
        for name in names:
            value = values[name] if name in values else defaults[name]
            convert = processors.get(name)
            params.append(convert(value) if convert is not None and value is not None else value)
        return conn.connection.dbapi_connection.execute(sql, params)  # type: ignore[union-attr]
