from ipzone.web.core import roles
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

    def get_extra_context(self, obj) -> dict:
        """The case's handling in the platform and its typical-case write-up, when there are any."""
        from ipzone.web.protection.models import Proceeding, TypicalCase

        return {
            "proceeding": Proceeding.objects.restrict(self.request.user).filter(case=obj).first(),
            "typical_case": TypicalCase.objects.restrict(self.request.user).filter(case=obj).first(),
            "can_write_typical": roles.can(self.request.user, "add") and obj.closed_on is not None,
        }


@register_model_view(Survey, "list")
class SurveyListView(generic.ObjectListView):
    queryset = Survey.objects.all()
    filterset = filtersets.SurveyFilterSet
    table = tables.SurveyTable


@register_model_view(Survey)
class SurveyView(generic.ObjectView):
    queryset = Survey.objects.all()
