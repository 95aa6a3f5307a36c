"""At start, a warning when the notebook lives on a network drive or in a synced folder."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from sales_notebook import APP_NAME
from sales_notebook.paths import DataPaths
from sales_notebook.store.data_location import location_warning

ADVICE = (
    "Keep the notebook in a folder on this computer (start the app with --data-dir, or set "
    "SALES_NOTEBOOK_DATA_DIR, to choose it). To have it elsewhere too, use Back up now or "
    "Export rather than syncing the folder."
)


def warn_about_location(window: QWidget, paths: DataPaths) -> QMessageBox | None:
    """Show (without blocking) why the data dir is unsafe, if it is; returns the message box."""
    warning = location_warning(paths.root)
    if warning is None:
        return None
    print(f"sales-notebook: warning: {warning}", file=sys.stderr)
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, warning, QMessageBox.StandardButton.Ok, window
    )
    box.setObjectName("dataLocationWarning")
    box.setInformativeText(ADVICE)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal, not app-modal: the notes stay a click away
    return box
