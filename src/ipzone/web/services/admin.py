from ipzone.web.core.admin import register
from ipzone.web.services.models import Agency, Event, Talent

register(Agency, Talent, Event)
