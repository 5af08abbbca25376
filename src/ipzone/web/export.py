"""The database as a zone ``Dataset``: what the indicator engine computes on.

Every contract table is read back with its contract types (``Binding.arrow``), so the engine sees
exactly what ``ipzone.dataset.read`` would give for the file that was loaded; ``present`` is the
set of tables any import has brought (a table never loaded is absent, not empty).

Records the platform keeps beside the contract (e.g. the office's list of abnormal filings, which
credit grading reads) travel in ``Dataset.extras``: an app registers a provider with
:func:`register_extra`, and every exported dataset carries what the providers return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


from ipzone.dataset import Dataset
from ipzone.web.core.bindings import bindings
from ipzone.web.core.models import DataState

_EXTRAS: dict[str, Callable[[], object]] = {}


def register_extra(name: str, provider: Callable[[], object]) -> None:
    """``dataset().extras[name]`` will be ``provider()`` (called at each export)."""
    _EXTRAS[name] = provider


def dataset(state: DataState | None = None, stems: Iterable[str] | None = None) -> Dataset:
    """The loaded data; ``stems`` limits the tables read (the others are empty and absent)."""
    state = state or DataState.current()
    wanted = set(stems) if stems is not None else None
    tables = {}
    for b in bindings():
        if wanted is not None and b.stem not in wanted:
            tables[b.stem] = b.table.arrow_schema.empty_table()
            continue
        order = list(b.key)
        rows = list(b.model._default_manager.order_by(*order).values_list(*b.attnames))
        tables[b.stem] = b.arrow(rows)
    present = frozenset(state.present) if wanted is None else frozenset(state.present) & wanted
    source = f"平台数据库（数据版本 {state.version}）"  # never the URL: it names a machine path or a host
    extras = {name: provider() for name, provider in _EXTRAS.items()}
    return Dataset(tables, present, source=source, extras=extras)  # type: ignore[arg-type]
