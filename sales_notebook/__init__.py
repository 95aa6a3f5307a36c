"""Sales Notebook: a desktop notebook for live sales calls and the lessons from failed ones."""

from importlib.metadata import PackageNotFoundError, version

APP_ID = "sales-notebook"  # the command, the package and the data folder's name
APP_NAME = "Sales Notebook"
# The launcher's app id, reverse-DNS as AppStream and Wayland's app_id want: the name of the
# installed .desktop file, metainfo and icon, and the window's desktopFileName. It must never
# change once released (launchers, docks and pinned favourites key on it).
DESKTOP_ID = "org.salesnotebook.SalesNotebook"

# One source of truth: the version in pyproject.toml, read back from the installed metadata
# (the bundle ships that metadata too). A checkout that was never installed has none.
try:
    __version__ = version(APP_ID)
except PackageNotFoundError:
    __version__ = "unknown (not installed: pip install -e .)"
