"""The database as a zone ``Dataset``: what the indicator engine computes on.

Every contract table is read back with its contract types (``Binding.arrow``), so the engine sees
exactly what ``ipzone.dataset.read`` would give for the file that was loaded; ``present`` is the
set of tables any import has brought (a table never loaded is absent, not empty).
"""

from __future__ import annotations

from django.conf import settings

from ipzone.dataset import Dataset
from ipzone.web.core.bindings import bindings
from ipzone.web.core.models import DataState
from ipzone.web.dburl import redact


def dataset(state: DataState | None = None) -> Dataset:
    state = state or DataState.current()
    tables = {}
    for b in bindings():
        order = list(b.key)
        rows = list(b.model._default_manager.order_by(*order).values_list(*b.attnames))
        tables[b.stem] = b.arrow(rows)
    source = f"{redact(settings.DATABASE_URL)}（数据版本 {state.version}）"
    return Dataset(tables, frozenset(state.present), source=source)  # type: ignore[arg-type]
