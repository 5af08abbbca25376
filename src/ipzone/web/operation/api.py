from ninja import Router

from ipzone.web.core.schemas import model_api
from ipzone.web.operation import filtersets
from ipzone.web.operation.models import FILING_MODELS, Filing

router = Router(tags=["运用与服务备案"])
WORKFLOW = ("state", "submitted_at", "reviewed_at", "review_note")
for _model in FILING_MODELS:
    model_api(router, _model, _model.declared_table.stem.replace("_", "-"), filtersets.FILTERSETS[_model], extra=WORKFLOW)

__all__ = ["Filing", "router"]
