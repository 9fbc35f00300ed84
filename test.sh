#!/usr/bin/env bash
# Install the project with its dev tools, then lint, run the tests and the retrieval gate.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-venv.sh dev
.venv/bin/ruff check .
.venv/bin/mypy knowledge bot handlers
.venv/bin/python -m pytest -q "$@"
# Retrieval regression gate: fails when R@3 of any language drops below what was reached
# (README, "Retrieval quality"); R@1 minimums leave a question's slack.
gate() { .venv/bin/python -m knowledge eval "$@" --cache-dir .venv/cache; }
gate tests/eval/dev_qa.jsonl --min-r1 0.90 --min-r3 1.0
gate tests/eval/own_qa.jsonl --min-r1 0.80 --min-r3 0.92
gate tests/eval/holdout_qa.jsonl --min-r1 0.60 --min-r3 0.66
