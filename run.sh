#!/usr/bin/env bash
# Install (first time) and start. Until the Telegram bot lands, this starts the
# question-answering core on the terminal: type a question, get cited passages.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-venv.sh
if [ $# -eq 0 ] && [ -t 0 ]; then
    echo "Type a question in Kazakh, Russian or English (Ctrl-D to quit)." >&2
fi
exec .venv/bin/python -m knowledge search "$@"
