from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "ipzone.web.notices"
    label = "notices"
    verbose_name = "消息提醒"

    def ready(self) -> None:
        from ipzone.web.notices import signals  # noqa: F401  (connects the receivers)
