from django.apps import AppConfig


class OperationConfig(AppConfig):
    name = "ipzone.web.operation"
    label = "operation"
    verbose_name = "运用与服务备案"
