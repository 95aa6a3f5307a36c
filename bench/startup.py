"""Start-up: process start to main window shown, on a notebook holding 10,000 calls.

Two moments of our start are timed: "shown", the window's first paint (menus, tab bar and the
remembered geometry, before the panes), and "ready", the first paint once the sidebar and panes
are built over the notebook and a shortcut works. Both are compared in the same run with the
floor: a bare PySide6 QMainWindow process, timed to its first paint. Prints medians and ratios.

    .venv/bin/python bench/startup.py [--calls 10000] [--runs 11] [--bundle PROGRAM]

--bundle also times the PyInstaller bundle's program (make bundle: dist/sales-notebook/
sales-notebook) on the same notebook, in the same interleaved runs, beside the venv's.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sales_notebook.store.sqlite_lib import sqlite3

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sales_notebook.paths import DataPaths  # noqa: E402
from sales_notebook.store.migrate import prepare  # noqa: E402

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("shown", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1200, 760)
f = FirstPaint()
window.installEventFilter(f)
window.show()
app.exec()
"""

WORDS = [
    "budget", "pilot", "procurement", "timeline", "champion", "security", "review", "pricing",
    "renewal", "integration", "decision", "legal", "rollout", "stakeholders", "migration",
    "onboarding", "contract", "risk", "roadmap", "objection",
]  # fmt: skip


def fill(paths: DataPaths, calls: int) -> None:
    """A notebook with `calls` ended calls of realistic length over 200 accounts."""
    prepare(paths)
    rng = random.Random(7)
    con = sqlite3.connect(paths.database)
    start = datetime(2024, 1, 1)
    con.executemany(
        "INSERT INTO account (id, name, created_at) VALUES (?, ?, ?)",
        [(i, f"Account {i:03}", start) for i in range(1, 201)],
    )
    rows = []
    for i in range(calls):
        begun = start + timedelta(hours=7 * i)
        notes = "\n".join(
            "- " + " ".join(rng.choices(WORDS, k=rng.randint(6, 14))) for _ in range(25)
        )
        rows.append((rng.randint(1, 200), "Call", begun, begun + timedelta(minutes=40), notes))
    con.executemany(
        "INSERT INTO call (account_id, title, started_at, ended_at, notes, summary) "
        "VALUES (?, ?, ?, ?, ?, '')",
        rows,
    )
    con.commit()
    con.close()


def time_to(argv: list[str], env: dict[str, str], moments: tuple[str, ...]) -> list[float]:
    """Seconds from process start to each of its `moments` lines ("shown", "ready")."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        seen.setdefault(line.strip(), time.perf_counter() - began)
    proc.wait(timeout=30)
    missing = [m for m in moments if m not in seen]
    if missing:
        raise RuntimeError(f"{argv} never printed {missing}")
    return [seen[m] for m in moments]


def line(label: str, runs: list[float]) -> str:
    return (
        f"{label:<52} median {statistics.median(runs) * 1000:7.1f} ms "
        f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f}, {len(runs)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--bundle", type=Path, help="the bundle's program, timed as well")
    args = parser.parse_args()
    env = {**os.environ, "SALES_NOTEBOOK_QUIT_WHEN_SHOWN": "1", "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "data")
        began = time.perf_counter()
        fill(paths, args.calls)
        size = paths.database.stat().st_size / 1e6
        print(
            f"notebook: {args.calls} calls, {size:.1f} MB, built in "
            f"{time.perf_counter() - began:.1f} s; platform {env['QT_QPA_PLATFORM']}"
        )
        ours_argv = [sys.executable, "-m", "sales_notebook", "--data-dir", str(paths.root)]
        bare_argv = [sys.executable, "-c", BARE_WINDOW]
        time_to(ours_argv, env, ("shown", "ready"))  # warm the file cache for both
        time_to(bare_argv, env, ("shown",))
        bundle_argv = [str(args.bundle), "--data-dir", str(paths.root)] if args.bundle else None
        bundle_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
        if bundle_argv:
            time_to(bundle_argv, bundle_env, ("shown", "ready"))
        shown, ready, bare, b_shown, b_ready = [], [], [], [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits all alike
            ours_shown, ours_ready = time_to(ours_argv, env, ("shown", "ready"))
            shown.append(ours_shown)
            ready.append(ours_ready)
            bare.append(time_to(bare_argv, env, ("shown",))[0])
            if bundle_argv:
                one_shown, one_ready = time_to(bundle_argv, bundle_env, ("shown", "ready"))
                b_shown.append(one_shown)
                b_ready.append(one_ready)
    floor = statistics.median(bare)
    print(line("sales notebook, process start -> window shown:", shown))
    print(line("sales notebook, process start -> panes ready:", ready))
    print(line("bare PySide6 QMainWindow (floor), start -> shown:", bare))
    print(f"ratio shown/floor: {statistics.median(shown) / floor:.2f} (target 2.5 or lower)")
    print(f"ratio ready/floor: {statistics.median(ready) / floor:.2f}")
    if b_shown:
        print(line("bundle, process start -> window shown:", b_shown))
        print(line("bundle, process start -> panes ready:", b_ready))
        med = statistics.median
        print(f"ratio bundle/venv shown: {med(b_shown) / med(shown):.2f}")
        print(f"ratio bundle/venv ready: {med(b_ready) / med(ready):.2f}")


if __name__ == "__main__":
    main()
