from django.urls import path

from ipzone.web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("generate/", views.generate, name="generate"),
    path("<int:pk>/download/", views.download, name="download"),
]
