from ipzone.web.core.admin import register
from ipzone.web.marks.models import GeoOutput, GeoProduct, Trademark

register(Trademark, GeoProduct, GeoOutput)
