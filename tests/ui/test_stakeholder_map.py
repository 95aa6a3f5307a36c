"""The stakeholder map driven as a seller drives it: typing, shortcuts, drags and dialogs."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QImage, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QGraphicsView, QInputDialog, QMenu, QWidget

from sales_notebook.store.models import CallAttendee
from sales_notebook.store.stakeholders import PersonDetails
from sales_notebook.ui.stakeholder_map.card import HANDLE
from sales_notebook.ui.stakeholder_map.layout import CARD_H, CARD_W
from sales_notebook.ui.stakeholder_map.one_line import OneLineLabel
from sales_notebook.ui.stakeholder_map.person_dialog import PersonDialog
from tests.ui.modal import when_modal

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def kestrel(demo_services) -> tuple[int, int]:
    account = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    return account.id, account.deals[0].id


@pytest.fixture
def map_window(qtbot, demo_services, paths, kestrel):
    from sales_notebook.ui.main_window import MainWindow

    win = MainWindow(demo_services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.tabs.setCurrentWidget(win.map_pane)
    win.sidebar.select(*kestrel)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.map_pane.view.setFocus()
    yield win
    win.live_pane.shutdown()


def refocus(win, qtbot) -> None:
    """After a dialog closes, the window's shortcuts need it active again."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.map_pane.view.setFocus()


def names(pane) -> set[str]:
    return {c.person.name for c in pane.scene.cards.values()}


def card_named(pane, name: str):
    return next(c for c in pane.scene.cards.values() if c.person.name == name)


def viewport_point(pane, scene_point: QPointF) -> QPoint:
    return pane.view.mapFromScene(scene_point)


def send_mouse(widget: QWidget, kind: QEvent.Type, at: QPoint, buttons) -> None:
    """QTest.mouseMove carries no buttons; a drag needs them, so the events are built here."""
    event = QMouseEvent(
        kind, QPointF(at), QPointF(widget.mapToGlobal(at)), Qt.MouseButton.LeftButton
        if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        buttons, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def drag(pane, start: QPointF, end: QPointF) -> None:
    viewport = pane.view.viewport()
    held = Qt.MouseButton.LeftButton
    send_mouse(viewport, QEvent.Type.MouseButtonPress, viewport_point(pane, start), held)
    for step in range(1, 6):
        point = start + (end - start) * (step / 5)
        send_mouse(viewport, QEvent.Type.MouseMove, viewport_point(pane, point), held)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, viewport_point(pane, end),
               Qt.MouseButton.NoButton)  # fmt: skip


def when_popup(choose: str) -> list[str]:
    """Trigger the action whose text contains `choose` in the next popup menu."""
    seen: list[str] = []

    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            timer.stop()
            texts = [a.text() for a in menu.actions()]
            seen.extend(texts)
            action = next(a for a in menu.actions() if choose in a.text())
            menu.close()
            action.trigger()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(10)
    _keep.append(timer)
    return seen


_keep: list[QTimer] = []


def fill_dialog(**fields):
    def handle(dialog: QDialog) -> None:
        assert isinstance(dialog, PersonDialog)
        for name, value in fields.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setText"):
                widget.setText(value)
            else:
                widget.setCurrentIndex(widget.findData(value))
        dialog.accept()

    return handle


# -- the canvas -------------------------------------------------------------------------


def test_the_canvas_has_the_agreed_names_and_shows_the_selected_deal(map_window) -> None:
    pane = map_window.map_pane
    assert isinstance(map_window.findChild(QGraphicsView, "stakeholderMap"), QGraphicsView)
    assert pane.objectName() == "stakeholderMapPane"
    assert names(pane) == {"Ruth Ng", "Marco Bellini", "Sam Patel"}
    assert pane.heading.text() == "Kestrel Logistics — Fleet telemetry pilot"
    ruth, marco = card_named(pane, "Ruth Ng"), card_named(pane, "Marco Bellini")
    # Org chart: the boss sits above her reports.
    assert ruth.pos().y() + CARD_H < marco.pos().y()
    assert {e.link.kind for e in pane.scene.edges} == {"reports_to"}
    assert ruth.flagged and not card_named(pane, "Sam Patel").flagged


def test_no_account_selected_shows_the_empty_state(window) -> None:
    pane = window.map_pane
    window.tabs.setCurrentWidget(pane)
    assert pane.stack.currentWidget() is pane.empty


