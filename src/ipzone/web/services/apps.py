from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "ipzone.web.services"
    label = "services"
    verbose_name = "知识产权服务"
