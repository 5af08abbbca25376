from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "ipzone.web.protection"
    label = "protection"
    verbose_name = "知识产权保护"
