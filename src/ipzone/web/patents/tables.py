from ipzone.web.core.tables import ObjectTable
from ipzone.web.patents.models import Award, Patent, PatentOwner, PctFiling


class PatentTable(ObjectTable):
    model = Patent
    columns = ("application_no", "kind", "title", "filing_date", "grant_date", "lapse_date", "ipc")


class PatentOwnerTable(ObjectTable):
    model = PatentOwner
    columns = ("patent_id", "position", "name", "entity_id", "in_zone")


class PctFilingTable(ObjectTable):
    model = PctFiling
    columns = ("pct_no", "filing_date", "entity__name", "entity_id")
    select_related = ("entity",)


class AwardTable(ObjectTable):
    model = Award
    columns = ("award", "grade", "year", "entity__name", "patent_id")
    select_related = ("entity",)
