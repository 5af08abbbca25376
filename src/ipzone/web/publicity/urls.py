from django.urls import path

from ipzone.web.core.registry import model_urls
from ipzone.web.core.importing import import_errors
from ipzone.web.publicity import views
from ipzone.web.publicity.models import EventParticipant

app_name = "publicity"
urlpatterns = [
    path("eventparticipant/import/", views.participants_import, name="participants_import"),
    path("eventparticipant/import/<str:token>/errors.xlsx", import_errors, {"model": EventParticipant, "filename": "活动参与者导入错误清单.xlsx"},
         name="participants_import_errors"),
    path("eventparticipant/template.xlsx", views.participants_template, name="participants_template"),
    path("eventparticipant/export.xlsx", views.participants_export, name="participants_export"),
    *model_urls(app_name),
    path("eventreport/<int:pk>/<str:verb>/", views.publish, name="publish"),
]
