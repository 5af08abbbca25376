"""Official classification tables shipped as versioned data, with the office's own copies taking precedence.

Tables: ``ipc``, ``sei_ipc_2021``, ``pi_industries_2019``, ``gbt4754_2017``. Each one's source,
edition and coverage are in ``data/manifest.toml``; ``README.md`` beside this file says what is
missing and how an office loads its own official copy with :func:`install`.
"""

from ipzone.reference.install import install
from ipzone.reference.registry import TableInfo, info, list_tables, load_table
from ipzone.reference.schema import ReferenceError, RowProblem

__all__ = ["ReferenceError", "RowProblem", "TableInfo", "info", "install", "list_tables", "load_table"]
