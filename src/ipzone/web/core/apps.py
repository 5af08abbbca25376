from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ipzone.web.core"
    label = "core"
    verbose_name = "平台"

    def ready(self) -> None:
        from ipzone.web.core import signals  # noqa: F401
