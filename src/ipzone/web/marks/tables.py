from ipzone.web.core.tables import ObjectTable
from ipzone.web.marks.models import GeoOutput, GeoProduct, Trademark


class TrademarkTable(ObjectTable):
    model = Trademark
    columns = ("registration_no", "name", "kind", "owner__name", "registered_on", "expires_on", "well_known_on")
    select_related = ("owner",)


class GeoProductTable(ObjectTable):
    model = GeoProduct
    columns = ("name", "kind", "approved_on")


class GeoOutputTable(ObjectTable):
    model = GeoOutput
    columns = ("product_id", "year", "output")
