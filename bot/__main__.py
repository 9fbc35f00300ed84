"""`python -m bot` runs the bot; `python -m bot ask "question"` answers on the terminal."""

from __future__ import annotations

import sys

from bot.runtime.cli import main

sys.exit(main(sys.argv[1:]))
