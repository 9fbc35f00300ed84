#!/usr/bin/env bash
# Create .venv and install exactly the versions in uv.lock (with the extra given as $1, e.g. "dev"),
# and the project itself, when uv.lock or pyproject.toml changed since the last install.
# Called by run.sh and test.sh; needs only python3 with pip, and PyPI.
# After changing the dependencies in pyproject.toml, run `.venv/bin/uv lock` and commit uv.lock.
set -euo pipefail
extras="${1:-}"
python="${PYTHON:-python3}"
uv_version="0.13.9"  # the uv that wrote uv.lock; pinned so that every machine reads it alike
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=".venv/.installed-${extras:-base}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ uv.lock -nt "$stamp" ]; then
    if [ "$(.venv/bin/uv --version 2>/dev/null)" != "uv $uv_version" ]; then
        .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$uv_version"
    fi
    # --locked: stop if uv.lock does not match pyproject.toml rather than resolve anew;
    # --inexact: keep what is there and not in the lock (pip, uv itself, the other extra).
    # The project goes in editable, so `python -m bot` and `python -m knowledge` work from anywhere.
    UV_PROJECT_ENVIRONMENT=.venv UV_PYTHON_DOWNLOADS=never .venv/bin/uv sync --quiet --locked --inexact \
        ${extras:+--extra "$extras"}
    touch "$stamp"
fi
