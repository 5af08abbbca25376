from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.finance import filtersets, tables
from ipzone.web.finance.models import Pledge, Transaction


@register_model_view(Pledge, "list")
class PledgeListView(generic.ObjectListView):
    queryset = Pledge.objects.all()
    filterset = filtersets.PledgeFilterSet
    table = tables.PledgeTable


@register_model_view(Pledge)
class PledgeView(generic.ObjectView):
    queryset = Pledge.objects.all()


@register_model_view(Transaction, "list")
class TransactionListView(generic.ObjectListView):
    queryset = Transaction.objects.all()
    filterset = filtersets.TransactionFilterSet
    table = tables.TransactionTable


@register_model_view(Transaction)
class TransactionView(generic.ObjectView):
    queryset = Transaction.objects.all()
