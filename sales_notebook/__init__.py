"""Sales Notebook: a desktop notebook for live sales calls and the lessons from failed ones."""

from importlib.metadata import PackageNotFoundError, version

APP_ID = "sales-notebook"
APP_NAME = "Sales Notebook"

# One source of truth: the version in pyproject.toml, read back from the installed metadata
# (the bundle ships that metadata too). A checkout that was never installed has none.
try:
    __version__ = version(APP_ID)
except PackageNotFoundError:
    __version__ = "unknown (not installed: pip install -e .)"
