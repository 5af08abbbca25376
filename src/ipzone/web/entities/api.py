from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.entities import filtersets
from ipzone.web.entities.models import Entity, EntityYear, Qualification

router = Router(tags=["创新主体"])
model_api(router, Entity, "entities", filtersets.EntityFilterSet)
model_api(router, EntityYear, "entity-years", filtersets.EntityYearFilterSet)
model_api(router, Qualification, "qualifications", filtersets.QualificationFilterSet)
