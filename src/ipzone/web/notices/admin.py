from django.contrib import admin

from ipzone.web.notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("created", "user", "kind", "title", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("title", "user__username")
    readonly_fields = ("created",)
