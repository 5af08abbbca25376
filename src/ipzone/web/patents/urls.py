from ipzone.web.core.registry import model_urls
from ipzone.web.patents import views  # noqa: F401  (registers the views)

app_name = "patents"
urlpatterns = model_urls(app_name)
