from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "ipzone.web.protection"
    label = "protection"
    verbose_name = "知识产权保护"

    def ready(self) -> None:
        from django.db import transaction
        from django.db.models.signals import post_delete, post_save

        from ipzone.protection.credit import LISTINGS_EXTRA
        from ipzone.web import export
        from ipzone.web.core.models import DataState
        from ipzone.web.protection.models import FilingListing

        def listings():
            from ipzone.web.protection.grading import listings as rows

            return rows()

        # Every exported dataset carries the office's listings: credit.grades(dataset, year) sees them.
        export.register_extra(LISTINGS_EXTRA, listings)

        def changed(sender, **kwargs):  # grades depend on the listings: cached results expire
            if not kwargs.get("raw"):
                transaction.on_commit(DataState.bump)

        post_save.connect(changed, sender=FilingListing, weak=False, dispatch_uid="ipzone_listing_save")
        post_delete.connect(changed, sender=FilingListing, weak=False, dispatch_uid="ipzone_listing_delete")
