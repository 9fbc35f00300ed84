"""The composition root and the ways to run the bot: the bot and dispatcher factories (the only
place that knows both the handlers and everything they are given), long polling, the webhook
server, the terminal's `ask`, the command menus set at start, and logging.
"""
