"""API schemas made from the contract: a record has exactly the contract's English column names.

``model_api(router, Model, "patents", PatentFilterSet)`` declares ``GET /patents`` (filtered,
paginated) and ``GET /patents/{id}``, both restricted like the pages.
"""

# No ``from __future__ import annotations``: django-ninja reads the endpoint annotations, which
# name schemas made inside model_api().
import datetime as dt
from math import ceil

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field, create_model

from ipzone import contract
from ipzone.web.core.bindings import LIST_KINDS, binding

PY_TYPES = {
    contract.INT: int, contract.YEAR: int, contract.AMOUNT: float, contract.SCORE: float,
    contract.DATE: dt.date, contract.BOOL: bool,
}
MAX_PAGE_SIZE = 500


def record_schema(model) -> type[Schema]:
    b = binding(model)
    fields: dict = {"id": (int, Field(description="平台内部编号（用于 /{id}）"))}
    for c in b.table.columns:
        t = list[str] if c.kind in LIST_KINDS else PY_TYPES.get(c.kind, str)
        nullable = not (c.required and c.default is None) or c.kind in LIST_KINDS
        fields[c.name] = (t | None, Field(None, description=c.zh)) if nullable else (t, Field(description=c.zh))
    return create_model(f"{model.__name__}Record", __base__=Schema, **fields)


def page_schema(record: type[Schema]) -> type[Schema]:
    return create_model(
        f"{record.__name__}Page", __base__=Schema,
        count=(int, ...), page=(int, ...), pages=(int, ...), page_size=(int, ...), items=(list[record], ...),
    )


def filter_schema(model, filterset) -> type[Schema]:
    fields = {name: (str | None, Field(None, description=str(f.label or name))) for name, f in filterset.base_filters.items()}
    return create_model(f"{model.__name__}Filters", __base__=Schema, **fields)


def as_record(b, obj) -> dict:
    return {"id": obj.pk, **b.record(obj)}


def model_api(router: Router, model, path: str, filterset, *, summary: str | None = None) -> None:
    b = binding(model)
    Record = record_schema(model)
    Page = page_schema(Record)
    Filters = filter_schema(model, filterset)
    title = summary or str(model._meta.verbose_name)

    def list_view(request, filters: Query[Filters], page: int = 1, page_size: int = 50):
        qs = model.objects.restrict(request.auth, "view")
        qs = filterset(filters.dict(exclude_none=True), queryset=qs).qs.order_by(*b.key)
        page_size = max(1, min(page_size, MAX_PAGE_SIZE))
        count = qs.count()
        pages = max(1, ceil(count / page_size))
        page = max(1, min(page, pages))
        items = [as_record(b, o) for o in qs[(page - 1) * page_size : page * page_size]]
        return {"count": count, "page": page, "pages": pages, "page_size": page_size, "items": items}

    def detail_view(request, id: int):
        return as_record(b, get_object_or_404(model.objects.restrict(request.auth, "view"), pk=id))

    list_view.__name__ = f"list_{path}"
    detail_view.__name__ = f"get_{path}"
    router.get(f"/{path}", response=Page, summary=f"{title}列表", operation_id=f"list_{path}")(list_view)
    router.get(f"/{path}/{{id}}", response=Record, summary=f"{title}详情", operation_id=f"get_{path}")(detail_view)
