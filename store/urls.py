"""One setting, AMENDS_DATABASE_URL, turned into the URL each driver wants, and shown to people
only with its password hidden: an error about a malformed URL must not print the password."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DEFAULT_URL = "sqlite:///var/amends.db"
HIDDEN = "***"
EXAMPLES = "sqlite:///var/amends.db or postgresql://user:password@host:5432/dbname"
_SECRET_QUERY = re.compile(r"pass|secret|token|key", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<rest>.*)$", re.DOTALL)


class DatabaseUrlError(ValueError):
    pass


def make_url(raw: str) -> URL:
    """SQLAlchemy's parser, imported on first use: a command that never opens the database
    (`amends suggest`) does not pay for loading SQLAlchemy."""
    from sqlalchemy.engine import make_url as parse

    return parse(raw)


def shown_url(raw: str) -> str:
    """`raw` as it may be printed or logged: the password (in the user part or the query) shown
    as ***, also when the URL is malformed. Text that is not a URL at all is not shown."""
    masked = _mask_userinfo(raw.strip())
    if masked is None:
        return "(not a URL)"
    try:
        url = make_url(masked)
    except Exception:  # malformed beyond SQLAlchemy's parser: the masked text is all we show
        return masked
    query = {key: (HIDDEN if _SECRET_QUERY.search(key) else value) for key, value in url.query.items()}
    return url.set(query=query).render_as_string(hide_password=False).replace("%2A%2A%2A", HIDDEN)


def url_password(raw: str) -> str | None:
    """The password a URL carries, so logs can be scrubbed of it; None when it has none or the
    URL cannot be read (then it is refused, with the password hidden, where it is used)."""
    if "@" not in raw:  # SQLAlchemy reads a password only before an '@'
        return None
    try:
        password = make_url(raw.strip()).password
    except Exception:
        return None
    return str(password) if password else None


def _mask_userinfo(raw: str) -> str | None:
    """Everything between `://` and the last `@` before the path is the user part; what follows
    its first `:` (or a stray `@`) is the password. Done on the text, before any parser, so a
    password with spaces, `@` or `/` in it is hidden too."""
    found = _AUTHORITY.match(raw)
    if found is None:
        return None
    rest = found.group("rest")
    if "@" not in rest:
        return raw
    userinfo, _, host_part = rest.rpartition("@")
    user = re.split(r"[:@]", userinfo, maxsplit=1)[0]
    hidden = f"{user}:{HIDDEN}" if user != userinfo else user
    return f"{found.group('scheme')}{hidden}@{host_part}"


def runtime_url(raw: str) -> URL:
    """SQLite stays on the stdlib driver (a local commit is cheap enough to run on the loop);
    PostgreSQL goes through asyncpg so that network round trips are awaited."""
    url = parse_url(raw)
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


def parse_url(raw: str) -> URL:
    """The URL, or an error that says what is wrong with it without ever repeating its password."""
    text = raw.strip()
    authority = _authority(text)
    if authority is None:
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL is not a database URL; write it like {EXAMPLES}")
    shown = shown_url(text)
    userinfo, host = authority
    if "@" in userinfo:
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL '{shown}' has more than one '@': write an '@' in "
                               "the user name or password as %40")
    port = re.fullmatch(r"(?:\[[^\]]*\]|[^:\[\]]*)(?::(?P<port>.*))?", host)
    if port is None:
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL '{shown}': the host is not readable; write it like "
                               f"{EXAMPLES}")
    if port.group("port") is not None and not _is_port(port.group("port")):
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL '{shown}': the port '{port.group('port')}' is not a "
                               "number between 1 and 65535")
    try:
        url = make_url(text)
    except Exception:  # SQLAlchemy's messages may quote the URL, password and all: never shown
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL '{shown}' is not a database URL; write it like "
                               f"{EXAMPLES}") from None
    hidden_in_query = sorted(key for key in url.query if _SECRET_QUERY.search(key))
    if hidden_in_query:
        raise DatabaseUrlError(f"AMENDS_DATABASE_URL '{shown}': put the password in the user part "
                               f"(postgresql://user:password@host/db), not in ?{hidden_in_query[0]}=, "
                               "so that it is hidden wherever the URL is shown")
    return url


def _authority(text: str) -> tuple[str, str] | None:
    """(user part, host[:port]) of a URL, split at the last `@` so a stray one stays on the
    user side, where it is never shown."""
    found = _AUTHORITY.match(text)
    if found is None:
        return None
    rest = found.group("rest")
    userinfo, at, after = rest.rpartition("@")
    return userinfo, re.split(r"[/?]", after if at else rest, maxsplit=1)[0]


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and 0 < int(text) < 65536


def sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))
