"""The platform database as the source of ``ipzone policy … --db URL``: its data, its policies'
newest versions and its recorded payments. Django is set up here, on demand."""

from __future__ import annotations


def from_database(db: str | None, data: bool = True):
    """(dataset or None, zone configuration in force (IPZONE_CONFIG, else the stored one, else the
    defaults), current policies, payments)."""
    from django.core.management import call_command

    from ipzone.web import setup

    setup(db)
    call_command("migrate", interactive=False, verbosity=0)
    from ipzone.web.policies.service import current_policies, paid_items

    ds = None
    if data:
        from ipzone.web.export import dataset

        ds = dataset()
    from ipzone.web import zoneconfig

    return ds, zoneconfig.in_force().config, current_policies(), paid_items()
