"""Database URLs: ``sqlite:///path/to/file.sqlite3`` or ``postgresql://user:password@host:port/name``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit


class DatabaseURLError(ValueError):
    pass


def parse(url: str) -> dict:
    """A Django ``DATABASES`` entry from a URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # SQLAlchemy's convention: sqlite:///relative.sqlite3, sqlite:////absolute/path.sqlite3.
        # sqlite:///tmp/x.sqlite3 is read as /tmp/x.sqlite3 when ./tmp does not exist but /tmp does,
        # because that is what people mean when they write it.
        rest = unquote(url.split("://", 1)[1])
        if rest.startswith("//"):
            name = "/" + rest.lstrip("/")
        else:
            name = rest[1:] if rest.startswith("/") else rest
            relative, absolute = Path(name), Path("/" + name)
            if name and not relative.parent.exists() and absolute.parent.exists():
                name = str(absolute)
        if not name:
            raise DatabaseURLError("sqlite URL needs a file: sqlite:///path/to/ipzone.sqlite3")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            # keep each thread's connection (and its PRAGMAs) across requests: opening and closing
            # one per request was a tenth of the server's time under load (bench/platform_bench.py)
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise DatabaseURLError("postgresql URL needs a database name: postgresql://user@host:5432/ipzone")
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise DatabaseURLError(f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql://USER@HOST:PORT/NAME")


def redact(url: str) -> str:
    """The URL without its password, for messages and the dashboard's source line."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url
