from ipzone.web.core.registry import model_urls
from ipzone.web.finance import views  # noqa: F401  (registers the views)

app_name = "finance"
urlpatterns = model_urls(app_name)
