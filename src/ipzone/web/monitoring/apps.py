from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "ipzone.web.monitoring"
    label = "monitoring"
    verbose_name = "监测"
