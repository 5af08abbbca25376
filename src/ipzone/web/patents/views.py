from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.finance.tables import TransactionTable
from ipzone.web.patents import filtersets, tables
from ipzone.web.patents.models import Award, Patent, PatentOwner, PctFiling


@register_model_view(Patent, "list")
class PatentListView(generic.ObjectListView):
    queryset = Patent.objects.all()
    filterset = filtersets.PatentFilterSet
    table = tables.PatentTable


@register_model_view(Patent)
class PatentView(generic.ObjectView):
    queryset = Patent.objects.all()
    related = (
        generic.Related("专利权人", tables.PatentOwnerTable, "patent"),
        generic.Related("许可转让", TransactionTable, "patent"),
        generic.Related("获奖", tables.AwardTable, "patent"),
    )


@register_model_view(PatentOwner, "list")
class PatentOwnerListView(generic.ObjectListView):
    queryset = PatentOwner.objects.all()
    filterset = filtersets.PatentOwnerFilterSet
    table = tables.PatentOwnerTable


@register_model_view(PatentOwner)
class PatentOwnerView(generic.ObjectView):
    queryset = PatentOwner.objects.all()


@register_model_view(PctFiling, "list")
class PctFilingListView(generic.ObjectListView):
    queryset = PctFiling.objects.all()
    filterset = filtersets.PctFilingFilterSet
    table = tables.PctFilingTable


@register_model_view(PctFiling)
class PctFilingView(generic.ObjectView):
    queryset = PctFiling.objects.all()


@register_model_view(Award, "list")
class AwardListView(generic.ObjectListView):
    queryset = Award.objects.all()
    filterset = filtersets.AwardFilterSet
    table = tables.AwardTable


@register_model_view(Award)
class AwardView(generic.ObjectView):
    queryset = Award.objects.all()
