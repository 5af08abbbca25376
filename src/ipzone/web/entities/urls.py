from ipzone.web.core.registry import model_urls
from ipzone.web.entities import views  # noqa: F401  (registers the views)

app_name = "entities"
urlpatterns = model_urls(app_name)
