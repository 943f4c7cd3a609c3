# The two commands of the README: `make run` and `make test`.
DB ?= data/numbers.duckdb
PORT ?= 8501
BIN := .venv/bin
# scripts/setup-venv makes this once the pinned packages are in; a newer requirements.txt redoes it
INSTALLED := .venv/.installed

.PHONY: run test check bench screenshots

$(INSTALLED): requirements.txt
	scripts/setup-venv

$(DB): | $(INSTALLED)
	@echo "Creating $(DB) from the demo seed in data/demo/ (a few seconds)..."
	rm -f $(DB).seeding $(DB).seeding.wal
	$(BIN)/python -m numcore --db $(DB).seeding seed
	mv $(DB).seeding $(DB)

run: $(INSTALLED) $(DB)
	NUMBERS_DB=$(DB) $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(INSTALLED)
	scripts/ensure-chromium
	$(BIN)/python -m pytest

check: $(INSTALLED)
	$(BIN)/python -m numcore --db $(DB) check

bench: $(INSTALLED)
	$(BIN)/python -m bench

screenshots: $(INSTALLED)
	scripts/refresh-screenshots