@pytest.mark.parametrize("scope", ["account", "deal"])
def test_an_empty_map_says_how_to_start_in_full_even_in_a_small_window(
    window, qtbot, services, scope
) -> None:
    account_id = services.accounts.add("Globex Industrial Holdings")
    deal_id = services.accounts.add_deal(account_id, "Pilot") if scope == "deal" else None
    window.resize(900, 600)
    window.tabs.setCurrentWidget(window.map_pane)
    window.sidebar.reload(select=(account_id, deal_id))
    pane = window.map_pane
    assert pane.stack.currentWidget() is pane.splitter and not pane.scene.cards
    note = pane.view.empty_note
    qtbot.waitUntil(note.isVisible)
    assert "type a name" in note.text().lower() and "double-click" in note.text()
    # Whole, not elided like the one-line hint: wrapped inside the canvas.
    assert note.height() >= note.heightForWidth(note.width())
    assert pane.view.viewport().rect().contains(note.geometry())
    assert pane.side.summary.text().startswith("Nobody mapped yet")
    assert not any(a.isEnabled() for a in (pane.arrange_action, pane.fit_action,
                                           pane.zoom_in_action, pane.export_action))  # fmt: skip
    assert pane.add_action.isEnabled()

    qtbot.keyClicks(pane.quick_add, "Dana Lee, CFO")
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert names(pane) == {"Dana Lee"} and not note.isVisible()
    assert pane.arrange_action.isEnabled() and pane.export_action.isEnabled()
    assert "gap" in pane.side.summary.text()


def test_an_account_chosen_on_another_tab_is_fitted_when_the_map_is_shown(
    window, qtbot, demo_services, kestrel
) -> None:
    window.resize(900, 600)
    window.tabs.setCurrentWidget(window.live_pane)
    window.sidebar.reload(select=kestrel)
    pane = window.map_pane
    window.tabs.setCurrentWidget(pane)
    qtbot.waitUntil(pane.view.isVisible)
    shown = pane.view.zoom()
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_0, CTRL)  # Fit, by hand
    assert shown == pytest.approx(pane.view.zoom(), rel=0.05)


def test_warnings_beside_the_map_say_why_and_what_to_ask(map_window, qtbot) -> None:
    pane = map_window.map_pane
    titles = [c.warning.title for c in pane.side.cards]
    assert "The decision maker has not been on a call" in titles
    absent = next(c for c in pane.side.cards if c.warning.code == "decision-maker-absent")
    assert "Ruth Ng" in absent.warning.why and absent.warning.ask
    qtbot.mouseClick(absent, Qt.MouseButton.LeftButton)
    assert [c.person.name for c in pane.scene.selected_cards()] == ["Ruth Ng"]


# -- adding --------------------------------------------------------------------------------


def test_typing_one_line_adds_a_card_and_undo_redo_keep_its_id(map_window, qtbot, kestrel):
    pane, service = map_window.map_pane, map_window.services.stakeholders
    qtbot.keyClicks(pane.quick_add, "Dana Lee, CFO")
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert pane.quick_add.text() == ""
    dana = card_named(pane, "Dana Lee")
    assert dana.person.details.title == "CFO"
    assert service.get(dana.id).pos_x is not None
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL)
    assert "Dana Lee" not in names(pane)
    assert "Dana Lee" not in {p.name for p in service.map(*kestrel).people}
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert card_named(pane, "Dana Lee").id == dana.id


def test_a_bad_line_is_refused_with_a_message(map_window, qtbot) -> None:
    pane = map_window.map_pane
    qtbot.keyClicks(pane.quick_add, ", CFO")
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert pane.message.isVisible() and "name" in pane.message.text()
    assert len(pane.scene.cards) == 3 and pane.quick_add.text() == ", CFO"


