"""Steps the browser tests share: a click that navigates, and skipping a step whose earlier one failed."""

from __future__ import annotations

import pytest


def submit(page, selector: str):
    """Click ``selector`` and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def need(state: dict, *keys: str) -> None:
    """Skip (saying why) unless the earlier steps of a workflow left ``keys`` in its ``state``."""
    missing = [k for k in keys if k not in state]
    if missing:
        pytest.skip(f"an earlier step of this workflow did not run (no {', '.join(missing)})")
