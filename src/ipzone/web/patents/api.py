from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.patents import filtersets
from ipzone.web.patents.models import Award, Patent, PatentOwner, PctFiling

router = Router(tags=["专利"])
model_api(router, Patent, "patents", filtersets.PatentFilterSet)
model_api(router, PatentOwner, "patent-owners", filtersets.PatentOwnerFilterSet)
model_api(router, PctFiling, "pct-filings", filtersets.PctFilingFilterSet)
model_api(router, Award, "awards", filtersets.AwardFilterSet)
