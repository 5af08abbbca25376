from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.marks import filtersets, tables
from ipzone.web.marks.models import GeoOutput, GeoProduct, Trademark


@register_model_view(Trademark, "list")
class TrademarkListView(generic.ObjectListView):
    queryset = Trademark.objects.all()
    filterset = filtersets.TrademarkFilterSet
    table = tables.TrademarkTable


@register_model_view(Trademark)
class TrademarkView(generic.ObjectView):
    queryset = Trademark.objects.all()


@register_model_view(GeoProduct, "list")
class GeoProductListView(generic.ObjectListView):
    queryset = GeoProduct.objects.all()
    filterset = filtersets.GeoProductFilterSet
    table = tables.GeoProductTable


@register_model_view(GeoProduct)
class GeoProductView(generic.ObjectView):
    queryset = GeoProduct.objects.all()
    related = (generic.Related("年度产值", tables.GeoOutputTable, "product"),)


@register_model_view(GeoOutput, "list")
class GeoOutputListView(generic.ObjectListView):
    queryset = GeoOutput.objects.all()
    filterset = filtersets.GeoOutputFilterSet
    table = tables.GeoOutputTable


@register_model_view(GeoOutput)
class GeoOutputView(generic.ObjectView):
    queryset = GeoOutput.objects.all()
