"""Python's full garbage collections in the running app, with what start built frozen or not.

A full collection walks every object the collector tracks, holding the GIL: on the GUI thread
(or on a worker, such as the post-mortem's reading) the window cannot paint or take a key
meanwhile. Once ready, the app freezes what start built (sales_notebook/ui/app.py), so later
full collections walk only what was made since. This runs the real app on the startup bench's
notebook (10,000 calls), waits until it is ready, loads the notes model as the post-mortem
wizard does, then times full collections in that process as it is (start's objects frozen,
the model's not), and then after unfreezing (what every full collection cost before).
Prints medians and the ratio.

    .venv/bin/python bench/collect.py [--calls 10000] [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.startup import fill  # noqa: E402
from sales_notebook.paths import DataPaths  # noqa: E402

# Runs in the app's process, on its GUI thread, once the app has frozen what start built.
PROBE = """
import gc, statistics, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import sales_notebook.ui.app as app
from sales_notebook.paths import DataPaths

RUNS = int(sys.argv[2])

def full_ms():
    began = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - began) * 1000

def measure():
    if gc.get_freeze_count() == 0:  # not ready yet
        QTimer.singleShot(50, measure)
        return
    from sales_notebook.ui.call_review import notes_model_loader
    notes_model_loader.start_loading().result(timeout=120)  # as the wizard does, after ready
    count = gc.get_freeze_count()
    frozen = [full_ms() for _ in range(RUNS)]
    gc.unfreeze()
    tracked = len(gc.get_objects())
    thawed = [full_ms() for _ in range(RUNS)]
    print(f"objects frozen {count}, tracked when not frozen {tracked}")
    print(f"frozen {statistics.median(frozen):.2f} {min(frozen):.2f} {max(frozen):.2f}")
    print(f"thawed {statistics.median(thawed):.2f} {min(thawed):.2f} {max(thawed):.2f}")
    QApplication.quit()

made = app.make_application
def make(*args, **kwargs):
    application = made(*args, **kwargs)
    QTimer.singleShot(0, measure)
    return application
app.make_application = make
sys.exit(app.run_app(DataPaths(__import__("pathlib").Path(sys.argv[1]))))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "data")
        began = time.perf_counter()
        fill(paths, args.calls)
        print(f"notebook: {args.calls} calls, built in {time.perf_counter() - began:.1f} s")
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(paths.root), str(args.runs)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    if done.returncode != 0:
        raise SystemExit(f"the app failed:\n{done.stderr}")
    lines = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line}
    print(" ".join(lines["objects"]))
    frozen, thawed = (float(v) for v in (lines["frozen"][1], lines["thawed"][1]))
    for label, key in (("start's objects frozen (ours)", "frozen"), ("not frozen", "thawed")):
        median, low, high = lines[key][1:4]
        print(
            f"full collection, {label:<30} median {float(median):7.2f} ms "
            f"(min {float(low):.2f}, max {float(high):.2f}, {args.runs} runs)"
        )
    print(f"ratio frozen/not frozen: {frozen / thawed:.3f}")


if __name__ == "__main__":
    main()
