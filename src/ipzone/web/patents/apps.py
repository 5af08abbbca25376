from django.apps import AppConfig


class PatentsConfig(AppConfig):
    name = "ipzone.web.patents"
    label = "patents"
    verbose_name = "专利"
