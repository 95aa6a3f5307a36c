"""Shared fixtures: every test gets its own data dir, and Qt runs headless."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may touch the real user data dir, even by accident."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("SALES_NOTEBOOK_DATA_DIR", raising=False)


@pytest.fixture
def paths(tmp_path: Path):
    from sales_notebook.paths import DataPaths

    return DataPaths(tmp_path / "data")


@pytest.fixture
def services(paths) -> Iterator:
    from sales_notebook.store.migrate import prepare
    from sales_notebook.store.services import Services

    prepare(paths)
    bundle = Services.open(paths)
    yield bundle
    bundle.close()


@pytest.fixture
def demo_services(services):
    from sales_notebook.store.demo import fill_demo

    fill_demo(services.db)
    return services


@pytest.fixture
def window(qtbot, services, paths):
    from PySide6.QtCore import QSettings

    from sales_notebook.ui.main_window import MainWindow

    win = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.live_pane.shutdown()


@pytest.fixture(autouse=True)
def _modal_pollers_end_with_the_test():
    yield
    from tests.ui import modal

    modal.forget_pending()
    if modal.errors:
        error = modal.errors[0]
        modal.errors.clear()
        raise error


@pytest.fixture(autouse=True)
def _timed_like_the_app(request: pytest.FixtureRequest) -> Iterator[None]:
    """A timed (serial) test starts as the app is once ready: what was made before it is out
    of Python's full collections (sales_notebook/ui/app.py freezes it). Otherwise the earlier
    tests' 150,000 objects are walked, with the GUI thread held for 100-160 ms, whenever a
    collection comes due inside the timed part: the suite's stall, not the app's."""
    if request.node.get_closest_marker("serial") is None:
        yield
        return
    import gc

    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):
    """A test that stopped half-way through a failing save must not hang the suite on the
    "notes not saved" question when pytest-qt closes its window: no one is there to answer."""
    window = getattr(item, "funcargs", {}).get("window")
    if window is not None:
        window.force_quit = True
    return (yield)


# Folders whose every test times the GUI thread, a kill or a real window against the clock.
_SERIAL_FOLDERS = ("faults", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`make test` runs the suite on every core, then the "serial" tests alone: a test that
    checks typing is never blocked for 50 ms, or that a save lands within a second, measures
    this program, not a neighbour test sharing the core. Whole folders are marked here; single
    timed tests elsewhere carry @pytest.mark.serial."""
    tests_root = Path(__file__).parent
    for item in items:
        parts = item.path.relative_to(tests_root).parts
        if parts and parts[0] in _SERIAL_FOLDERS:
            item.add_marker(pytest.mark.serial)


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every top-level widget a Qt test made is deleted when it ends (after pytest-qt has
    closed its own). A dialog left open (a wizard whose pane was closed, over a notebook whose
    services are closed) otherwise lives on into later tests, and a later test's event
    processing lays it out after parts of it are gone: a segfault far from its cause."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    def ours() -> list:  # Qt's own parentless helpers (tool tips, popups) are left alone
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.parent() is None and not type(w).__module__.startswith("PySide6")
        ]

    before = ours()
    yield
    for widget in ours():
        if not any(widget is old for old in before):
            widget.hide()  # not close(): no "discard the notes?" question at teardown
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
