from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ipzone.web.reports"
    label = "reports"
    verbose_name = "报告"
