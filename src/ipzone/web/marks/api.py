from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.marks import filtersets
from ipzone.web.marks.models import GeoOutput, GeoProduct, Trademark

router = Router(tags=["商标与地理标志"])
model_api(router, Trademark, "trademarks", filtersets.TrademarkFilterSet)
model_api(router, GeoProduct, "geo-products", filtersets.GeoProductFilterSet)
model_api(router, GeoOutput, "geo-output", filtersets.GeoOutputFilterSet)
