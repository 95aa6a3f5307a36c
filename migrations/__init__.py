"""Alembic revisions of the notebook's schema (installed as sales_notebook.migrations)."""
