from ipzone.web.core.registry import model_urls
from ipzone.web.services import views  # noqa: F401  (registers the views)

app_name = "services"
urlpatterns = model_urls(app_name)
