"""The URL map: the pages of each app, the API at /api/, the public portal at /public/, the admin."""

from django.contrib import admin
from django.urls import include, path

from ipzone.web.core.api import api

urlpatterns = [
    path("", include("ipzone.web.core.urls")),
    path("entities/", include("ipzone.web.entities.urls")),
    path("patents/", include("ipzone.web.patents.urls")),
    path("finance/", include("ipzone.web.finance.urls")),
    path("marks/", include("ipzone.web.marks.urls")),
    path("protection/", include("ipzone.web.protection.urls")),
    path("services/", include("ipzone.web.services.urls")),
    path("monitoring/", include("ipzone.web.monitoring.urls")),
    path("reports/", include("ipzone.web.reports.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
