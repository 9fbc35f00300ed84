#!/usr/bin/env bash
# Create .venv and install the project (with extras given as $1, e.g. "dev") when
# pyproject.toml changed since the last install. Called by run.sh and test.sh.
set -euo pipefail
extras="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=".venv/.installed-${extras:-base}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    # A regular (not editable) install: the scripts run from the repository root, whose
    # packages come first on sys.path, so this mainly brings the dependencies.
    if [ -n "$extras" ]; then
        .venv/bin/python -m pip install --quiet ".[$extras]"
    else
        .venv/bin/python -m pip install --quiet .
    fi
    touch "$stamp"
fi
