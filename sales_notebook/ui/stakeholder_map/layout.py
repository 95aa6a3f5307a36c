"""Automatic org-chart layout: bosses above their reports, plain Python so it can be timed.

A boss whose reports have no reports of their own gets them stacked in a column under
them (the compact org-chart style), so a flat team of twenty does not become a row of
twenty cards that no projector can show readably.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

CARD_W = 248.0
CARD_H = 104.0
GAP_X = 36.0
GAP_Y = 72.0
STACK_GAP = 18.0
STACK_INDENT = 32.0
LONERS_PER_ROW = 5
STACK_FROM = 3


@dataclass
class _Node:
    id: int
    children: list[_Node]

    @property
    def stacked(self) -> bool:
        """Three or more reports without reports of their own are stacked in a column."""
        return len(self.children) >= STACK_FROM and all(not c.children for c in self.children)


def org_chart(
    ids: Sequence[int], reports_to: Iterable[tuple[int, int]]
) -> dict[int, tuple[float, float]]:
    """Top-left positions for each card; `reports_to` holds (person, boss) pairs."""
    known = set(ids)
    boss_of: dict[int, int] = {}
    for person, boss in reports_to:
        if person in known and boss in known and person not in boss_of:
            boss_of[person] = boss
    nodes = {i: _Node(i, []) for i in ids}
    roots: list[_Node] = []
    for i in ids:
        manager = boss_of.get(i)
        # A loop (refused by the service, but data may come from elsewhere) is cut here.
        if manager is None or _reaches(boss_of, manager, i):
            roots.append(nodes[i])
        else:
            nodes[manager].children.append(nodes[i])
    trees = [r for r in roots if r.children]
    loners = [r for r in roots if not r.children]

    positions: dict[int, tuple[float, float]] = {}
    x = 0.0
    bottom = 0.0
    for tree in trees:
        width, height = _place(tree, x, 0.0, positions)
        x += width + GAP_X * 2
        bottom = max(bottom, height)
    top = bottom + GAP_Y if trees else 0.0
    for index, loner in enumerate(loners):
        row, column = divmod(index, LONERS_PER_ROW)
        positions[loner.id] = (column * (CARD_W + GAP_X), top + row * (CARD_H + GAP_Y / 2))
    return positions


def _reaches(boss_of: dict[int, int], start: int, target: int) -> bool:
    seen: set[int] = set()
    current: int | None = start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = boss_of.get(current)
    return False


def _place(
    node: _Node, left: float, top: float, out: dict[int, tuple[float, float]]
) -> tuple[float, float]:
    """Place a subtree with its left edge at `left`; returns its (width, height)."""
    if not node.children:
        out[node.id] = (left, top)
        return CARD_W, CARD_H
    if node.stacked:
        out[node.id] = (left, top)
        y = top + CARD_H + STACK_GAP
        for child in node.children:
            out[child.id] = (left + STACK_INDENT, y)
            y += CARD_H + STACK_GAP
        return CARD_W + STACK_INDENT, y - STACK_GAP - top
    x = left
    height = 0.0
    child_top = top + CARD_H + GAP_Y
    for child in node.children:
        width, child_height = _place(child, x, child_top, out)
        x += width + GAP_X
        height = max(height, child_height)
    span = x - GAP_X - left
    first = out[node.children[0].id][0]
    last = out[node.children[-1].id][0]
    out[node.id] = ((first + last) / 2, top)
    return max(span, CARD_W), CARD_H + GAP_Y + height
