"""An edit of any contract row (admin, shell) bumps the data version, so cached indicators expire.

The loader bumps the version once itself and silences these signals while it prunes.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from ipzone.web.core.models import ContractModel, DataState

_local = threading.local()


class quiet:
    """``with quiet():`` — no version bump per row (the caller bumps once)."""

    def __enter__(self):
        _local.quiet = getattr(_local, "quiet", 0) + 1

    def __exit__(self, *exc):
        _local.quiet -= 1


def _bump(sender, **kwargs) -> None:
    if issubclass(sender, ContractModel) and not kwargs.get("raw") and not getattr(_local, "quiet", 0):
        transaction.on_commit(DataState.bump)


post_save.connect(_bump, dispatch_uid="ipzone_data_version_save")
post_delete.connect(_bump, dispatch_uid="ipzone_data_version_delete")
