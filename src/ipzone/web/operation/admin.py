from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ipzone.web.core.bindings import binding
from ipzone.web.operation.models import FILING_MODELS

for _model in FILING_MODELS:
    _b = binding(_model)
    admin.site.register(_model, type(f"{_model.__name__}Admin", (SimpleHistoryAdmin,), {
        "list_display": [f.name for f in _b.fields][:6] + ["state"],
        "list_filter": ["state"],
        "list_per_page": 50,
    }))
