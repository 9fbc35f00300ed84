"""What runs around every call the bot makes to the Bot API (aiogram session middlewares): retries
with back-off, the pace of messages to a group, the plain-text fallback for HTML Telegram refuses,
and button answers that expired.
"""
