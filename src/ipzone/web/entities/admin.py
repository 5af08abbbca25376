from ipzone.web.core.admin import register
from ipzone.web.entities.models import Entity, EntityYear, Qualification

register(Entity, EntityYear, Qualification)
