from django.apps import AppConfig


class MarksConfig(AppConfig):
    name = "ipzone.web.marks"
    label = "marks"
    verbose_name = "商标与地理标志"
