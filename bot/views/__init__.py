"""What a message shows: interface text (gettext catalogs, one module of texts per feature), HTML
markup within Telegram's limits, citations, keyboards and their callback data, and the send/edit
helpers every reply goes through.
"""
