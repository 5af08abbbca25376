from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.finance import filtersets
from ipzone.web.finance.models import Pledge, Transaction

router = Router(tags=["知识产权金融"])
model_api(router, Pledge, "pledges", filtersets.PledgeFilterSet)
model_api(router, Transaction, "transactions", filtersets.TransactionFilterSet)
