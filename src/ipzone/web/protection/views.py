from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.protection import filtersets, tables
from ipzone.web.protection.models import Case, Survey


@register_model_view(Case, "list")
class CaseListView(generic.ObjectListView):
    queryset = Case.objects.all()
    filterset = filtersets.CaseFilterSet
    table = tables.CaseTable


@register_model_view(Case)
class CaseView(generic.ObjectView):
    queryset = Case.objects.all()


@register_model_view(Survey, "list")
class SurveyListView(generic.ObjectListView):
    queryset = Survey.objects.all()
    filterset = filtersets.SurveyFilterSet
    table = tables.SurveyTable


@register_model_view(Survey)
class SurveyView(generic.ObjectView):
    queryset = Survey.objects.all()
