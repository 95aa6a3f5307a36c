"""Sales Notebook: a desktop notebook for live sales calls and the lessons from failed ones."""

from __future__ import annotations

APP_ID = "sales-notebook"  # the command, the package and the data folder's name
APP_NAME = "Sales Notebook"
# The launcher's app id, reverse-DNS as AppStream and Wayland's app_id want: the name of the
# installed .desktop file, metainfo and icon, and the window's desktopFileName. It must never
# change once released (launchers, docks and pinned favourites key on it).
DESKTOP_ID = "org.salesnotebook.SalesNotebook"


def __getattr__(name: str) -> str:
    # One source of truth: the version in pyproject.toml, read back from the installed
    # metadata (the bundle ships that metadata too). Read when first asked for: importing
    # importlib.metadata and scanning the installed packages costs every command ~30 ms
    # of CPU, which `lessons suggest` cannot spare (docs/QUALITY.md, Speed).
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version(APP_ID)
    except PackageNotFoundError:  # a checkout that was never installed has none
        found = "unknown (not installed: pip install -e .)"
    globals()["__version__"] = found
    return found
