from django.contrib import admin

from ipzone.web.reports.models import ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ("created", "kind", "year", "period", "fmt", "counting", "user", "data_version", "size", "missing")
    list_filter = ("kind", "fmt")
    readonly_fields = [f.name for f in ReportRun._meta.fields]
