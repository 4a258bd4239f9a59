"""Mail: the outbox, delivery through the worker, and its page for state admins."""
