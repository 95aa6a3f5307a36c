"""The first run offers a call or a demo notebook, and the demo never touches the user's."""

from __future__ import annotations

from PySide6.QtCore import QProcess, Qt

from sales_notebook.store.migrate import prepare
from sales_notebook.store.services import Services
from sales_notebook.ui.welcome import WELCOME, demo_paths


def test_a_first_run_welcomes_with_a_call_or_a_demo(window, qtbot, services, paths, monkeypatch):
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess,
        "startDetached",
        staticmethod(lambda prog, args: started.append((prog, args)) or True),
    )
    window.tabs.setCurrentWidget(window.live_pane)
    empty = window.live_pane.empty
    assert empty.title.text() == WELCOME
    assert empty.button.text() == "Start a call" and empty.button.isVisible()
    demo_button = window.demo_button
    assert demo_button.text() == "Explore a demo notebook" and demo_button.isVisible()
    qtbot.mouseClick(demo_button, Qt.MouseButton.LeftButton)
    demo = demo_paths(paths)
    assert started and started[0][1][-2:] == ["--data-dir", str(demo.root)]
    assert demo.root != paths.root and demo.root.parent == paths.root.parent
    prepare(demo)
    other = Services.open(demo)
    try:
        assert len(other.accounts.all()) >= 5  # the demo, in its own notebook
    finally:
        other.close()
    assert services.accounts.all() == []  # nothing mixed into the user's
    qtbot.mouseClick(demo_button, Qt.MouseButton.LeftButton)  # again: reused, not refilled
    assert len(started) == 2


def test_a_notebook_with_accounts_gets_no_welcome(demo_services, window) -> None:
    assert window.live_pane.empty.title.text() != WELCOME
    assert not hasattr(window, "demo_button")
