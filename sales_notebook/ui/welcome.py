"""The first run: a welcome in the live notes pane with "Start a call" and "Explore a demo
notebook". The demo is a notebook of its own, in a folder beside the user's, opened in a
second window: nothing of it is ever written into the user's notebook."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import KnownError
from sales_notebook.ui import keys
from sales_notebook.ui.empty_state import EmptyState

WELCOME = "Welcome to Sales Notebook"
WELCOME_TEXT = (
    "Press {new_call} to start a call: name the account, press Enter, and type. Or look around "
    "a demo notebook first: it opens in its own window, and nothing of it is added to yours."
)


def demo_paths(paths: DataPaths) -> DataPaths:
    """The demo notebook's folder: a sibling of the user's ('…/sales-notebook-demo')."""
    return DataPaths(paths.root.with_name(paths.root.name + "-demo"))


def open_demo(paths: DataPaths, parent: QWidget) -> DataPaths | None:
    """Fill the demo notebook if it is new, and open it in a second window."""
    from sales_notebook.store.demo import fill_demo
    from sales_notebook.store.migrate import prepare
    from sales_notebook.store.services import Services

    demo = demo_paths(paths)
    try:
        prepare(demo)
        services = Services.open(demo)
        try:
            if not services.accounts.all():
                fill_demo(services.db)
        finally:
            services.close()
    except KnownError as exc:
        QMessageBox.warning(parent, "Demo notebook", f"The demo could not be made: {exc}")
        return None
    args = ["-m", "sales_notebook", "--data-dir", str(demo.root)]
    if not QProcess.startDetached(sys.executable, args):
        QMessageBox.warning(parent, "Demo notebook", "The demo window could not be started.")
        return None
    return demo


def show_welcome(empty: EmptyState, paths: DataPaths, parent: QWidget) -> QPushButton:
    """Turn the live pane's empty state into the welcome; returns the demo button."""
    empty.title.setText(WELCOME)
    empty.text.setText(WELCOME_TEXT.format(new_call=keys.hint("new_call")))
    button = empty.add_button("Explore a demo notebook")
    button.setObjectName("exploreDemo")
    button.clicked.connect(lambda: open_demo(paths, parent))
    return button
