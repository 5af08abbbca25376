from django.contrib import admin

from ipzone.web.core.admin import register
from ipzone.web.monitoring.models import ImportRun, ZoneYear

register(ZoneYear)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("started", "user", "source", "ok", "dry_run", "pruned", "version")
    readonly_fields = [f.name for f in ImportRun._meta.fields]
