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


def record_schema(model, extra: tuple[str, ...] = ()) -> type[Schema]:
    b = binding(model)
    fields: dict = {"id": (int, Field(description="平台内部编号（用于 /{id}）"))}
    for c in b.table.columns:
        t = list[str] if c.kind in LIST_KINDS else PY_TYPES.get(c.kind, str)
        nullable = not (c.required and c.default is None) or c.kind in LIST_KINDS
        fields[c.name] = (t | None, Field(None, description=c.zh)) if nullable else (t, Field(description=c.zh))
    fields.update(field_types(model, extra))
    return create_model(f"{model.__name__}Record", __base__=Schema, **fields)


FIELD_TYPES = {
    "IntegerField": int, "PositiveIntegerField": int, "PositiveSmallIntegerField": int, "PositiveBigIntegerField": int,
    "SmallIntegerField": int, "BigIntegerField": int, "FloatField": float, "BooleanField": bool,
    "DateField": dt.date, "DateTimeField": dt.datetime,
}


def field_types(model, names) -> dict:
    """Schema fields for model fields by name: a foreign key is its target's key, a choice its label."""
    out = {}
    for name in names:
        f = model._meta.get_field(name)
        if f.many_to_many:
            t = list[str]
        elif f.is_relation:
            t = str
        else:
            t = FIELD_TYPES.get(f.get_internal_type(), str)
        out[name] = (t | None, Field(None, description=str(f.verbose_name)))
    return out


def related_key(obj, f) -> str | None:
    """How a record names the row a foreign key points to: the key it is stored by (a 统一社会信用代码,
    a department's code), else the target's ``code``, else its text."""
    if getattr(obj, f.attname) is None:
        return None
    if not f.target_field.primary_key:
        return str(getattr(obj, f.attname))
    target = getattr(obj, f.name)
    return str(getattr(target, "code", None) or target)


def field_values(obj, names) -> dict:
    out = {}
    for name in names:
        f = obj._meta.get_field(name)
        if f.many_to_many:
            out[name] = [str(getattr(o, "code", o.pk)) for o in getattr(obj, name).all()]
        elif f.is_relation:
            out[name] = related_key(obj, f)
        elif f.choices and isinstance(getattr(obj, name), str):
            out[name] = getattr(obj, f"get_{name}_display")()
        else:
            out[name] = getattr(obj, name)
    return out


def page_schema(record: type[Schema]) -> type[Schema]:
    return create_model(
        f"{record.__name__}Page", __base__=Schema,
        count=(int, ...), page=(int, ...), pages=(int, ...), page_size=(int, ...), items=(list[record], ...),
    )


def filter_schema(model, filterset) -> type[Schema]:
    fields = {name: (str | None, Field(None, description=str(f.label or name))) for name, f in filterset.base_filters.items()}
    return create_model(f"{model.__name__}Filters", __base__=Schema, **fields)


def as_record(b, obj, extra: tuple[str, ...] = ()) -> dict:
    return {"id": obj.pk, **b.record(obj), **field_values(obj, extra)}


def model_api(router: Router, model, path: str, filterset, *, summary: str | None = None, extra: tuple[str, ...] = ()) -> None:
    """List and detail of a table's rows; ``extra`` adds model fields that are no column (a state)."""
    b = binding(model)
    Record = record_schema(model, extra)
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
        items = [as_record(b, o, extra) for o in qs[(page - 1) * page_size : page * page_size]]
        return {"count": count, "page": page, "pages": pages, "page_size": page_size, "items": items}

    def detail_view(request, id: int):
        return as_record(b, get_object_or_404(model.objects.restrict(request.auth, "view"), pk=id), extra)

    list_view.__name__ = f"list_{path}"
    detail_view.__name__ = f"get_{path}"
    router.get(f"/{path}", response=Page, summary=f"{title}列表", operation_id=f"list_{path}")(list_view)
    router.get(f"/{path}/{{id}}", response=Record, summary=f"{title}详情", operation_id=f"get_{path}")(detail_view)


def plain_api(router: Router, model, path: str, filterset, fields: tuple[str, ...], *, summary: str | None = None, order: tuple[str, ...] = ("pk",)) -> None:
    """``model_api`` for a model that is no table: records are ``id`` and ``fields`` (a foreign key
    as its target's key, a choice as its Chinese label)."""
    Record = create_model(f"{model.__name__}Record", __base__=Schema, id=(int, Field(description="平台内部编号（用于 /{id}）")), **field_types(model, fields))
    Page = page_schema(Record)
    Filters = filter_schema(model, filterset)
    title = summary or str(model._meta.verbose_name)
    related = [f for f in fields if model._meta.get_field(f).many_to_many]
    joined = [f for f in fields if model._meta.get_field(f).many_to_one and model._meta.get_field(f).target_field.primary_key]

    def record(o) -> dict:
        return {"id": o.pk, **field_values(o, fields)}

    def list_view(request, filters: Query[Filters], page: int = 1, page_size: int = 50):
        qs = model.objects.restrict(request.auth, "view")
        qs = filterset(filters.dict(exclude_none=True), queryset=qs).qs.order_by(*order).select_related(*joined).prefetch_related(*related)
        page_size = max(1, min(page_size, MAX_PAGE_SIZE))
        count = qs.count()
        pages = max(1, ceil(count / page_size))
        page = max(1, min(page, pages))
        items = [record(o) for o in qs[(page - 1) * page_size : page * page_size]]
        return {"count": count, "page": page, "pages": pages, "page_size": page_size, "items": items}

    def detail_view(request, id: int):
        return record(get_object_or_404(model.objects.restrict(request.auth, "view"), pk=id))

    list_view.__name__ = f"list_{path}"
    detail_view.__name__ = f"get_{path}"
    router.get(f"/{path}", response=Page, summary=f"{title}列表", operation_id=f"list_{path}")(list_view)
    router.get(f"/{path}/{{id}}", response=Record, summary=f"{title}详情", operation_id=f"get_{path}")(detail_view)
