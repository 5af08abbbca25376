from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "ipzone.web.publicity"
    label = "publicity"
    verbose_name = "宣传培训"
