"""The stakeholder map pane: toolbar, canvas and the coverage panel for one account or deal."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.coverage import CoverageWarning
from sales_notebook.core.vocabulary import DecisionRole, LinkKind
from sales_notebook.store.errors import KnownError
from sales_notebook.store.stakeholders import MapData, StakeholdersService
from sales_notebook.ui import keys
from sales_notebook.ui.empty_state import EmptyState
from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.editing import MapEditor
from sales_notebook.ui.stakeholder_map.export import export_map
from sales_notebook.ui.stakeholder_map.one_line import OneLineLabel
from sales_notebook.ui.stakeholder_map.scene import MapScene
from sales_notebook.ui.stakeholder_map.side_panel import SidePanel
from sales_notebook.ui.stakeholder_map.toolbar import MapToolBar
from sales_notebook.ui.stakeholder_map.view import MapView

GAP_ROLES = (
    DecisionRole.DECISION_MAKER, DecisionRole.ECONOMIC_BUYER, DecisionRole.CHAMPION,
    DecisionRole.TECHNICAL_EVALUATOR, DecisionRole.GATEKEEPER, DecisionRole.INFLUENCER,
)  # fmt: skip
EMPTY_NOTE = (
    "Nobody on this map yet. Type a name and a role in the box above (“Dana Lee, CFO”) and "
    "press Enter, or double-click the canvas, to add the first person."
)


class StakeholderMapPane(QWidget):
    """Shows the people of the selected account (or deal); reloads when shown again, so
    changes made elsewhere (attendees added from a call) appear."""

    def __init__(self, stakeholders: StakeholdersService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stakeholderMapPane")
        self.service = stakeholders
        self.account_id: int | None = None
        self.deal_id: int | None = None
        self.data = MapData((), ())
        self.warnings: list[CoverageWarning] = []
        self._fit_when_shown = False

        # Made first, so that it comes first in the Tab order, above the cards, as it is shown.
        self.quick_add = QLineEdit(self)
        self.quick_add.setObjectName("quickAddPerson")
        self.quick_add.setPlaceholderText("Add someone: type “Dana Lee, CFO” and press Enter")
        self.quick_add.setClearButtonEnabled(True)
        self.quick_add.returnPressed.connect(self._add_typed)
        self.quick_add.installEventFilter(self)

        self.scene = MapScene(self)
        self.view = MapView(self.scene, self)
        self.editor = MapEditor(stakeholders, self.scene, self.view, self.scope, self)
        self.undo_stack = self.editor.undo_stack
        self.side = SidePanel(self)
        self.side.show_people.connect(self.select_people)
        self.editor.refused.connect(self.show_message)
        self.editor.changed.connect(self._changed)
        self.view.context_requested.connect(self._context_menu)

        self.empty = EmptyState(
            "No account picked",
            "Pick an account or one of its deals in the sidebar to see who decides, who "
            f"champions and who is missing. No account yet? {keys.hint('new_call')} starts a "
            "call and adds its account.",
            parent=self,
        )
        self.heading = OneLineLabel("", self)
        self.heading.setObjectName("mapHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.hint = OneLineLabel("", self)
        self.hint.setObjectName("mapHint")
        self.hint.setProperty("role", "muted")  # the theme's quiet colour
        self.message = QLabel("", self)
        self.message.setObjectName("mapMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            f"background: #fff4e6; color: {look.WARNING.darker(140).name()}; "
            f"border: 1px solid {look.WARNING.name()}; border-radius: 4px; padding: 6px;"
        )
        self.message.hide()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message.hide)

        self.toolbar = MapToolBar(self)
        self._build_actions()

        map_area = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        # The hint takes what the heading leaves (right-aligned) and is cut short first.
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.hint, 1)
        column = QVBoxLayout(map_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.quick_add)
        column.addWidget(self.toolbar)
        column.addWidget(self.message)
        column.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(map_area)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([700, 300])
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

    def _action(self, text: str, shortcut: object, slot: object, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        # Only while the map has focus: the same keys mean other things in the notes editor.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        if tip:
            action.setToolTip(keys.with_hint(tip, action.shortcut()))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action("Add person…", "Ctrl+Shift+A", lambda: self.editor.add_at(),
                                       "Add a person with every detail")  # fmt: skip
        self.gap_menu = QMenu("Add a gap", self)
        for role in GAP_ROLES:
            action = self.gap_menu.addAction(f"{role.label} — not identified yet")
            action.triggered.connect(lambda _=False, r=role: self.editor.add_gap(r))
        # Fixed labels (the stack's own actions grow to "Undo Arrange as org chart" and
        # push the toolbar around); what will be undone is in the tooltip instead.
        self.undo_action = self._action("Undo", "Ctrl+Z", self.undo_stack.undo, "Undo")
        self.redo_action = self._action("Redo", "Ctrl+Shift+Z", self.undo_stack.redo, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.undo_action.setToolTip(f"Undo {t}"))
        self.undo_stack.redoTextChanged.connect(lambda t: self.redo_action.setToolTip(f"Redo {t}"))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.arrange_action = self._action("Arrange", "Ctrl+L", self.editor.arrange,
                                           "Lay out as an org chart")  # fmt: skip
        self.fit_action = self._action(
            "Fit", keys.sequence("map_fit"), self.view.fit, "Show the whole map"
        )
        self.zoom_in_action = self._action("Zoom in", QKeySequence.StandardKey.ZoomIn,
                                           lambda: self.view.zoom_by(1.25), "Zoom in")  # fmt: skip
        self.zoom_out_action = self._action("Zoom out", QKeySequence.StandardKey.ZoomOut,
                                            lambda: self.view.zoom_by(0.8), "Zoom out")  # fmt: skip
        self.export_action = self._action("Export…", None, self.export,
                                          "Save the map as a PNG or SVG picture")  # fmt: skip
        self.delete_action = QAction("Delete", self.view)
        self.delete_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")]
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.editor.delete_selected)
        self.view.addAction(self.delete_action)

        self.map_actions = (self.arrange_action, self.fit_action, self.zoom_in_action,
                            self.zoom_out_action, self.export_action)  # fmt: skip
        self.toolbar.add(self.add_action, "add-person")
        self.gap_action = QAction("Add a gap", self)
        self.gap_action.setToolTip("Add a gap: a card for someone who matters but is not named yet")
        self.gap_action.setMenu(self.gap_menu)
        gap_button = self.toolbar.add(self.gap_action, "gap")
        gap_button.setObjectName("addGapButton")
        gap_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addSeparator()
        self.toolbar.add(self.undo_action, "undo")
        self.toolbar.add(self.redo_action, "redo")
        self.toolbar.addSeparator()
        self.toolbar.add(self.arrange_action, "map")
        self.toolbar.add(self.fit_action, "fit")
        self.toolbar.add(self.zoom_in_action, "zoom-in")
        self.toolbar.add(self.zoom_out_action, "zoom-out")
        self.toolbar.addSeparator()
        self.toolbar.add(self.export_action, "export")

    # -- scope and loading -----------------------------------------------------------

    def scope(self) -> tuple[int | None, int | None]:
        return self.account_id, self.deal_id

    def set_scope(self, account_id: int | None, deal_id: int | None) -> None:
        """Show this account (or one of its deals)."""
        if (account_id, deal_id) == (self.account_id, self.deal_id):
            return
        self.account_id, self.deal_id = account_id, deal_id
        self.undo_stack.clear()
        self.message.hide()
        self.reload(fit=True)

    def reload(self, fit: bool = False) -> None:
        """Read the map again from the notebook (cheap: one account's people)."""
        account_id = self.account_id
        names = None if account_id is None else self.service.scope_names(account_id, self.deal_id)
        if account_id is None or names is None:  # nothing selected, or the account was deleted
            self.account_id = self.deal_id = None
            self.stack.setCurrentWidget(self.empty)
            self.data = MapData((), ())
            self.scene.load(self.data)
            return
        self.stack.setCurrentWidget(self.splitter)
        account, deal = names
        self.heading.setText(f"{account} — {deal}" if deal else account)
        self._show(self.service.map(account_id, self.deal_id))
        # Hidden (another tab is showing), the view has no real size yet: fitting now
        # zoomed the map far out. It fits when it is shown instead.
        self._fit_when_shown = fit and not self.view.isVisible()
        if fit and not self._fit_when_shown:
            self.view.fit()

    def _show(self, data: MapData, focus: int | None = None) -> None:
        selected = {c.id for c in self.scene.selected_cards()}
        self.data = data
        assert self.account_id is not None
        self.warnings, calls = self.service.coverage(self.account_id, self.deal_id)
        flagged = {i for w in self.warnings for i in w.stakeholder_ids}
        laid_out = self.scene.load(data, flagged)
        if laid_out:
            self._pin(laid_out)
        self.scene.show_missing_decider(
            any(w.code == "no-decision-maker" and not w.stakeholder_ids for w in self.warnings)
        )
        count = len(data.people)
        self.side.show_warnings(self.warnings, mapped=count, calls=calls)
        people = f"{count} {'person' if count == 1 else 'people'}"
        self.hint.set_texts(
            [""]
            if not count
            else [
                f"{people} · Tab walks the cards, Enter edits, drag the round handle to link",
                f"{people} · Tab walks the cards, Enter edits",
                people,
                "",  # rather than "3 p…" beside a long heading (the tooltip keeps it all)
            ]
        )
        self.view.show_empty_note("" if count else EMPTY_NOTE)
        # Nothing to arrange, zoom or export yet; adding someone stays one keystroke away.
        for action in self.map_actions:
            action.setEnabled(bool(count))
        for card_id in selected if focus is None else {focus}:
            if card_id in self.scene.cards:
                self.scene.cards[card_id].setSelected(True)
        if focus in self.scene.cards:
            self.scene.setFocusItem(self.scene.cards[focus])
            self.view.ensureVisible(self.scene.cards[focus], 40, 40)

    def _pin(self, laid_out: dict[int, tuple[float, float]]) -> None:
        """Store where the layout put people who had no place yet. Otherwise the first card
        given a place (added, dragged) leaves the rest unplaced, and they are laid out again
        in a row under it: the org chart the seller was looking at falls apart."""
        try:
            self.service.move(laid_out)
        except KnownError:
            return  # the map still shows them; the layout is tried again next time
        assert self.account_id is not None
        self.data = self.service.map(self.account_id, self.deal_id)

    def _changed(self, focus: int | None) -> None:
        if self.account_id is not None:
            self._show(self.service.map(self.account_id, self.deal_id), focus)
            if self.view.fitted:  # a quick add may land outside the view: keep it all in
                self.view.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_when_shown:
            self._fit_when_shown = False
            self.view.fit()
        if self.account_id is None:
            return
        if self.service.scope_names(self.account_id, self.deal_id) is None:
            self.reload()
            return
        fresh = self.service.map(self.account_id, self.deal_id)
        if fresh != self.data:
            # Someone else changed these people (a call's attendee list): the undo history
            # may point at what is gone, so it starts afresh.
            self.undo_stack.clear()
            self._show(fresh)

    # -- actions ------------------------------------------------------------------

    def _add_typed(self) -> None:
        if self.editor.add_typed(self.quick_add.text()):
            self.quick_add.clear()
            self.message.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty add box leaves Ctrl+Z (and redo) to the map. Right after a quick add the
        # box's own undo brought the typed line back, and the card stayed.
        if (
            watched is self.quick_add
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not self.quick_add.text()
            and QKeySequence(event.keyCombination())
            in (*self.undo_action.shortcuts(), *self.redo_action.shortcuts())
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def show_message(self, text: str) -> None:
        """A refusal or a problem, shown above the map until it fades or the next edit."""
        self.message.setText(text)
        self.message.show()
        self._message_timer.start(10_000)

    def select_people(self, ids: tuple[int, ...]) -> None:
        """Select (and scroll to) the people a warning is about."""
        self.scene.clearSelection()
        cards = [self.scene.cards[i] for i in ids if i in self.scene.cards]
        for card in cards:
            card.setSelected(True)
        if cards:
            self.view.ensureVisible(cards[0], 60, 60)
            self.view.setFocus()
            self.scene.setFocusItem(cards[0])

    def _context_menu(self, card_id: int | None, at: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("mapContextMenu")
        if card_id is not None:
            menu.addAction("Edit…", lambda: self.editor.edit(card_id))
            for kind, text in ((LinkKind.REPORTS_TO, "Reports to…"),
                               (LinkKind.INFLUENCES, "Influences…")):  # fmt: skip
                menu.addAction(text, partial(self.editor.pick_and_link, card_id, kind))
            card = self.scene.cards[card_id]
            if card.edges:
                unlink = menu.addMenu("Remove link")
                for edge in card.edges:
                    unlink.addAction(edge.toolTip(), partial(self.editor.unlink, edge.id))
            menu.addSeparator()
            menu.addAction("Delete", self.editor.delete_selected)
        else:
            point = self.view.mapToScene(self.view.mapFromGlobal(at))
            menu.addAction("Add person here…", lambda: self.editor.add_at(QPointF(point)))
            menu.addMenu(self.gap_menu)
            menu.addSeparator()
            menu.addAction(self.arrange_action)
            menu.addAction(self.fit_action)
        menu.exec(at)

    def export(self) -> None:
        """Save the map as PNG or SVG (the file name's ending decides)."""
        if self.account_id is None:
            return
        name = self.heading.text().replace("/", "-") or "stakeholder map"
        target, chosen = QFileDialog.getSaveFileName(
            self,
            "Export the map",
            str(_pictures() / f"{name}.png"),
            "PNG image (*.png);;SVG drawing (*.svg)",
        )
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
        window = self.window()
        if self.export_to(path) and isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Map saved to {path}", 10_000)

    def export_to(self, path: Path) -> bool:
        """Write the map to `path`; shows a message and returns False if it cannot."""
        try:
            export_map(self.scene, path, self.heading.text())
        except OSError as exc:
            self.show_message(f"The map could not be saved: {exc}")
            return False
        return True


def _pictures() -> Path:
    """Where a picture is saved first: the user's Pictures folder, else their home (not the
    folder the app happened to be started in)."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(pictures) if pictures and Path(pictures).is_dir() else Path.home()
