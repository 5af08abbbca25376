from ipzone.web.core.admin import register
from ipzone.web.finance.models import Pledge, Transaction

register(Pledge, Transaction)
