#!/usr/bin/env bash
# Install the project with its dev tools, then lint, run the tests and the retrieval gate.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-venv.sh dev
.venv/bin/ruff check .
.venv/bin/mypy knowledge
.venv/bin/python -m pytest -q "$@"
# Retrieval regression gate: fails when recall drops below what was reached (see README).
.venv/bin/python -m knowledge eval tests/eval/dev_qa.jsonl --min-r1 0.90 --min-r3 1.0 --cache-dir .venv/cache
.venv/bin/python -m knowledge eval tests/eval/own_qa.jsonl --min-r1 0.75 --min-r3 0.84 --cache-dir .venv/cache
