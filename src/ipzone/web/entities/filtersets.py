import django_filters

from ipzone import contract
from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.core.models import choices
from ipzone.web.entities.models import Entity, EntityYear, Qualification


class EntityFilterSet(SearchFilterSet):
    search_fields = ("uscc", "name")
    kind = django_filters.ChoiceFilter(choices=choices(contract.ENTITY_KINDS), label="主体类型")
    in_zone = django_filters.BooleanFilter(label="区内")
    industry_code = django_filters.CharFilter(lookup_expr="startswith", label="行业代码（前缀）")

    class Meta:
        model = Entity
        fields = ["q", "kind", "in_zone", "industry_code"]


class EntityYearFilterSet(SearchFilterSet):
    search_fields = ("entity__uscc", "entity__name")
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = EntityYear
        fields = ["q", "year"]


class QualificationFilterSet(SearchFilterSet):
    search_fields = ("entity__uscc", "entity__name", "certificate_no")
    kind = django_filters.ChoiceFilter(choices=choices(contract.QUALIFICATION_KINDS), label="资质类型")
    valid_on = django_filters.DateFilter(method="valid_on_filter", label="某日有效")

    class Meta:
        model = Qualification
        fields = ["q", "kind", "valid_on"]

    def valid_on_filter(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(valid_from__lte=value).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=value))