def test_add_from_the_toolbar_with_every_field(map_window, qtbot, kestrel) -> None:
    pane = map_window.map_pane
    when_modal(fill_dialog(name="Alex Boss", title="Managing Director",
                           role="decision_maker", attitude="skeptic"))  # fmt: skip
    button = pane.toolbar.widgetForAction(pane.add_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    alex = card_named(pane, "Alex Boss")
    stored = map_window.services.stakeholders.get(alex.id).details
    assert (stored.title, stored.decision_role, stored.attitude) == (
        "Managing Director", "decision_maker", "skeptic",
    )  # fmt: skip


def test_double_click_on_empty_canvas_adds_a_person_there(map_window, qtbot) -> None:
    pane = map_window.map_pane
    spot = pane.scene.map_rect().bottomRight() + QPointF(-30, -30)
    pane.view.centerOn(spot)
    when_modal(fill_dialog(name="Corner Person"))
    at = viewport_point(pane, spot)
    QTest.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    card = card_named(pane, "Corner Person")
    assert card.rect_in_scene().adjusted(-CARD_W, -CARD_H, CARD_W, CARD_H).contains(spot)


@pytest.mark.parametrize(
    ("fields", "error"),
    [({"name": ""}, "needs a name"), ({"name": "Dana", "title": "x" * 10_000}, "too long")],
)
def test_the_form_refuses_bad_input_in_place(map_window, qtbot, fields, error) -> None:
    pane = map_window.map_pane
    shown: list[str] = []

    def handle(dialog: PersonDialog) -> None:
        for name, value in fields.items():
            getattr(dialog, name).setText(value)
        dialog.accept()
        shown.append(dialog.error.text() if dialog.isVisible() else "closed")
        dialog.reject()

    when_modal(handle)
    pane.editor.add_at()
    assert error in shown[0]
    assert len(pane.scene.cards) == 3


# -- editing, deleting, undo -------------------------------------------------------------


def test_tab_walks_the_cards_and_enter_edits(map_window, qtbot) -> None:
    pane = map_window.map_pane
    pane.scene.clearSelection()
    refocus(map_window, qtbot)
    pane.quick_add.setFocus()
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Tab)  # the canvas comes right after the field
    assert QApplication.focusWidget() is pane.view
    assert [c.person.name for c in pane.scene.selected_cards()] == ["Ruth Ng"]
    qtbot.keyClick(pane.view, Qt.Key.Key_Tab)
    second = pane.scene.selected_cards()[0].person.name
    assert second in {"Marco Bellini", "Sam Patel"}
    when_modal(fill_dialog(role="champion"))
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert card_named(pane, second).person.details.decision_role == "champion"
    refocus(map_window, qtbot)
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL)
    assert card_named(pane, second).person.details.decision_role != "champion"


def test_delete_removes_the_card_with_its_links_and_undo_restores_them(
    map_window, qtbot, kestrel
) -> None:
    pane, service = map_window.map_pane, map_window.services.stakeholders
    before = service.map(*kestrel)
    pane.view.focus_card(card_named(pane, "Ruth Ng"))
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert names(pane) == {"Marco Bellini", "Sam Patel"} and pane.scene.edges == []
    assert service.map(*kestrel).links == ()
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL)
    assert service.map(*kestrel) == before
    assert len(pane.scene.edges) == 2
    # Her call attendance came back too: she is still "absent", Marco still "engaged".
    assert service.engaged_ids(*kestrel)[0] == {card_named(pane, "Marco Bellini").id}
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "Ruth Ng" not in names(pane)


def test_delete_a_selected_link_only(map_window, qtbot, kestrel) -> None:
    pane, service = map_window.map_pane, map_window.services.stakeholders
    pane.scene.clearSelection()
    pane.scene.edges[0].setSelected(True)
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert len(service.map(*kestrel).links) == 1 and len(names(pane)) == 3
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL)
    assert len(service.map(*kestrel).links) == 2


# -- links ---------------------------------------------------------------------------------


def test_drag_from_the_handle_onto_another_card_links_them(map_window, qtbot, kestrel) -> None:
    pane, service = map_window.map_pane, map_window.services.stakeholders
    sam, marco = card_named(pane, "Sam Patel"), card_named(pane, "Marco Bellini")
    offered = when_popup("influences")
    drag(pane, sam.pos() + HANDLE.center(), marco.center())
    assert "Sam Patel reports to Marco Bellini" in offered
    links = service.map(*kestrel).links
    assert (sam.id, marco.id, "influences") in {(k.source_id, k.target_id, k.kind) for k in links}
    dashed = [e for e in pane.scene.edges if e.link.kind == "influences"]
    assert len(dashed) == 1 and dashed[0].pen().style() == Qt.PenStyle.DashLine


