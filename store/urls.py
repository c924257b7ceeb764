"""One setting, AMENDS_DATABASE_URL, turned into the URL each driver wants."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url

DEFAULT_URL = "sqlite:///var/amends.db"


class DatabaseUrlError(ValueError):
    pass


def runtime_url(raw: str) -> URL:
    """SQLite stays on the stdlib driver (a local commit is cheap enough to run on the loop);
    PostgreSQL goes through asyncpg so that network round trips are awaited."""
    try:
        url = make_url(raw)
    except Exception as error:  # SQLAlchemy raises ArgumentError with a terse message
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL '{raw}' is not a database URL: {error}") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    if backend in ("postgresql", "postgres"):
        if url.drivername not in ("postgresql", "postgres", "postgresql+asyncpg"):
            raise DatabaseUrlError(
                f"AMENDS_DATABASE_URL uses driver '{url.drivername}'; write it as postgresql://..."
            )
        return url.set(drivername="postgresql+asyncpg")
    raise DatabaseUrlError(f"AMENDS_DATABASE_URL must be sqlite:///FILE or postgresql://..., not {backend}")


def sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))
