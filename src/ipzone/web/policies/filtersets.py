import django_filters

from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.policies.models import Entitlement, Payment, Policy


class PolicyFilterSet(SearchFilterSet):
    search_fields = ("name", "title")

    class Meta:
        model = Policy
        fields = ["q"]


class EntitlementFilterSet(SearchFilterSet):
    search_fields = ("uscc", "name", "items__item_no")
    year = django_filters.NumberFilter(field_name="computation__year", label="年度")
    policy = django_filters.CharFilter(field_name="computation__version__policy__name", label="政策")
    status = django_filters.ChoiceFilter(choices=Entitlement.STATUSES, label="状态")

    class Meta:
        model = Entitlement
        fields = ["q", "year", "policy", "status"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


class PaymentFilterSet(SearchFilterSet):
    search_fields = ("item_no", "uscc", "reference")
    year = django_filters.NumberFilter(field_name="year", label="年度")
    policy = django_filters.CharFilter(field_name="policy", label="政策")

    class Meta:
        model = Payment
        fields = ["q", "year", "policy"]
