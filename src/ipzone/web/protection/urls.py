from ipzone.web.core.registry import model_urls
from ipzone.web.protection import views  # noqa: F401  (registers the views)

app_name = "protection"
urlpatterns = model_urls(app_name)
