from ipzone.web.core.tables import ObjectTable
from ipzone.web.finance.models import Pledge, Transaction


class PledgeTable(ObjectTable):
    model = Pledge
    columns = ("registration_no", "registered_on", "pledgor__name", "pledgee", "amount", "released_on")
    select_related = ("pledgor",)


class TransactionTable(ObjectTable):
    model = Transaction
    columns = ("record_no", "kind", "patent_id", "dated", "from_name", "to_name", "amount")
