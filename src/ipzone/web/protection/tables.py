from ipzone.web.core.tables import ObjectTable
from ipzone.web.protection.models import Case, Survey


class CaseTable(ObjectTable):
    model = Case
    columns = ("case_no", "kind", "right_kind", "opened_on", "closed_on", "holder", "respondent", "outcome", "typical")


class SurveyTable(ObjectTable):
    model = Survey
    columns = ("response_id", "year", "respondent_kind", "score")
