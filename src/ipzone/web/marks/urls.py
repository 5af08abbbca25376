from ipzone.web.core.registry import model_urls
from ipzone.web.marks import views  # noqa: F401  (registers the views)

app_name = "marks"
urlpatterns = model_urls(app_name)
