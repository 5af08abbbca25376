import django_filters

from ipzone import contract
from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.core.models import choices
from ipzone.web.marks.models import GeoOutput, GeoProduct, Trademark


class TrademarkFilterSet(SearchFilterSet):
    search_fields = ("registration_no", "name", "owner__uscc", "owner__name")
    kind = django_filters.ChoiceFilter(choices=choices(contract.TRADEMARK_KINDS), label="商标类型")
    well_known = django_filters.BooleanFilter(field_name="well_known_on", lookup_expr="isnull", exclude=True, label="驰名商标")
    geographical_indication = django_filters.BooleanFilter(label="地理标志")

    class Meta:
        model = Trademark
        fields = ["q", "kind", "well_known", "geographical_indication"]


class GeoProductFilterSet(SearchFilterSet):
    search_fields = ("name",)
    kind = django_filters.ChoiceFilter(choices=choices(contract.GEO_KINDS), label="保护类型")

    class Meta:
        model = GeoProduct
        fields = ["q", "kind"]


class GeoOutputFilterSet(SearchFilterSet):
    search_fields = ("product__name",)
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = GeoOutput
        fields = ["q", "year"]
