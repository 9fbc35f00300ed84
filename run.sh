#!/usr/bin/env bash
# Install (first time) and start the bot with long polling. Reads .env; without BOT_TOKEN it
# says what to set and how to try the bot on the terminal: ./run.sh ask "question".
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-venv.sh
BOT_LAUNCHER=./run.sh exec .venv/bin/python -m bot "$@"
