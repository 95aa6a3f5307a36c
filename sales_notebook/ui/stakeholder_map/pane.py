"""The stakeholder map pane (the canvas comes with the stakeholder map issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from sales_notebook.ui.empty_state import EmptyState


class StakeholderMapPane(QWidget):
    """Shows the people of the selected account or deal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stakeholderMap")
        self.empty = EmptyState(
            "Stakeholder map",
            "Select an account to see who decides, who champions and who is missing.\n"
            "(The map canvas is not built yet.)",
            parent=self,
        )
        QVBoxLayout(self).addWidget(self.empty)

    def set_scope(self, account_id: int | None, deal_id: int | None) -> None:
        """Show this account (or one of its deals)."""
