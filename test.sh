#!/usr/bin/env bash
# Install the locked dependencies with the dev tools, then lint, run the tests and the retrieval gates.
set -euo pipefail
cd "$(dirname "$0")"
# Keep compiled bytecode (__pycache__, ignored by git) even where the environment turns it off: every
# test worker, bot process and eval run would otherwise compile each module again (~3 s a worker).
unset PYTHONDONTWRITEBYTECODE
bash scripts/setup-venv.sh dev
.venv/bin/ruff check .
.venv/bin/mypy knowledge bot handlers
# In parallel (pytest-xdist), two workers per core: most tests wait on sockets, processes and timers.
# Benchmarks are left out (pyproject.toml); `./test.sh -m bench` runs them, `-n 0` runs in one process.
workers=$(( 2 * $(.venv/bin/python -c "import os; print(os.cpu_count() or 1)") ))
.venv/bin/python -m pytest -q -n "$workers" "$@"
# The retrieval and honesty gates: each question set's figures, exit 1 below what was reached.
bash scripts/eval-gates.sh
