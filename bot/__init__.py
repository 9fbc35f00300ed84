"""The Telegram side: settings, storage, interface text and the wiring of aiogram."""
