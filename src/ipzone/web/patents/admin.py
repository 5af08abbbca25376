from ipzone.web.core.admin import register
from ipzone.web.patents.models import Award, Patent, PatentOwner, PctFiling

register(Patent, PatentOwner, PctFiling, Award)
