"""The Telegram side, one package per role: runtime (the composition root and the runners),
middlewares (around every update), session (around every Bot API call), views (what a message
shows), services (what the bot does), storage (SQLite), and the settings, catalogs and filters
they share. Handlers (the routers) live beside it in `handlers/`."""
