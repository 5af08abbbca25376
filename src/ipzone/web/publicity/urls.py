from django.urls import path

from ipzone.web.core.registry import model_urls
from ipzone.web.publicity import views

app_name = "publicity"
urlpatterns = [
    *model_urls(app_name),
    path("eventreport/<int:pk>/<str:verb>/", views.publish, name="publish"),
]
