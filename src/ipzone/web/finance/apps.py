from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "ipzone.web.finance"
    label = "finance"
    verbose_name = "知识产权金融"
