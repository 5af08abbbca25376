"""Where the platform keeps its files: ``$IPZONE_HOME`` (default ``~/.ipzone``).

It holds the SQLite database, the generated secret key, collected static files and the
uploads of the import page (kept only while their error report can be downloaded).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "secret_key"


def path() -> Path:
    home = Path(os.environ.get("IPZONE_HOME") or Path.home() / ".ipzone").expanduser()
    home.mkdir(parents=True, exist_ok=True)
    return home


def secret_key(home: Path) -> str:
    """``IPZONE_SECRET_KEY``, else the key in ``$IPZONE_HOME/secret_key``, made (mode 0600) on first use."""
    key = os.environ.get("IPZONE_SECRET_KEY")
    if key:
        return key
    file = home / SECRET_FILE
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return file.read_text(encoding="ascii").strip()
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key
