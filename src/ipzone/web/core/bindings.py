"""How each model mirrors its contract table: column ↔ model field, the natural key, value shapes.

The contract (``ipzone.contract``) stays the single declaration of tables and columns; a model
names its table in ``contract_stem`` and has one field per column, named as the column, or a
foreign key whose ``db_column`` is the column (``entity`` stored in column ``uscc``). List
columns are stored as text joined with ``;`` (the contract's own separator), so that they can be
searched with ``icontains`` on SQLite and PostgreSQL alike.

Tables without a key in the contract (qualifications, awards, events) get a natural key of
their identifying columns plus ``occurrence``: the n-th row with the same identifying values in
the file. Loading the same file again therefore matches every row to itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyarrow as pa
from django.apps import apps
from django.db import models

from ipzone import contract

LIST_KINDS = frozenset({contract.ENUM_LIST, contract.TEXT_LIST, contract.APPNO_LIST, contract.CODE_LIST, contract.IPC_LIST})
SEP = ";"
OCCURRENCE = "occurrence"


@dataclass(frozen=True)
class Binding:
    model: type[models.Model]
    table: contract.Table
    fields: tuple[models.Field, ...]  # aligned with table.columns
    key: tuple[str, ...]  # attnames of the natural key (may end with "occurrence")
    group: tuple[str, ...]  # keyless tables: attnames identifying a row up to its occurrence

    @property
    def stem(self) -> str:
        return self.table.stem

    @property
    def attnames(self) -> tuple[str, ...]:
        return tuple(f.attname for f in self.fields)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.columns)

    @property
    def list_columns(self) -> frozenset[str]:
        return frozenset(c.name for c in self.table.columns if c.kind in LIST_KINDS)

    def attname(self, column: str) -> str:
        return self.fields[self.columns.index(column)].attname

    # -- values --
    def to_db(self, row: dict) -> dict:
        """A contract row (English names, Python values) as model attnames → stored values."""
        out = {}
        for c, f in zip(self.table.columns, self.fields):
            v = row.get(c.name)
            if c.kind in LIST_KINDS and v is not None:
                v = SEP.join(v)
            out[f.attname] = v
        return out

    def record(self, obj_or_values) -> dict:
        """A stored object (or a values() dict keyed by attname) as a contract row."""
        get = obj_or_values.get if isinstance(obj_or_values, dict) else (lambda a: getattr(obj_or_values, a))
        return {c.name: from_db(c, get(f.attname)) for c, f in zip(self.table.columns, self.fields)}

    def arrow(self, rows: list[tuple]) -> pa.Table:
        """Rows of stored values (attname order) as the contract's typed Arrow table."""
        cols = list(zip(*rows)) if rows else [()] * len(self.fields)
        arrays = []
        for c, values in zip(self.table.columns, cols):
            values = [from_db(c, v) for v in values] if c.kind in LIST_KINDS else list(values)
            arrays.append(pa.array(values, type=c.arrow_type))
        return pa.Table.from_arrays(arrays, schema=self.table.arrow_schema)


def from_db(column: contract.Column, value):
    if column.kind in LIST_KINDS and value is not None:
        return value.split(SEP) if value else []
    return value


def _field_for(model, column: str) -> models.Field:
    for f in model._meta.concrete_fields:
        if f.name == column and not f.is_relation:
            return f
    for f in model._meta.concrete_fields:
        if f.is_relation and f.db_column == column:
            return f
    raise LookupError(f"{model.__name__} has no field for contract column {column!r}")


@cache
def binding(model) -> Binding:
    """A contract model's binding (``contract_stem``), or that of a model mirroring a table declared
    beside the contract in the contract's terms (``declared_table``: the programme's filings)."""
    table = getattr(model, "declared_table", None) or contract.table(model.contract_stem)
    fields = tuple(_field_for(model, c.name) for c in table.columns)
    by_column = {c.name: f.attname for c, f in zip(table.columns, fields)}
    names = model.natural_key_fields
    key = tuple(OCCURRENCE if n == OCCURRENCE else by_column[n] for n in names)
    group = tuple(k for k in key if k != OCCURRENCE) if OCCURRENCE in key else ()
    return Binding(model, table, fields, key, group)


def contract_models() -> list[type[models.Model]]:
    """Every model that mirrors a contract table, in the contract's order (references first)."""
    by_stem = {m.contract_stem: m for m in apps.get_models() if getattr(m, "contract_stem", "")}
    return [by_stem[t.stem] for t in contract.TABLES if t.stem in by_stem]


def model_for_stem(stem: str):
    """The model of a contract table or of a declared table, by stem (None if there is none)."""
    for m in apps.get_models():
        declared = getattr(m, "declared_table", None)
        if getattr(m, "contract_stem", "") == stem or (declared is not None and declared.stem == stem):
            return m
    return None


def bindings() -> list[Binding]:
    return [binding(m) for m in contract_models()]


def for_stem(stem: str) -> Binding:
    for b in bindings():
        if b.stem == stem:
            return b
    raise KeyError(stem)
