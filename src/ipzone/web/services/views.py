from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.services import filtersets, tables
from ipzone.web.services.models import Agency, Event, Talent


@register_model_view(Agency, "list")
class AgencyListView(generic.ObjectListView):
    queryset = Agency.objects.all()
    filterset = filtersets.AgencyFilterSet
    table = tables.AgencyTable


@register_model_view(Agency)
class AgencyView(generic.ObjectView):
    queryset = Agency.objects.all()
    related = (generic.Related("知识产权人才", tables.TalentTable, "employer_uscc", value=lambda agency: agency.uscc),)


@register_model_view(Talent, "list")
class TalentListView(generic.ObjectListView):
    queryset = Talent.objects.all()
    filterset = filtersets.TalentFilterSet
    table = tables.TalentTable


@register_model_view(Talent)
class TalentView(generic.ObjectView):
    queryset = Talent.objects.all()


@register_model_view(Event, "list")
class EventListView(generic.ObjectListView):
    queryset = Event.objects.all()
    filterset = filtersets.EventFilterSet
    table = tables.EventTable


@register_model_view(Event)
class EventView(generic.ObjectView):
    queryset = Event.objects.all()

    def get_extra_context(self, obj) -> dict:
        from ipzone.web.publicity.views import participation

        return participation(self.request.user, obj)
