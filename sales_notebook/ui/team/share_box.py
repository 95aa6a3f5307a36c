"""The wizard's "Share with my team" ticks (off by default), on its last page."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget


class ShareBox(QWidget):
    """Share with my team, and (only then) the account's name too."""

    def __init__(self, account_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamShare")
        self.share = QCheckBox("&Share with my team", self)
        self.share.setObjectName("shareWithTeam")
        self.share.setToolTip(
            "Teammates see the title, causes with evidence, what happened, what to do "
            "differently, the outcome, the date and your name. Never the call's notes, the "
            "map or the checklist."
        )
        self.account = QCheckBox(f"Share the account's name ({account_name})", self)
        self.account.setObjectName("shareAccountName")
        self.account.setEnabled(False)
        self.share.toggled.connect(self._share_toggled)
        note = QLabel("Sent at the next sync; Unpublish in the library takes it back.", self)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.share)
        layout.addWidget(self.account)
        layout.addWidget(note)

    def _share_toggled(self, on: bool) -> None:
        self.account.setEnabled(on)
        if not on:
            self.account.setChecked(False)

    def choice(self) -> tuple[bool, bool]:
        """(share, with the account's name)."""
        return self.share.isChecked(), self.share.isChecked() and self.account.isChecked()
