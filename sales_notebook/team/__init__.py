"""The team lesson library: a shared PostgreSQL server, an outbox and a local read-only cache.

No Qt here: the command line and the GUI's background sync both use this package.
"""
