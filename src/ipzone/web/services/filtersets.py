import django_filters

from ipzone import contract
from ipzone.web.core.filtersets import SearchFilterSet, date_filter
from ipzone.web.core.models import choices
from ipzone.web.services.models import Agency, Event, Talent


class AgencyFilterSet(SearchFilterSet):
    search_fields = ("uscc", "name")
    service = django_filters.ChoiceFilter(field_name="services", lookup_expr="contains", choices=choices(contract.AGENCY_SERVICES), label="服务类型")
    present = django_filters.BooleanFilter(field_name="left_on", lookup_expr="isnull", label="仍在区内")

    class Meta:
        model = Agency
        fields = ["q", "service", "present"]


class TalentFilterSet(SearchFilterSet):
    search_fields = ("person_id", "name", "employer_uscc", "honours")
    patent_attorney = django_filters.BooleanFilter(label="专利代理师")
    title = django_filters.ChoiceFilter(choices=choices(contract.TALENT_TITLES), label="职称")
    present = django_filters.BooleanFilter(field_name="left_on", lookup_expr="isnull", label="仍在区内")

    class Meta:
        model = Talent
        fields = ["q", "patent_attorney", "title", "present"]


class EventFilterSet(SearchFilterSet):
    search_fields = ("name", "theme")
    kind = django_filters.ChoiceFilter(choices=choices(contract.EVENT_KINDS), label="类型")
    held_from = date_filter("held_on", "日期起", "gte")
    held_to = date_filter("held_on", "日期止", "lte")

    class Meta:
        model = Event
        fields = ["q", "kind", "held_from", "held_to"]
