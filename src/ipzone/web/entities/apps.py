from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "ipzone.web.entities"
    label = "entities"
    verbose_name = "创新主体"
