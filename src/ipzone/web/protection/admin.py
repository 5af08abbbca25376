from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ipzone.web.core.admin import register
from ipzone.web.protection.models import Case, DeadlineRule, Document, FilingListing, Inspection, Proceeding, ProtectionSettings, Survey, TypicalCase

register(Case, Survey)


@admin.register(Proceeding)
class ProceedingAdmin(SimpleHistoryAdmin):
    list_display = ("id", "case", "source", "kind", "holder", "respondent", "stage", "submitted_on", "handler")
    list_filter = ("stage", "kind", "source")
    search_fields = ("case__case_no", "holder", "respondent")
    raw_id_fields = ("case", "applicant", "handler")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("name", "proceeding", "kind", "size", "internal", "uploaded_at")
    raw_id_fields = ("proceeding",)


@admin.register(FilingListing)
class FilingListingAdmin(SimpleHistoryAdmin):
    list_display = ("uscc", "name", "kind", "listed_on", "count", "removed_on")
    search_fields = ("uscc", "name")


@admin.register(TypicalCase)
class TypicalCaseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "case", "published", "published_on")
    raw_id_fields = ("case",)


admin.site.register(DeadlineRule, SimpleHistoryAdmin)
admin.site.register(ProtectionSettings, SimpleHistoryAdmin)


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ("record_no", "entity", "inspected_on", "kind", "result", "rectify_by")
    list_filter = ("kind", "result")
    search_fields = ("record_no", "entity__uscc", "entity__name", "inspectors")
    raw_id_fields = ("entity",)
