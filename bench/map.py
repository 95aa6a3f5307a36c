"""Stakeholder map: scene build plus automatic org-chart layout for 300 people and 400 links.

Compared in the same run with the floor: a bare QGraphicsScene receiving 300 plain
rectangles. Prints both medians and the ratio. The target is under 100 ms for the map.
A first full paint of the map (off screen) is printed too, for information.

    .venv/bin/python bench/map.py [--people 300] [--links 400] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene  # noqa: E402

from sales_notebook.core.vocabulary import Attitude, Coverage, DecisionRole  # noqa: E402
from sales_notebook.store.stakeholders import (  # noqa: E402
    LinkRow,
    MapData,
    PersonDetails,
    PersonRow,
)
from sales_notebook.ui.stakeholder_map.layout import CARD_H, CARD_W  # noqa: E402
from sales_notebook.ui.stakeholder_map.scene import MapScene  # noqa: E402


def synthetic_map(people: int, links: int, seed: int = 3) -> MapData:
    """An org of `people` (everyone but the top reports to someone) plus influence links."""
    rng = random.Random(seed)
    rows = tuple(
        PersonRow(
            id=i, account_id=1,
            details=PersonDetails(
                name=f"Person {i}", title=f"Title of person {i}",
                decision_role=rng.choice(list(DecisionRole)), attitude=rng.choice(list(Attitude)),
                influence=rng.randint(1, 5), coverage=rng.choice(list(Coverage)),
            ),
        )
        for i in range(1, people + 1)
    )  # fmt: skip
    edges: list[LinkRow] = []
    for i in range(2, people + 1):
        # Bosses come before their reports; a few managers get large teams.
        edges.append(LinkRow(len(edges) + 1, i, rng.randint(max(1, i // 6), i - 1), "reports_to"))
    seen = {(e.source_id, e.target_id) for e in edges}
    while len(edges) < links:
        a, b = rng.sample(range(1, people + 1), 2)
        if (a, b) not in seen:
            seen.add((a, b))
            edges.append(LinkRow(len(edges) + 1, a, b, "influences"))
    return MapData(rows, tuple(edges))


def time_map(data: MapData, keep: list[object]) -> float:
    scene = MapScene()
    keep.append(scene)
    start = time.perf_counter()
    scene.load(data)  # builds cards and links; no stored positions, so it lays them out
    return time.perf_counter() - start


def time_floor(count: int, keep: list[object]) -> float:
    scene = QGraphicsScene()
    keep.append(scene)
    start = time.perf_counter()
    for i in range(count):
        scene.addItem(QGraphicsRectItem(i * 10.0, 0.0, CARD_W, CARD_H))
    return time.perf_counter() - start


def time_paint(data: MapData) -> float:
    scene = MapScene()
    scene.load(data)
    rect = scene.map_rect()
    image = QImage(int(rect.width() / 4), int(rect.height() / 4), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    start = time.perf_counter()
    scene.render(painter, image.rect(), rect)
    elapsed = time.perf_counter() - start
    painter.end()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--links", type=int, default=400)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    data = synthetic_map(args.people, args.links)
    keep: list[object] = []
    time_map(data, keep)  # warm-up: fonts, imports, first allocations
    time_floor(args.people, keep)
    maps, floors = [], []
    for _ in range(args.runs):
        floors.append(time_floor(args.people, keep))
        maps.append(time_map(data, keep))
        keep.clear()
    ours, floor = statistics.median(maps), statistics.median(floors)
    print(f"people {args.people}, links {len(data.links)}, runs {args.runs}")
    print(f"map scene build + org-chart layout: median {ours * 1000:7.1f} ms "
          f"(min {min(maps) * 1000:.1f}, max {max(maps) * 1000:.1f})")  # fmt: skip
    print(f"floor, bare scene of {args.people} rectangles: median {floor * 1000:7.1f} ms "
          f"(min {min(floors) * 1000:.1f}, max {max(floors) * 1000:.1f})")  # fmt: skip
    print(f"ratio map / floor: {ours / floor:.1f}x; target under 100 ms: "
          f"{'met' if ours < 0.100 else 'NOT met'}")  # fmt: skip
    print(f"(for information) first full paint of the map, off screen: "
          f"{time_paint(data) * 1000:.1f} ms")  # fmt: skip
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
