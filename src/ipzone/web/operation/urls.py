from django.urls import path

from ipzone.web.core.registry import model_urls
from ipzone.web.core.importing import import_errors
from ipzone.web.operation import views

app_name = "operation"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<str:token>/errors.xlsx", import_errors, {"filename": "备案导入错误清单.xlsx"}, name="import_errors"),
    path("template.xlsx", views.template_download, name="template"),
    path("<str:model_name>/export.xlsx", views.export, name="export"),
    *model_urls(app_name),
    path("<str:model_name>/<int:pk>/<str:verb>/", views.action, name="action"),  # after edit/, delete/, history/
]
