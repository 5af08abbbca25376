import django_filters

from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.core.models import choices
from ipzone.web.publicity.models import CAMPAIGNS, EventParticipant, EventReport
from ipzone.web.services.models import Event


class EventReportFilterSet(SearchFilterSet):
    search_fields = ("event__name", "summary", "venue")
    campaign = django_filters.ChoiceFilter(choices=choices(CAMPAIGNS), label="专题")
    state = django_filters.ChoiceFilter(choices=choices((EventReport.DRAFT, EventReport.PUBLISHED)), label="状态")

    class Meta:
        model = EventReport
        fields = ["q", "campaign", "state"]


class EventParticipantFilterSet(SearchFilterSet):
    search_fields = ("name", "organisation", "event__name", "certificate_no")
    event = django_filters.ModelChoiceFilter(queryset=Event.objects.order_by("-held_on", "name"), label="活动")
    kind = django_filters.ChoiceFilter(choices=choices((EventParticipant.UNIT, EventParticipant.PERSON)), label="参与者类型")

    class Meta:
        model = EventParticipant
        fields = ["q", "event", "kind"]
