from django.urls import path

from ipzone.web.core.importing import import_errors
from ipzone.web.core.registry import model_urls
from ipzone.web.protection import inspection_views, supervision_views, typical_views, views, workflow_views  # noqa: F401  (register views)

app_name = "protection"
urlpatterns = [
    path("proceeding/", workflow_views.ProceedingListView.as_view(), name="proceeding_list"),
    path("proceeding/request/", workflow_views.request_new, name="proceeding_request"),
    path("proceeding/register/", workflow_views.register, name="proceeding_register"),
    path("proceeding/<int:pk>/", workflow_views.proceeding_detail, name="proceeding"),
    path("proceeding/<int:pk>/history/", workflow_views.ProceedingHistoryView.as_view(), name="proceeding_history"),
    path("proceeding/<int:pk>/<str:action>/", workflow_views.proceeding_action, name="proceeding_action"),
    path("proceeding/<int:pk>/documents/<int:doc>/", workflow_views.document_download, name="document"),
    path("infringers/", supervision_views.infringer_list, name="infringers"),
    path("credit/", supervision_views.grade_list, name="grades"),
    path("credit/<str:uscc>/", supervision_views.grade_detail, name="grade"),
    path("settings/", supervision_views.settings_page, name="settings"),
    path("deadlines/", supervision_views.deadlines_page, name="deadlines"),
    path("inspection/import/", inspection_views.import_page, name="inspection_import"),
    path("inspection/import/<str:token>/errors.xlsx", import_errors, {"filename": "检查记录导入错误清单.xlsx"}, name="inspection_import_errors"),
    path("inspection/template.xlsx", inspection_views.template_download, name="inspection_template"),
    path("inspection/export.xlsx", inspection_views.export, name="inspection_export"),
    path("filinglisting/import/", supervision_views.listing_import, name="filinglisting_import"),
    path("typicalcase/<int:pk>/publish/", typical_views.publish, name="typicalcase_publish"),
    path("typicalcase/<int:pk>/unpublish/", typical_views.unpublish, name="typicalcase_unpublish"),
    *model_urls(app_name),
]
