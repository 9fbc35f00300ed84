"""What runs around every update before a handler sees it: the knowledge base in service, the
reader's language, the stored user and group membership, throttling, and the count of updates in
hand for a clean shutdown (each marked done in the inbox when its handler has finished).
"""
