"""Persistence: engine, models, migrations and one service module per aggregate."""
