# The two commands of the README: `make run` and `make test`.
DB ?= data/numbers.duckdb
PORT ?= 8501
BIN := .venv/bin

.PHONY: run test check bench screenshots

$(BIN)/.installed: requirements.txt
	scripts/setup-venv

$(DB): | $(BIN)/.installed
	@echo "Creating $(DB) from the demo seed in data/demo/ (a few seconds)..."
	rm -f $(DB).seeding $(DB).seeding.wal
	$(BIN)/python -m numcore --db $(DB).seeding seed
	mv $(DB).seeding $(DB)

run: $(BIN)/.installed $(DB)
	NUMBERS_DB=$(DB) $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(BIN)/.installed
	scripts/ensure-chromium
	$(BIN)/python -m pytest

check: $(BIN)/.installed
	$(BIN)/python -m numcore --db $(DB) check

bench: $(BIN)/.installed
	$(BIN)/python -m bench

screenshots: $(BIN)/.installed
	scripts/refresh-screenshots
