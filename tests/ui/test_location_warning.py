"""A notebook in a sync client's folder gets a warning, with the reason, once the window is up."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from sales_notebook.paths import DataPaths


@pytest.fixture
def paths(tmp_path):
    return DataPaths(tmp_path / "Dropbox" / "Sales notebook")


def test_a_notebook_in_dropbox_is_warned_about_at_start(window, qtbot, paths, capsys) -> None:
    from sales_notebook.ui import app

    app._after_ready(window, paths)
    box = window.findChild(QMessageBox, "dataLocationWarning")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "Dropbox" in box.text() and "notebook.db-wal" in box.text()
    assert "--data-dir" in box.informativeText()
    assert box.windowModality() == Qt.WindowModality.WindowModal  # the notes stay usable
    assert "Dropbox" in capsys.readouterr().err
    box.accept()
    for thread in threading.enumerate():  # the daily backup _after_ready started
        if thread.name == "daily-backup":
            thread.join(timeout=30)


def test_a_local_notebook_gets_no_warning(qtbot, tmp_path) -> None:
    from sales_notebook.ui.location_warning import warn_about_location

    parent = QWidget()
    qtbot.addWidget(parent)
    assert warn_about_location(parent, DataPaths(tmp_path / "notebook")) is None
    assert parent.findChild(QMessageBox) is None