def test_context_menu_reports_to_and_a_loop_is_refused(map_window, qtbot, kestrel) -> None:
    pane, service = map_window.map_pane, map_window.services.stakeholders
    ruth = card_named(pane, "Ruth Ng")

    def pick(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        assert "Marco Bellini, Senior Developer" in dialog.comboBoxItems()
        dialog.setTextValue("Marco Bellini, Senior Developer")
        dialog.accept()

    when_modal(pick)
    when_popup("Reports to…")
    pane.view.focus_card(ruth)
    point = pane.view.viewport().mapToGlobal(viewport_point(pane, ruth.center()))
    pane._context_menu(ruth.id, point)
    assert "Marco Bellini already reports" in pane.message.text()
    assert pane.message.isVisible()
    assert len(service.map(*kestrel).links) == 2
    assert pane.undo_stack.count() == 0


def test_reports_to_links_the_person_picked_when_two_share_a_name(
    map_window, qtbot, kestrel
) -> None:
    pane, service = map_window.map_pane, map_window.services.stakeholders
    account_id, deal_id = kestrel
    first = service.add_line(account_id, "Dana Lee, CFO", deal_id)
    second = service.add_line(account_id, "Dana Lee, Head of IT", deal_id)
    twin = service.add_line(account_id, "Dana Lee, Head of IT", deal_id)
    pane.reload()
    sam = card_named(pane, "Sam Patel")
    offered: list[list[str]] = []

    def pick(label: str):
        def answer(dialog: QDialog) -> None:
            offered.append(dialog.comboBoxItems())
            dialog.setTextValue(label)
            dialog.accept()

        return answer

    for label, person in (
        ("Dana Lee, Head of IT", second),
        ("Dana Lee, Head of IT (2)", twin),
        ("Dana Lee, CFO", first),
    ):
        when_modal(pick(label))
        pane.editor.pick_and_link(sam.id, "influences")
        links = service.map(*kestrel).links
        assert (sam.id, person, "influences") in {(k.source_id, k.target_id, k.kind) for k in links}
    assert len(set(offered[0])) == len(offered[0])  # every choice told apart


def test_moving_a_card_persists_across_a_restart(map_window, qtbot, paths, kestrel) -> None:
    pane = map_window.map_pane
    sam = card_named(pane, "Sam Patel")
    start = sam.pos() + QPointF(40, 30)
    drag(pane, start, start + QPointF(120, 80))
    moved = (sam.pos().x(), sam.pos().y())
    assert moved != (start.x() - 40, start.y() - 30)
    assert pane.undo_stack.undoText() == "Move"

    from sales_notebook.store.services import Services
    from sales_notebook.ui.main_window import MainWindow

    map_window.close()
    map_window.services.close()
    reopened = Services.open(paths)
    try:
        again = MainWindow(reopened, QSettings(str(paths.settings), QSettings.Format.IniFormat))
        qtbot.addWidget(again)
        again.sidebar.select(*kestrel)
        sam_again = card_named(again.map_pane, "Sam Patel")
        assert (sam_again.pos().x(), sam_again.pos().y()) == moved
        again.live_pane.shutdown()
    finally:
        reopened.close()


def test_people_added_by_typing_gather_round_the_middle_and_stay_readable(
    map_window, qtbot
) -> None:
    pane = map_window.map_pane
    map_window.resize(1280, 800)
    pane.view.fit()
    for name in ("Ann One", "Bob Two", "Cy Three", "Di Four", "Ed Five"):
        qtbot.keyClicks(pane.quick_add, name)
        qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    # Eight cards fitted in the view: placed one after the other to the right, the map went
    # to 0.26x, its names a few pixels high.
    assert pane.view.transform().m11() >= 0.6
    boxes = [c.rect_in_scene() for c in pane.scene.cards.values()]
    assert len(boxes) == 8
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))


def scrollable_beyond_the_map(pane) -> float:
    """How far the scroll bars lead past the cards (and the margin around them)."""
    area, items = pane.scene.sceneRect(), pane.scene.itemsBoundingRect()
    return max(area.width() - items.width(), area.height() - items.height()) - 80


def test_the_canvas_scrolls_as_far_as_the_map_and_no_further(map_window, qtbot) -> None:
    pane = map_window.map_pane
    for name in ("Ann One", "Bob Two", "Cy Three", "Di Four", "Ed Five"):
        qtbot.keyClicks(pane.quick_add, name)
        qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    added = [card_named(pane, n) for n in ("Ann One", "Bob Two", "Cy Three", "Di Four")]
    assert pane.scene.sceneRect().contains(pane.scene.itemsBoundingRect())
    pane.view.setFocus()
    pane.scene.clearSelection()
    for card in added:
        card.setSelected(True)
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert "Ann One" not in names(pane)
    assert scrollable_beyond_the_map(pane) <= 1

    # A card dragged far out takes the canvas with it; arranged again, the canvas shrinks.
    sam = card_named(pane, "Sam Patel")
    start = sam.pos() + QPointF(40, 30)
    drag(pane, start, start + QPointF(900, 500))
    assert pane.scene.sceneRect().contains(sam.rect_in_scene())
    wide = pane.scene.sceneRect()
    qtbot.keyClick(pane.view, Qt.Key.Key_L, CTRL)
    assert pane.scene.sceneRect().width() < wide.width() - 400
    assert scrollable_beyond_the_map(pane) <= 1
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL)  # undone, it is wide again
    assert pane.scene.sceneRect().contains(sam.rect_in_scene())


