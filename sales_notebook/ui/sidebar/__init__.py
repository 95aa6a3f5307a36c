"""The accounts and deals sidebar."""
