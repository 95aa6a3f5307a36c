"""The outbox survives a kill -9 between the enqueue and the push, and after the push too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import text

from sales_notebook.team.server import make_engine

CHILD = textwrap.dedent(
    """
    import sys, time
    from sales_notebook.paths import DataPaths
    from sales_notebook.store.services import Services
    from sales_notebook.team.local import TeamLocal
    from sales_notebook.team.sync import TeamSync

    root, lesson, stage, url, password = sys.argv[1:6]
    services = Services.open(DataPaths(__import__("pathlib").Path(root)))
    TeamLocal(services.db).publish([int(lesson)])
    if stage == "after-push":
        # Killed once the server has the change, before the outbox forgets it.
        TeamLocal.forget_sent = lambda self, last_id: (print("pushed", flush=True), time.sleep(60))
        TeamSync(services.db, url, password).sync()
    print("queued", flush=True)
    time.sleep(60)
    """
)


def _run_and_kill(notebook, lesson: int, stage: str, wait_for: str) -> None:
    role = notebook.role
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(notebook.paths.root), str(lesson), stage,
         notebook.server.url(role), notebook.server.passwords[role]],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == wait_for
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _titles(server) -> list[str]:
    engine = make_engine(server.admin_url, server.cluster.password)
    try:
        with engine.begin() as conn:
            return list(conn.execute(text("SELECT title FROM team.lesson ORDER BY 1")).scalars())
    finally:
        engine.dispose()


def test_killed_between_enqueue_and_push(team_server, notebooks) -> None:
    one = notebooks(team_server.add_seller("Kim Kill"))
    lesson = one.lesson("Queued then killed")
    _run_and_kill(one, lesson, "queued", "queued")
    assert one.team.local.outbox_size() == 1
    assert one.team.local.shares() == {lesson: False}
    assert _titles(team_server) == []
    assert one.team.sync().pushed == 1
    assert _titles(team_server) == ["Queued then killed"]


def test_killed_after_the_push_sends_it_again_harmlessly(team_server, notebooks) -> None:
    one = notebooks(team_server.add_seller("Kai Kill"))
    lesson = one.lesson("Pushed then killed")
    _run_and_kill(one, lesson, "after-push", "pushed")
    assert _titles(team_server) == ["Pushed then killed"]
    assert one.team.local.outbox_size() == 1
    assert one.team.sync().pushed == 1
    assert one.team.local.outbox_size() == 0
    assert _titles(team_server) == ["Pushed then killed"]
    assert one.cached() == [("Kai Kill", "Pushed then killed")]
