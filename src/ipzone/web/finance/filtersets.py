import django_filters

from ipzone import contract
from ipzone.web.core.filtersets import SearchFilterSet, date_filter
from ipzone.web.core.models import choices
from ipzone.web.finance.models import Pledge, Transaction


class PledgeFilterSet(SearchFilterSet):
    search_fields = ("registration_no", "pledgee", "pledgor__uscc", "pledgor__name", "application_nos")
    registered_from = date_filter("registered_on", "登记日期起", "gte")
    registered_to = date_filter("registered_on", "登记日期止", "lte")
    pledgor = django_filters.CharFilter(field_name="pledgor_id", label="出质人统一社会信用代码")
    amount_min = django_filters.NumberFilter(field_name="amount", lookup_expr="gte", label="金额不低于（万元）")

    class Meta:
        model = Pledge
        fields = ["q", "registered_from", "registered_to", "pledgor", "amount_min"]


class TransactionFilterSet(SearchFilterSet):
    search_fields = ("record_no", "patent__application_no", "from_name", "to_name")
    kind = django_filters.ChoiceFilter(choices=choices(contract.TRANSACTION_KINDS), label="类型")
    dated_from = date_filter("dated", "日期起", "gte")
    dated_to = date_filter("dated", "日期止", "lte")

    class Meta:
        model = Transaction
        fields = ["q", "kind", "dated_from", "dated_to"]
