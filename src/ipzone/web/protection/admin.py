from ipzone.web.core.admin import register
from ipzone.web.protection.models import Case, Survey

register(Case, Survey)
