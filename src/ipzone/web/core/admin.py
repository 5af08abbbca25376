"""The Django admin, for the ``admin`` role only: every contract model with its history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ipzone.web.core.bindings import binding
from ipzone.web.core.models import ApiToken, DataState, Profile

admin.site.site_header = "ipzone 平台管理"
admin.site.site_title = "ipzone"
admin.site.index_title = "管理"


def register(*models) -> None:
    """A history-aware admin per model, listing its contract columns and searching its natural key."""
    for model in models:
        b = binding(model)
        columns = [f.name for f in b.fields][:7]
        search = [f"{f.name}__{f.target_field.name}" if f.is_relation else f.name for f in b.fields if f.attname in b.key]
        attrs = {
            "list_display": columns,
            "search_fields": search,
            "list_per_page": 50,
            "list_select_related": [f.name for f in b.fields if f.is_relation],
            "show_full_result_count": False,
        }
        admin.site.register(model, type(f"{model.__name__}Admin", (SimpleHistoryAdmin,), attrs))


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "uscc")
    search_fields = ("user__username", "uscc")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "created", "last_used")
    readonly_fields = ("digest", "created", "last_used")


@admin.register(DataState)
class DataStateAdmin(admin.ModelAdmin):
    list_display = ("version", "updated")
    readonly_fields = ("version", "present", "updated")
