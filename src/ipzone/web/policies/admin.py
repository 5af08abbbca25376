"""The Django admin (admin role only): every model with its history; versions and payments read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ipzone.web.policies.models import (
    Announcement,
    Attachment,
    Computation,
    Entitlement,
    EntitlementItem,
    Objection,
    Payment,
    Policy,
    PolicyVersion,
    ReviewBatch,
)


class ReadOnly(SimpleHistoryAdmin):
    """Records the workflow writes; the admin may read them and their history, not rewrite them."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "title", "created")
    search_fields = ("name", "title")


@admin.register(PolicyVersion)
class PolicyVersionAdmin(ReadOnly):
    list_display = ("policy", "version", "note", "created_by", "created")
    list_filter = ("policy",)


@admin.register(Computation)
class ComputationAdmin(ReadOnly):
    list_display = ("version", "year", "total", "superseded", "computed_by", "computed")


@admin.register(Entitlement)
class EntitlementAdmin(ReadOnly):
    list_display = ("name", "uscc", "computation", "amount", "status")
    list_filter = ("status",)
    search_fields = ("name", "uscc")


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ("policy", "year", "kind", "item_no", "uscc", "amount", "paid_on", "reference")
    search_fields = ("item_no", "uscc", "reference")


for model in (EntitlementItem, Attachment, ReviewBatch, Announcement, Objection):
    admin.site.register(model, ReadOnly)