def test_arrange_lays_out_an_org_chart_and_is_undoable(map_window, qtbot) -> None:
    pane = map_window.map_pane
    ruth = card_named(pane, "Ruth Ng")
    arranged = pane.scene.positions()
    pane.view.focus_card(ruth)
    for _ in range(3):
        qtbot.keyClick(pane.view, Qt.Key.Key_Down)  # nudges merge into one undo step
    assert pane.undo_stack.count() == 1
    assert pane.scene.positions()[ruth.id][1] == arranged[ruth.id][1] + 30
    qtbot.keyClick(pane.view, Qt.Key.Key_L, CTRL)
    assert pane.scene.positions() == arranged
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, CTRL)
    assert pane.scene.positions()[ruth.id][1] == arranged[ruth.id][1] + 30


def test_ctrl_wheel_zooms_and_ctrl_0_fits(map_window, qtbot) -> None:
    view = map_window.map_pane.view
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    fitted = view.zoom()
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(
        centre, QPointF(view.viewport().mapToGlobal(centre.toPoint())), QPoint(0, 0),
        QPoint(0, 240), Qt.MouseButton.NoButton, CTRL, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(min(3.0, fitted * 1.15**2))
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.zoom() == pytest.approx(fitted)


# -- outside changes, export -------------------------------------------------------------


def test_changes_made_elsewhere_appear_when_the_map_is_shown_again(map_window, kestrel) -> None:
    pane, services = map_window.map_pane, map_window.services
    map_window.show_pane(1)
    newcomer = services.stakeholders.add(kestrel[0], PersonDetails("Ola New", "CTO"))
    call = services.calls.start(*kestrel)
    with services.db.session() as s:
        s.add(CallAttendee(call_id=call, stakeholder_id=card_named(pane, "Ruth Ng").id))
    map_window.show_pane(0)
    assert "Ola New" in names(pane) and newcomer in pane.scene.cards
    assert "decision-maker-absent" not in {w.code for w in pane.warnings}


def test_export_png_and_svg(map_window, tmp_path) -> None:
    pane = map_window.map_pane
    assert pane.export_to(tmp_path / "map.png")
    image = QImage(str(tmp_path / "map.png"))
    assert image.width() > 2 * CARD_W and image.height() > 2 * CARD_H
    assert pane.export_to(tmp_path / "map.svg")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Ruth Ng" in svg
    # Private like the notebook, and written whole: no temporary file left beside them.
    assert {p.name: p.stat().st_mode & 0o777 for p in tmp_path.glob("*map*")} == {
        "map.png": 0o600,
        "map.svg": 0o600,
    }
    assert not pane.export_to(tmp_path / "missing" / "map.png")
    assert "could not be saved" in pane.message.text()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_middle_button_pans(map_window, qtbot) -> None:
    view = map_window.map_pane.view
    view.zoom_by(3.0)
    bar = view.horizontalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)
    before = bar.value()
    viewport = view.viewport()
    middle = Qt.MouseButton.MiddleButton
    start = viewport.rect().center()
    for kind, at, button, held in (
        (QEvent.Type.MouseButtonPress, start, middle, middle),
        (QEvent.Type.MouseMove, start + QPoint(-60, 0), Qt.MouseButton.NoButton, middle),
        (QEvent.Type.MouseButtonRelease, start + QPoint(-60, 0), middle, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(kind, QPointF(at), QPointF(viewport.mapToGlobal(at)), button, held,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
        QApplication.sendEvent(viewport, event)
    assert bar.value() == before + 60


def test_a_deleted_account_leaves_the_empty_state(map_window, kestrel) -> None:
    pane = map_window.map_pane
    map_window.show_pane(1)
    map_window.services.accounts.delete(kestrel[0])
    map_window.show_pane(0)
    assert pane.stack.currentWidget() is pane.empty and pane.scene.cards == {}


def test_the_empty_chair_shows_a_missing_decision_maker_and_fills_it(map_window, qtbot) -> None:
    pane = map_window.map_pane
    blue_fern = next(a for a in map_window.services.accounts.all() if a.name == "Blue Fern Foods")
    map_window.sidebar.select(blue_fern.id, blue_fern.deals[0].id)
    chair = pane.scene.missing_decider
    assert chair is not None and names(pane) == {"Chloe Martin"}
    # It sits above the map, where the boss goes on an org chart.
    assert chair.pos().y() < card_named(pane, "Chloe Martin").pos().y()
    where = chair.pos()
    spot = where + QPointF(CARD_W / 2, CARD_H / 2)
    pane.view.centerOn(spot)
    QTest.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=viewport_point(pane, spot))  # fmt: skip
    gap = card_named(pane, "Decision maker — unknown")
    assert gap.person.details.placeholder and gap.person.details.decision_role == "decision_maker"
    assert gap.pos() == where
    assert pane.scene.missing_decider is None
    assert pane.warnings[0].stakeholder_ids == (gap.id,)
    pane.undo_stack.undo()
    assert pane.scene.missing_decider is not None


def test_zoomed_out_cards_paint_without_error(map_window) -> None:
    from PySide6.QtGui import QPainter

    scene = map_window.map_pane.scene
    source = scene.map_rect()
    image = QImage(
        int(source.width() * 0.3), int(source.height() * 0.3), QImage.Format.Format_ARGB32
    )
    image.fill(0)
    painter = QPainter(image)
    scene.render(painter, image.rect(), source)
    painter.end()
    assert image.pixelColor(image.width() // 2, 10).alpha() > 0


def test_double_click_a_card_to_edit_it(map_window, qtbot) -> None:
    pane = map_window.map_pane
    sam = card_named(pane, "Sam Patel")
    when_modal(fill_dialog(name="Samuel Patel", attitude="opponent"))
    QTest.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=viewport_point(pane, sam.center()))  # fmt: skip
    edited = card_named(pane, "Samuel Patel")
    assert edited.id == sam.id and edited.person.details.attitude == "opponent"
    solid = [e for e in pane.scene.edges if e.link.kind == "reports_to"]
    assert all(e.pen().style() == Qt.PenStyle.SolidLine for e in solid)


@pytest.mark.parametrize("size", [(1200, 760), (1024, 640)])  # the smallest the theme allows
def test_the_coverage_panel_keeps_a_readable_width(map_window, qtbot, size) -> None:
    pane = map_window.map_pane
    map_window.resize(*size)
    qtbot.waitUntil(lambda: map_window.width() == size[0])
    QApplication.processEvents()
    side = pane.side
    # The warnings and the legend fit across: nothing cut off, no sideways scrolling.
    assert side.list.width() >= side.list.minimumSizeHint().width()
    assert not side.scroll_area.horizontalScrollBar().isVisible()
    # The one-line hint above the map gives up its width first, but still says it all.
    assert pane.hint.width() <= pane.view.width()
    assert "Tab walks the cards" in pane.hint.text() and pane.hint.toolTip() == pane.hint.text()
    # What it draws is one of its whole forms or nothing, never a word cut short ("3 p…").
    people = pane.hint.text().split(" · ")[0]
    assert people.endswith(("person", "people"))
    shown = pane.hint.shown()
    assert shown in ("", people) or (shown.startswith(people) and "…" not in shown)


def test_the_hint_says_its_longest_form_that_fits(qtbot) -> None:
    label = OneLineLabel()
    qtbot.addWidget(label)
    label.set_texts(["3 people · Tab walks the cards, Enter edits", "3 people"])
    metrics = label.fontMetrics()
    label.resize(metrics.horizontalAdvance(label.text()) + 8, 30)
    assert label.shown() == "3 people · Tab walks the cards, Enter edits"
    label.resize(metrics.horizontalAdvance("3 people · Tab") + 8, 30)
    assert label.shown() == "3 people"
    label.resize(metrics.horizontalAdvance("3 pe") + 4, 30)
    assert label.shown().endswith("…") and label.shown().startswith("3")
    assert label.toolTip() == "3 people · Tab walks the cards, Enter edits"
    label.set_texts(["3 people · Tab walks the cards", "3 people", ""])  # the map's hint
    assert label.shown() == ""
    assert label.toolTip() == "3 people · Tab walks the cards"


def test_adding_someone_leaves_the_org_chart_as_it_was(map_window, qtbot, kestrel) -> None:
    pane = map_window.map_pane
    # The demo's people were never moved: the map laid them out itself.
    arranged = pane.scene.positions()
    qtbot.keyClicks(pane.quick_add, "Dana Lee, CFO")
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert {i: p for i, p in pane.scene.positions().items() if i in arranged} == arranged
    ruth, marco = card_named(pane, "Ruth Ng"), card_named(pane, "Marco Bellini")
    assert ruth.pos().y() + CARD_H < marco.pos().y()
    # Read again from the notebook, it is still the same chart.
    pane.reload()
    assert {i: p for i, p in pane.scene.positions().items() if i in arranged} == arranged


def test_each_new_card_is_scrolled_into_view(map_window, qtbot) -> None:
    pane = map_window.map_pane
    button = pane.toolbar.findChild(QWidget, "addGapButton")
    for role in ("Champion", "Technical evaluator", "Gatekeeper", "Influencer"):
        when_popup(role)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        new = card_named(pane, f"{role} — unknown")
        seen = pane.view.mapToScene(pane.view.viewport().rect()).boundingRect()
        assert seen.contains(new.rect_in_scene()), role


LONG_NAME = "María-José Fernández-Castellanos de la Vega Ötztal Müller Jr"  # 60 characters


def test_a_long_name_stays_on_its_card_when_zoomed_out(map_window, qtbot) -> None:
    pane = map_window.map_pane
    pane.view.focus_card(card_named(pane, "Ruth Ng"))
    when_modal(fill_dialog(name=LONG_NAME))
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    card = card_named(pane, LONG_NAME)
    assert card.flagged
    # A projector view of the whole org: the name wraps in large type, all of it on the card,
    # starting with the first name (before, the middle of it showed and the rest spilled).
    font, text, box = card.far_name(0.3, flag=True)
    drawn = QFontMetricsF(font).boundingRect(box, Qt.AlignmentFlag.AlignLeft, text)
    assert drawn.height() <= box.height() and drawn.width() <= box.width() + 1
    assert text.startswith("María-José") and font.pointSizeF() >= 12
    # A short name keeps the largest type, on one line.
    font, text, _ = card_named(pane, "Sam Patel").far_name(0.3)
    assert (text, font.pointSizeF()) == ("Sam Patel", 26.0)


def _far_picture(card, detail: float) -> QImage:
    """The card as the view paints it at this zoom."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    image = QImage(
        round(CARD_W * detail) + 2, round(CARD_H * detail) + 2, QImage.Format.Format_RGB32
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(detail, detail)
    card.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    return image


def test_two_people_of_one_name_are_told_apart_zoomed_out(map_window, qtbot) -> None:
    pane = map_window.map_pane
    for line in ("Dana Lee, CFO", "dana  lee, Head of IT"):
        qtbot.keyClicks(pane.quick_add, line)
        qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    cfo = next(c for c in pane.scene.cards.values() if c.person.details.title == "CFO")
    it = next(c for c in pane.scene.cards.values() if c.person.details.title == "Head of IT")
    # A projector view of the whole org: the name alone made the two cards look the same.
    # Their titles now show between the name and the role strip, clear of both.
    for card, title in ((cfo, "CFO"), (it, "Head of IT")):
        font, text, box = card.far_title(0.3)
        assert text == title and font.pointSizeF() >= 12
        _, _, name_box = card.far_name(0.3)
        assert name_box.bottom() <= box.top() and box.bottom() <= CARD_H - 30
    # And the view paints them: there is ink where the title goes.
    picture, band = _far_picture(cfo, 0.3), cfo.far_title(0.3)[2]
    paper = picture.pixel(round(band.right() * 0.3) - 2, round(band.center().y() * 0.3))
    inked = [
        (x, y)
        for x in range(round(band.left() * 0.3), round(band.right() * 0.3))
        for y in range(round(band.top() * 0.3), round(band.bottom() * 0.3))
        if picture.pixel(x, y) != paper
    ]
    assert len(inked) > 10
    # Everyone else keeps the name alone, in the largest type.
    ruth = card_named(pane, "Ruth Ng")
    assert ruth.far_title(0.3) is None
    assert ruth.far_name(0.3)[2].height() == CARD_H - 40
    # Renamed apart, neither shows a title any more.
    pane.view.focus_card(it)
    when_modal(fill_dialog(name="Dana Leigh"))
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert all(c.far_title(0.3) is None for c in pane.scene.cards.values())


def test_an_exported_picture_carries_its_title_and_key(map_window, tmp_path) -> None:
    from sales_notebook.ui.stakeholder_map import look

    pane = map_window.map_pane
    map_width = pane.scene.map_rect().width()
    assert pane.export_to(tmp_path / "map.png")
    image = QImage(str(tmp_path / "map.png"))
    # The key sits to the right of the map: its attitude swatches are there, in colour.
    key = {
        image.pixelColor(x, y).name()
        for x in range(round(map_width * 2), image.width())
        for y in range(0, image.height(), 2)
    }
    assert {look.ATTITUDE_COLOURS[a].name() for a in look.ATTITUDE_COLOURS} <= key
    assert pane.export_to(tmp_path / "map.svg")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    for words in ("Opponent", "influences (dashed)", "not identified yet (a gap)"):
        assert words in svg
    # The title is drawn on the picture, not only in the file's metadata.
    assert svg.count("Kestrel Logistics — Fleet telemetry pilot") >= 2


def _all_in_view(pane) -> bool:
    shown = pane.view.mapToScene(pane.view.viewport().rect()).boundingRect()
    return all(shown.contains(card.sceneBoundingRect()) for card in pane.scene.cards.values())


def test_the_map_refits_after_a_resize_and_a_quick_add(map_window, qtbot) -> None:
    pane = map_window.map_pane
    map_window.resize(1440, 900)
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_0, CTRL)  # Fit
    qtbot.waitUntil(lambda: _all_in_view(pane))
    map_window.resize(1024, 640)
    qtbot.waitUntil(lambda: pane.view.width() < 900)
    qtbot.waitUntil(lambda: _all_in_view(pane))  # refitted, nothing off screen
    for name in ("Ava Stone, CTO", "Ben Ray, CISO", "Cleo Ma, Analyst", "Dev Roy, Buyer"):
        pane.quick_add.setFocus()
        qtbot.keyClicks(pane.quick_add, name)
        qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert {"Ava Stone", "Dev Roy"} <= names(pane)
    assert _all_in_view(pane)
    pane.view.zoom_by(2.0)  # zoomed by hand: a resize leaves the zoom alone
    zoom = pane.view.zoom()
    map_window.resize(1100, 700)
    qtbot.wait(50)
    assert pane.view.zoom() == pytest.approx(zoom)


def test_the_first_people_typed_on_an_empty_map_stay_in_view(window, services, qtbot) -> None:
    # A new account: nobody on the map yet, so nothing was fitted when it was shown.
    account_id, _ = services.accounts.find_or_add("Acme", "")
    window.resize(1024, 640)
    window.tabs.setCurrentWidget(window.map_pane)
    window.sidebar.reload(select=(account_id, None))
    pane = window.map_pane
    assert pane.account_id == account_id
    for line in ("Dana Lee, CFO", "Sam Roe, IT Director", "Ana Ruiz, Procurement"):
        pane.quick_add.setFocus()
        qtbot.keyClicks(pane.quick_add, line)
        qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert names(pane) == {"Dana Lee", "Sam Roe", "Ana Ruiz"}
    assert _all_in_view(pane)  # the third one went half off the right edge


def test_ctrl_z_right_after_a_quick_add_takes_the_card_away(map_window, qtbot) -> None:
    pane = map_window.map_pane
    pane.quick_add.setFocus()
    qtbot.keyClicks(pane.quick_add, "Tom Typo, CTO")
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Return)
    assert "Tom Typo" in names(pane) and pane.quick_add.text() == ""
    # Still in the box, as after every quick add: the typed line came back instead, and
    # Enter then put a second Tom Typo on the map.
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Z, CTRL)
    assert "Tom Typo" not in names(pane)
    assert pane.quick_add.text() == ""
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "Tom Typo" in names(pane)
    # While a line is being typed, Ctrl+Z still undoes the typing.
    qtbot.keyClicks(pane.quick_add, "Ann")
    qtbot.keyClick(pane.quick_add, Qt.Key.Key_Z, CTRL)
    assert pane.quick_add.text() == "" and "Tom Typo" in names(pane)


def test_export_starts_in_pictures_and_says_where_it_saved(map_window, tmp_path, monkeypatch):
    from sales_notebook.ui.stakeholder_map import pane as map_pane_module

    pictures = tmp_path / "Pictures"
    pictures.mkdir()
    monkeypatch.setattr(map_pane_module, "_pictures", lambda: pictures)
    offered: list[str] = []

    def save_as(_parent, _caption, suggested, _filters):
        offered.append(suggested)
        return str(tmp_path / "kestrel"), "SVG drawing (*.svg)"

    monkeypatch.setattr(map_pane_module.QFileDialog, "getSaveFileName", save_as)
    pane = map_window.map_pane
    pane.export()
    # Before, the dialog opened in the folder the app was started from, and nothing said
    # the file was written.
    assert offered and Path(offered[0]).parent == pictures
    assert (tmp_path / "kestrel.svg").is_file()
    assert map_window.statusBar().currentMessage() == f"Map saved to {tmp_path / 'kestrel.svg'}"


def test_no_gaps_before_any_call_does_not_claim_the_deciders_were_reached(window, services):
    account_id, deal_id = services.accounts.find_or_add("Globex", "Pilot")
    for name, role in (("Grace Liu", "decision_maker"), ("Omar Dane", "champion")):
        services.stakeholders.add(account_id, PersonDetails(name, decision_role=role))
    window.sidebar.reload(select=(account_id, None))
    window.tabs.setCurrentWidget(window.map_pane)
    pane = window.map_pane
    assert pane.warnings == []
    # Before, it said "deciders identified and reached" with nobody reached yet.
    assert "reached" not in pane.side.summary.text()
    assert pane.side.summary.text().startswith("✔ No gaps found yet")
    # After a call with both on it, reached is true.
    call_id = services.calls.start(account_id, deal_id, "Intro")
    for person in services.attendance.people(account_id):
        services.attendance.set_present(call_id, person.id, True)
    services.calls.end(call_id, "notes")
    pane.reload()
    assert pane.side.summary.text() == "✔ No gaps found: deciders identified and reached."
