# chitieu: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
CHITIEU := $(VENV)/bin/chitieu
export CHITIEU_DEMO_HOST ?= 127.0.0.1:8000

.PHONY: setup demo test test-sqlite test-postgres test-e2e fuzz lint bench quality quality-ratchet clean

# Set-up: a virtual environment with the pinned dependencies, and the front-end packages.
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PYTHON)) trên máy"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "Không có npm: biểu đồ (ECharts) và HTMX sẽ không được phục vụ. Cài Node.js/npm rồi chạy lại."; exit 1; fi

setup: $(VENV)/.installed node_modules/.installed

# The demo server, with the job worker beside it (chitieu demo starts `chitieu db_worker`).
demo: setup
	CHITIEU_DEMO=1 $(CHITIEU) migrate --noinput
	CHITIEU_DEMO=1 $(CHITIEU) demo --serve $(CHITIEU_DEMO_HOST)

# The whole suite on SQLite; then the database tiers on PostgreSQL when a server is given
# (CHITIEU_TEST_DATABASE_URL) and the browser tests when Chromium is there. In CI (CI=true)
# a missing server or browser is a failure, never a skip.
test: setup
	$(PY) -m pytest -q -p no:cacheprovider tests/unit tests/integration tests/web
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-e2e

test-postgres: setup
	@if [ -n "$$CHITIEU_TEST_DATABASE_URL" ]; then \
	  CHITIEU_DATABASE_URL="$$CHITIEU_TEST_DATABASE_URL" $(PY) -m pytest -q -p no:cacheprovider -m "not e2e" tests/integration tests/web tests/postgres; \
	elif [ "$$CI" = "true" ]; then echo "CI: CHITIEU_TEST_DATABASE_URL chưa đặt, phần PostgreSQL là bắt buộc"; exit 1; \
	else echo "(bỏ qua phần PostgreSQL: đặt CHITIEU_TEST_DATABASE_URL=postgres://… để chạy)"; fi

test-e2e: setup
	$(PY) -m pytest -q -p no:cacheprovider tests/e2e

# Schemathesis over /api/v1/openapi.json with 100 generated cases per operation (the suite runs
# 10): no answer may be a server error. About a minute on SQLite.
fuzz: setup
	CHITIEU_FUZZ_EXAMPLES=100 $(PY) -m pytest -q -p no:cacheprovider tests/web/test_api_schema_fuzz.py

lint: setup
	$(VENV)/bin/ruff check chitieu tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	CHITIEU_TESTING=1 $(CHITIEU) makemigrations --check --dry-run

# Every benchmark prints its figures (bench/README.md); PostgreSQL too when
# CHITIEU_BENCH_DATABASE_URL or CHITIEU_TEST_DATABASE_URL is set.
bench: setup
	$(PY) bench/evaluate.py
	$(PY) bench/extract.py
	$(PY) bench/reports.py
	$(PY) bench/jobs.py
	$(PY) bench/web.py
	$(PY) bench/archives.py
	$(PY) bench/forecast.py

# How well the reader reads (../shared/corpus, seeds, golden texts, blind rounds), per stage and
# file; quality-ratchet raises the per-file floors the tests hold (tests/data/extraction_ratchet.json).
quality: setup
	$(PY) bench/extract_quality.py --files

quality-ratchet: setup
	$(PY) bench/extract_quality.py --ratchet

clean:
	rm -rf $(VENV) node_modules staticfiles var/test-* .pytest_cache
