from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.services import filtersets
from ipzone.web.services.models import Agency, Event, Talent

router = Router(tags=["知识产权服务"])
model_api(router, Agency, "agencies", filtersets.AgencyFilterSet)
model_api(router, Talent, "talents", filtersets.TalentFilterSet)
model_api(router, Event, "events", filtersets.EventFilterSet)
