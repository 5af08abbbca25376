# The two commands of the README. Everything they need is installed here, from a clean clone.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV ?= $(shell command -v uv 2>/dev/null || echo uv)
DEMO ?= demo-zone

.PHONY: install demo test bench docs

install:
	@bash scripts/system-deps
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet 'uv==0.13.9'
	uv sync --frozen --python 3.11

demo: install
	uv run ipzone demo --out $(DEMO)
	uv run ipzone check $(DEMO)
	uv run ipzone indicators $(DEMO) --year 2021
	uv run ipzone demo-platform --dataset $(DEMO)

# Every test: the suite (DuckDB and Spark engines, the platform on SQLite), then the platform's
# tests again on PostgreSQL (127.0.0.1:5432, trust auth).
test: install
	uv run pytest
	IPZONE_TEST_PG=1 uv run pytest tests/web

bench: install
	uv run python bench/check_bench.py

# Regenerate the real command output in README.md and docs/policies.md (tests/test_docs.py checks
# it is current).
docs: install
	uv run cog -r -I docs README.md docs/policies.md
