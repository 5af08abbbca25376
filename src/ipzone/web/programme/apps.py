from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "ipzone.web.programme"
    label = "programme"
    verbose_name = "任务清单与组织保障"
