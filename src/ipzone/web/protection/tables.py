from ipzone.web.core.tables import ObjectTable
from ipzone.web.protection.models import Case, Inspection, Survey


class CaseTable(ObjectTable):
    model = Case
    columns = ("case_no", "kind", "right_kind", "opened_on", "closed_on", "holder", "respondent", "outcome", "typical")


class SurveyTable(ObjectTable):
    model = Survey
    columns = ("response_id", "year", "respondent_kind", "score")


class InspectionTable(ObjectTable):
    model = Inspection
    columns = ("record_no", "entity__name", "entity_id", "inspected_on", "kind", "result", "rectify_by")
    labels = {"entity__name": "被检查主体", "entity_id": "统一社会信用代码"}
    select_related = ("entity",)
