from PySide6.QtCore import Qt

from sales_notebook.core.vocabulary import Knowledge
from tests.ui.live_call_helpers import CTRL, CTRL_SHIFT, activate, press, started_call, type_text
from tests.ui.modal import when_modal


def start_by_keyboard(qtbot, window, account, deal):
    def fill(dialog):
        dialog.account_edit.setText(account)
        dialog.deal_edit.setText(deal)
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    when_modal(fill)
    activate(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert window.live_pane.call is not None
    activate(qtbot, window)


def test_checklist_is_carried_from_call_to_call_on_the_deal(window, qtbot, services):
    pane = window.live_pane
    start_by_keyboard(qtbot, window, "Acme", "Renewal")
    view = pane.checklist.view
    assert pane.checklist.model.rowCount() == 8
    type_text(pane.editor, "first call")
    press(qtbot, pane.editor, Qt.Key.Key_Q, CTRL_SHIFT)
    assert view.hasFocus() and view.currentIndex().row() == 0  # Metrics
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    type_text(view, "x")  # typing edits the note of the current field
    editor = view.focusWidget()
    type_text(editor, "ines owns it")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)  # let the closed note editor be deleted, as the running app does at once
    assert pane.checklist.progress.text() == "1 of 8 known"
    press(qtbot, view, Qt.Key.Key_Q, CTRL_SHIFT)
    assert pane.editor.hasFocus()
    deal_id = pane.call.deal_id
    window.writer.drain()  # the changes are stored on the notebook's writer thread
    checklist = services.qualification.checklist(deal_id)
    assert checklist.item("metrics").state == Knowledge.KNOWN
    assert checklist.item("economic_buyer").state == Knowledge.PARTIAL
    assert checklist.item("economic_buyer").note == "xines owns it"

    with qtbot.waitSignal(pane.call_ended, timeout=5000):
        press(qtbot, pane.editor, Qt.Key.Key_E, CTRL)
    start_by_keyboard(qtbot, window, "Acme", "Renewal")
    model = pane.checklist.model
    assert model.index(0, 1).data() == "● known"
    assert model.index(1, 1).data() == "◐ partial"
    assert model.index(1, 2).data() == "xines owns it"
    press(qtbot, pane.editor, Qt.Key.Key_Q, CTRL_SHIFT)
    assert pane.checklist.view.currentIndex().row() == 1  # the first field not known yet
    qtbot.keyClick(pane.checklist.view, Qt.Key.Key_Escape)
    assert pane.editor.hasFocus()


def test_bant_per_deal(window, qtbot, services):
    started_call(services, "Acme", "Renewal")
    window.live_pane.open_call(services.calls.live_call())
    box = window.live_pane.checklist.framework_box
    box.setCurrentIndex(box.findData("bant"))
    box.activated.emit(box.currentIndex())
    window.writer.drain()  # stored on the writer thread, shown when it is
    model = window.live_pane.checklist.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Budget",
        "Authority",
        "Need",
        "Timeline",
    ]
    deal_id = window.live_pane.call.deal_id
    assert services.qualification.checklist(deal_id).framework.key == "bant"


def test_a_call_without_a_deal_explains_the_checklist(window, qtbot, services):
    start_by_keyboard(qtbot, window, "Solo Ltd", "")
    panel = window.live_pane.checklist
    assert panel.stack.currentWidget() is panel.no_deal
    assert "no deal" in panel.no_deal.text()
    press(qtbot, window.live_pane.editor, Qt.Key.Key_Q, CTRL_SHIFT)
    type_text(
        window.live_pane.editor, "still typing"
    ) if window.live_pane.editor.hasFocus() else None


def test_checklist_model(qtmodeltester, services):
    from sales_notebook.ui.live_notes.checklist_panel import ChecklistModel

    _account_id, deal_id = services.accounts.find_or_add("Acme", "Renewal")
    model = ChecklistModel()
    model.set_checklist(services.qualification.checklist(deal_id))
    qtmodeltester.check(model)
