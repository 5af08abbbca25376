from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.protection import filtersets
from ipzone.web.protection.models import Case, Survey

router = Router(tags=["知识产权保护"])
model_api(router, Case, "cases", filtersets.CaseFilterSet)
model_api(router, Survey, "surveys", filtersets.SurveyFilterSet)
