"""The indicator engine: the plan's indicators declared once (catalog), computed on DuckDB or Spark.

    from ipzone.indicators import compute
    report = compute(dataset_or_parquet_folder, 2023, counting="first")
    report["hv_invention_per_10k"].value
"""

from ipzone.indicators.catalog import CATALOG, MAIN, Indicator
from ipzone.indicators.engine import Engine, IndicatorError, Report, Result, compute
from ipzone.indicators.references import RefTable

__all__ = ["CATALOG", "MAIN", "Engine", "Indicator", "IndicatorError", "RefTable", "Report", "Result", "compute"]
