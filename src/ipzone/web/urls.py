"""The URL map: the pages of each app, the API at /api/, the public portal at /public/, the admin."""

from django.contrib import admin
from django.urls import include, path

from ipzone.web.core.api import api
from ipzone.web.protection import typical_views
from ipzone.web.publicity.views import public_report

urlpatterns = [
    path("", include("ipzone.web.core.urls")),
    path("entities/", include("ipzone.web.entities.urls")),
    path("patents/", include("ipzone.web.patents.urls")),
    path("finance/", include("ipzone.web.finance.urls")),
    path("marks/", include("ipzone.web.marks.urls")),
    path("protection/", include("ipzone.web.protection.urls")),
    path("public/cases/", typical_views.public_list, name="public_cases"),
    path("public/cases/<int:pk>/", typical_views.public_detail, name="public_case"),
    path("services/", include("ipzone.web.services.urls")),
    path("monitoring/", include("ipzone.web.monitoring.urls")),
    path("policies/", include("ipzone.web.policies.urls")),
    path("programme/", include("ipzone.web.programme.urls")),
    path("operation/", include("ipzone.web.operation.urls")),
    path("publicity/", include("ipzone.web.publicity.urls")),
    path("public/events/<int:pk>/", public_report, name="public_event"),
    path("reports/", include("ipzone.web.reports.urls")),
    path("notices/", include("ipzone.web.notices.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
