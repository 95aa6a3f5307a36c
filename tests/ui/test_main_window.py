"""The window around the panes: sidebar, remembered layout, the damaged-file dialog."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QSplitter

from sales_notebook.store.backup import backup_database
from sales_notebook.ui.app import open_notebook
from sales_notebook.ui.main_window import MainWindow
from tests.ui.modal import when_modal


def test_the_four_panes_are_there(window) -> None:
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert {"liveNotes", "callReview", "lessonsLibrary"} <= set(names)
    assert window.findChild(object, "stakeholderMap") is not None
    assert window.windowTitle() == "Sales Notebook"


def type_into_input_dialog(qtbot, text: str):
    def answer(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        line = dialog.findChild(QLineEdit)
        line.selectAll()
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    return when_modal(answer)


def activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_sidebar_add_rename_filter_and_delete(window, qtbot, services) -> None:
    type_into_input_dialog(qtbot, "Harbor Mutual")
    window.sidebar.add_account_action.trigger()
    assert window.sidebar.selected_names() == ("Harbor Mutual", "")
    type_into_input_dialog(qtbot, "Claims pilot")
    window.sidebar.add_deal_action.trigger()
    assert window.sidebar.selected_names() == ("Harbor Mutual", "Claims pilot")
    type_into_input_dialog(qtbot, "Claims automation")
    activate(window, qtbot)
    window.sidebar.tree.setFocus()
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    assert services.accounts.all()[0].deals[0].name == "Claims automation"

    services.accounts.add("Kestrel Logistics")
    window.sidebar.reload()
    qtbot.keyClicks(window.sidebar.filter, "kest")
    assert window.sidebar.proxy.rowCount() == 1
    window.sidebar.filter.clear()
    assert window.sidebar.proxy.rowCount() == 2

    window.sidebar.select(services.accounts.all()[0].id)
    activate(window, qtbot)
    window.sidebar.tree.setFocus()
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_Delete)
    assert len(services.accounts.all()) == 2  # cancelled: nothing deleted
    activate(window, qtbot)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_Delete)
    assert [a.name for a in services.accounts.all()] == ["Kestrel Logistics"]


def test_a_duplicate_name_is_explained(window, qtbot, services) -> None:
    services.accounts.add("Acme")
    window.sidebar.reload()
    shown: list[str] = []

    def answer(dialog) -> None:
        line = dialog.findChild(QLineEdit)
        qtbot.keyClicks(line, "Acme")
        # the warning opens once the name dialog has closed
        when_modal(lambda box: (shown.append(box.text()), box.accept()))
        qtbot.keyClick(line, Qt.Key.Key_Return)

    when_modal(answer)
    window.sidebar.add_account_action.trigger()
    qtbot.waitUntil(lambda: bool(shown))
    assert "already an account" in shown[0]


def test_layout_is_remembered(qtbot, services, paths) -> None:
    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    first = MainWindow(services, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    QApplication.processEvents()  # the panes are polished (and sized) once shown
    # The offscreen screen is 800x600; the panes at the theme's larger type need a little
    # more width than that (they fit a 1024 px screen with room to spare).
    narrow = first.minimumSizeHint().width()
    assert narrow <= 1024 - 48
    first.resize(narrow, 590)
    first.splitter.setSizes([240, narrow - 240])
    sidebar_width = first.splitter.sizes()[0]
    first.tabs.setCurrentIndex(3)
    first.close()
    second = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    QApplication.processEvents()  # as for the first: polished and sized once shown
    assert (second.width(), second.height()) == (narrow, 590)
    assert second.splitter.sizes()[0] == sidebar_width
    assert second.tabs.currentIndex() == 3
    second.close()


def test_a_damaged_notebook_offers_the_newest_backup(qtbot, services, paths, capsys) -> None:
    services.accounts.add("Saved before the damage")
    backup_database(paths)
    services.close()
    paths.database.write_bytes(b"not a database at all" * 500)
    for side in ("notebook.db-wal", "notebook.db-shm"):
        (paths.root / side).unlink(missing_ok=True)

    def choose_backup(box) -> None:
        assert box.objectName() == "corruptNotebookDialog"
        [button] = [b for b in box.buttons() if b.text() == "Open newest good backup"]
        button.click()
        when_modal(lambda done: done.accept())  # "the damaged file was kept as ..."

    when_modal(choose_backup)
    reopened = open_notebook(paths)
    assert reopened is not None
    assert [a.name for a in reopened.accounts.all()] == ["Saved before the damage"]
    damaged = list(paths.root.glob("notebook-damaged-*.db"))
    assert len(damaged) == 1 and damaged[0].read_bytes() == b"not a database at all" * 500
    assert "cannot be read" in capsys.readouterr().err
    reopened.close()


def test_a_damaged_notebook_without_backup_can_only_close(qtbot, paths) -> None:
    paths.ensure()
    paths.database.write_bytes(b"junk" * 100)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Close).click())
    assert open_notebook(paths) is None
    assert paths.database.read_bytes() == b"junk" * 100


def test_f1_lists_the_shortcuts_each_pane_really_has(window, qtbot) -> None:
    activate(window, qtbot)
    listed: list[tuple[str, str, str]] = []

    def read(dialog) -> None:
        assert dialog.objectName() == "shortcutsDialog"
        listed.extend(dialog.visible_rows())
        qtbot.keyClicks(dialog.filter, "marker")
        listed.append(("filtered", str(len(dialog.visible_rows())), ""))
        dialog.reject()

    when_modal(read)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(listed))
    rows = {(group, action): keys for group, action, keys in listed[:-1]}
    assert rows[("Window", "New call")] == "Ctrl+N"
    assert rows[("Window", "Keyboard shortcuts")] == "F1"
    assert rows[("Stakeholder map", "Arrange")] == "Ctrl+L"
    assert rows[("Live notes", "Next step marker")] == "Ctrl+1"
    assert rows[("Live notes", "Complete a stakeholder's name (Enter picks the highlighted one)")]
    assert rows[("Lessons", "Search the lessons")] == "Ctrl+F"
    keys = set(rows.values())
    for missing_before in ("Alt+K", "Alt+R", "F2", "Esc"):
        assert missing_before in keys, missing_before
    assert any("Tab" in k for k in keys)
    assert ("Live notes", "End call") not in rows  # listed once, under Window
    assert int(listed[-1][1]) == 9  # the filter keeps the nine marker keys


def test_about_says_where_the_notebook_is(window, qtbot, paths) -> None:
    told: list[str] = []
    when_modal(lambda box: (told.append(box.text()), box.accept()))
    [about] = [a for a in window.findChildren(QAction) if a.text() == "&About Sales Notebook"]
    about.trigger()
    qtbot.waitUntil(lambda: bool(told))
    assert str(paths.database) in told[0] and "nothing leaves this machine" in told[0]


def test_the_panes_own_splitters_are_remembered(qtbot, services, paths) -> None:
    first = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    first.show_pane(3)
    split = first.findChild(QSplitter, "librarySplitter")
    default = split.sizes()
    split.setSizes([120, 380])
    remembered = split.sizes()
    assert remembered != default
    first.close()
    again = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    again.show_pane(3)
    assert again.findChild(QSplitter, "librarySplitter").sizes() == remembered
    again.close()


def test_a_first_start_on_a_small_screen_fits_the_window_on_it(
    qtbot, services, paths, monkeypatch
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1024, 600))
    window = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.width() <= 1024 - 48 and window.height() <= 600 - 48
    window.live_pane.shutdown()


def test_an_empty_sidebar_says_how_to_fill_it_and_a_filter_that_finds_nothing_says_so(
    window, qtbot, services
) -> None:
    hint = window.sidebar.hint
    assert hint.isVisible() and "Press Ctrl+N to start a call" in hint.text()
    services.accounts.add("Harbor Mutual")
    window.sidebar.reload()
    assert not hint.isVisible()
    qtbot.keyClicks(window.sidebar.filter, "zzz")
    assert hint.isVisible() and hint.text() == (
        "No account or deal matches \u201czzz\u201d. Esc clears the filter."
    )
    qtbot.keyClick(window.sidebar.filter, Qt.Key.Key_Escape)  # as the hint says
    assert window.sidebar.filter.text() == ""
    assert not hint.isVisible()


def test_a_filter_that_finds_an_account_keeps_its_deals_to_pick(window, qtbot, services) -> None:
    account_id, deal_id = services.accounts.find_or_add("Kestrel Logistics", "Fleet pilot")
    services.accounts.add("Harbor Mutual")
    window.sidebar.reload()
    activate(window, qtbot)
    window.sidebar.filter.setFocus()
    qtbot.keyClicks(window.sidebar.filter, "kes")
    qtbot.keyClick(window.sidebar.filter, Qt.Key.Key_Tab)  # to the tree: the account
    assert window.sidebar.tree.hasFocus()
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_Down)  # and on to its deal
    assert window.sidebar.selected() == (account_id, deal_id)


def test_a_saved_lesson_is_confirmed_in_the_status_bar(demo_services, window) -> None:
    lesson = demo_services.library.lessons()[0]
    window.review_pane.lesson_saved.emit(lesson.id)
    message = window.statusBar().currentMessage()
    assert f"\u201c{lesson.title}\u201d saved" in message and "Alt+4" in message


def test_a_renamed_account_is_renamed_in_every_pane_at_once(demo_services, window, qtbot):
    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    window.sidebar.reload(select=(kestrel.id, None))
    window.tabs.setCurrentWidget(window.review_pane)
    assert window.review_pane.heading.toolTip().startswith("Kestrel Logistics")
    type_into_input_dialog(qtbot, "Kestrel Freight")
    activate(window, qtbot)
    window.sidebar.tree.setFocus()
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    assert window.sidebar.selected_names() == ("Kestrel Freight", "")
    # The call shown in the review, and the map, say the new name without another click.
    assert window.review_pane.heading.toolTip().startswith("Kestrel Freight")
    assert window.map_pane.heading.text().startswith("Kestrel Freight")


def test_a_renamed_deal_is_renamed_in_every_pane_at_once(demo_services, window, qtbot):
    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    window.sidebar.reload(select=(kestrel.id, kestrel.deals[0].id))
    window.tabs.setCurrentWidget(window.review_pane)
    type_into_input_dialog(qtbot, "Fleet pilot, phase 2")
    activate(window, qtbot)
    window.sidebar.tree.setFocus()
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    assert window.sidebar.selected_names() == ("Kestrel Logistics", "Fleet pilot, phase 2")
    assert "Fleet pilot, phase 2" in window.review_pane.heading.toolTip()
    assert window.map_pane.heading.text().endswith("Fleet pilot, phase 2")


def _as_shown(tip: str) -> str:
    """A tooltip's text as Qt shows it: as HTML when it looks like HTML."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtGui import QTextDocument

    if not GuiQt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_tooltips_show_names_and_steps_as_typed(window, qtbot, services) -> None:
    name, step = "<b>Big</b> & <i>Co</i>", "<h1>Call</h1> them back"
    account_id, deal_id = services.accounts.find_or_add(name, "Pilot")
    call_id = services.calls.start(account_id, deal_id, "Intro")
    services.calls.end(call_id, "notes")
    services.next_steps.add(call_id, step, None)
    window.sidebar.reload(select=(account_id, None))
    window.tabs.setCurrentWidget(window.review_pane)
    qtbot.waitUntil(lambda: window.review_pane.call_id == call_id)
    # Before, each of these showed a bold "Big" and an italic "Co", or a headline "Call".
    row = window.sidebar.tree.currentIndex()
    assert _as_shown(row.data(Qt.ItemDataRole.ToolTipRole)).startswith(name)
    assert _as_shown(window.review_pane.heading.toolTip()).startswith(f"{name} — Pilot")
    item = window.review_pane.next_steps.tree.topLevelItem(0)
    assert _as_shown(item.toolTip(0)) == step
    # A name with nothing like markup in it is left as it is.
    window.sidebar.reload(select=(services.accounts.add("Acme"), None))
    assert window.sidebar.tree.currentIndex().data(Qt.ItemDataRole.ToolTipRole).startswith("Acme")
