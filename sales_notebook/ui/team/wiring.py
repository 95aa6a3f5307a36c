"""Wires the team library into the window: background sync, the library's team tools, the
wizard's share ticks and the watch-outs' team part. The window calls `attach_team` once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStatusBar

from sales_notebook.core.watchouts import TeamWatch
from sales_notebook.team.library_search import ScopedLibrarySearch
from sales_notebook.team.local import TeamLocal
from sales_notebook.team.sync import SyncResult
from sales_notebook.team.views import TeamViews
from sales_notebook.ui.team.background_sync import BackgroundSync
from sales_notebook.ui.team.library_bar import TeamLibraryBar

if TYPE_CHECKING:
    from sales_notebook.ui.main_window import MainWindow


def attach_team(window: MainWindow, search: ScopedLibrarySearch) -> BackgroundSync:
    """Hook the team library into the built panes; returns the (started) background sync."""
    services = window.services
    assert services is not None
    local = TeamLocal(services.db)
    views = TeamViews(services.db)
    bar = TeamLibraryBar(window.lessons_pane, search, local)
    window.lessons_pane.add_tools(bar)
    window.review_pane.team_publish = lambda lesson_id, with_account: local.publish(
        [lesson_id], share_account=with_account
    )

    def team_watch(account_id: int) -> TeamWatch | None:
        if not local.get("url"):
            return None
        names = {a.id: a.name for a in services.accounts.all()}
        causes = {c.id: c for c in services.taxonomy.causes()}
        return views.watch(names.get(account_id), causes, local.get("me"))

    window.live_pane.team_watch = team_watch
    sync = BackgroundSync(services.db, window)
    status: QStatusBar = window.statusBar()

    def synced(result: SyncResult) -> None:
        if result.problem:
            status.showMessage(f"Team library: {result.problem}", 15000)
        elif result.pushed or result.pulled or result.removed:
            status.showMessage(
                f"Team library: {result.pushed} change(s) sent, {result.pulled} lesson(s) "
                f"received, {result.removed} removed.",
                6000,
            )
            if window.lessons_pane.isVisible():
                window.lessons_pane.refresh()

    sync.synced.connect(synced)
    sync.failed.connect(
        lambda message: status.showMessage(
            f"Team sync: {message} Your changes wait in the outbox; it tries again in a few "
            "minutes."
            if message.endswith(".")
            else f"Team sync: {message}. Your changes wait in the outbox; it tries again in a "
            "few minutes.",
            10000,
        )
    )
    sync.start()
    return sync
