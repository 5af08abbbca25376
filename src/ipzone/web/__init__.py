"""The platform: a Django application inside the package, laid out like NetBox.

One app per domain (``core``, ``entities``, ``patents``, ``finance``, ``marks``, ``protection``,
``services``, ``monitoring``), each with the same file set. Views are configuration on the generic
views of ``core.views``; permissions live in the queryset (``restrict(user, action)``).

:func:`setup` configures Django for the command line (``ipzone load``, ``serve``, …).
"""

from __future__ import annotations

import os

SETTINGS = "ipzone.web.settings"


def setup(db: str | None = None) -> None:
    """Configure Django once: ``db`` (a database URL) overrides ``IPZONE_DB``."""
    if db:
        os.environ["IPZONE_DB"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()
