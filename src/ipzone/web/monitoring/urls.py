from django.urls import path

from ipzone.web.core.registry import model_urls
from ipzone.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<str:token>/errors.xlsx", views.import_errors, name="import_errors"),
    path("imports/", views.import_runs, name="importrun_list"),
    path("zone-config/", views.zone_config, name="zone_config"),
    path("zone-config/<int:version>/<str:role>/", views.zone_config_file, name="zone_config_file"),
    path("template.xlsx", views.template_download, name="template"),
    path("explain/<str:code>/", views.explain, name="explain"),
    *model_urls(app_name),
]
