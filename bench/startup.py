"""Start-up: process start to main window shown, on a notebook holding 10,000 calls.

Compared in the same run with the floor: a bare PySide6 QMainWindow process, timed the same way
(process start to the window's first paint). Prints both medians and the ratio.

    .venv/bin/python bench/startup.py [--calls 10000] [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

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


def time_to_shown(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from process start to its 'shown' line."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - began
            break
    else:
        raise RuntimeError(f"{argv} never showed its window")
    proc.wait(timeout=30)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11)
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
        time_to_shown(ours_argv, env)  # warm the file cache for both
        time_to_shown(bare_argv, env)
        ours, bare = [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            ours.append(time_to_shown(ours_argv, env))
            bare.append(time_to_shown(bare_argv, env))
    ours_ms, bare_ms = statistics.median(ours) * 1000, statistics.median(bare) * 1000
    print(
        f"sales notebook, process start -> main window shown: median {ours_ms:7.1f} ms "
        f"(min {min(ours) * 1000:.1f}, max {max(ours) * 1000:.1f}, {args.runs} runs)"
    )
    print(
        f"bare PySide6 QMainWindow (floor):                   median {bare_ms:7.1f} ms "
        f"(min {min(bare) * 1000:.1f}, max {max(bare) * 1000:.1f}, {args.runs} runs)"
    )
    print(f"ratio: {ours_ms / bare_ms:.2f} (target 2.5 or lower)")


if __name__ == "__main__":
    main()
