import django_filters

from ipzone import contract
from ipzone.web.core.filtersets import SearchFilterSet, date_filter
from ipzone.web.core.models import choices
from ipzone.web.patents.models import Award, Patent, PatentOwner, PctFiling


class PatentFilterSet(SearchFilterSet):
    search_fields = ("application_no", "title", "ipc")
    kind = django_filters.ChoiceFilter(choices=choices(contract.PATENT_KINDS), label="专利类型")
    filing_from = date_filter("filing_date", "申请日起", "gte")
    filing_to = date_filter("filing_date", "申请日止", "lte")
    granted = django_filters.BooleanFilter(field_name="grant_date", lookup_expr="isnull", exclude=True, label="已授权")
    lapsed = django_filters.BooleanFilter(field_name="lapse_date", lookup_expr="isnull", exclude=True, label="已失效")
    ipc = django_filters.CharFilter(lookup_expr="icontains", label="IPC分类号包含")
    owner = django_filters.CharFilter(field_name="owners__entity_id", distinct=True, label="权利人统一社会信用代码")

    class Meta:
        model = Patent
        fields = ["q", "kind", "filing_from", "filing_to", "granted", "lapsed", "ipc", "owner"]


class PatentOwnerFilterSet(SearchFilterSet):
    search_fields = ("patent__application_no", "name", "entity__uscc")
    position = django_filters.NumberFilter(label="顺序")
    in_zone = django_filters.BooleanFilter(label="区内")

    class Meta:
        model = PatentOwner
        fields = ["q", "position", "in_zone"]


class PctFilingFilterSet(SearchFilterSet):
    search_fields = ("pct_no", "entity__uscc", "entity__name")
    filing_from = date_filter("filing_date", "国际申请日起", "gte")
    filing_to = date_filter("filing_date", "国际申请日止", "lte")

    class Meta:
        model = PctFiling
        fields = ["q", "filing_from", "filing_to"]


class AwardFilterSet(SearchFilterSet):
    search_fields = ("award", "grade", "entity__uscc", "entity__name", "patent__application_no")
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = Award
        fields = ["q", "year"]
