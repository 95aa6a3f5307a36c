"""The Markdown export of lessons and the data behind the root-cause chart."""

from __future__ import annotations

from datetime import date

from sales_notebook.core.cause_trends import cause_trends, last_months
from sales_notebook.core.lessons_markdown import CauseText, LessonText, lessons_markdown


def lesson(title: str, **kw: object) -> LessonText:
    values: dict[str, object] = {
        "title": title, "account": "Acme", "outcome": "no_decision",
        "created": date(2026, 3, 4), "causes": (), "what_happened": "It drifted.",
        "do_differently": "Propose a start.",
    }  # fmt: skip
    values.update(kw)
    return LessonText(**values)  # type: ignore[arg-type]


def test_lessons_become_one_markdown_document() -> None:
    text = lessons_markdown(
        [
            lesson(
                "Open-ended\noffer",
                causes=(
                    CauseText("No boundaries", "kept it open"),
                    CauseText("Wrong priority", "", controllable=False),
                ),
                feeling="Flat.",
            ),
            lesson("Second", what_happened="", account=""),
        ],
        heading="Lessons",
        note="Found for “budget”.",
    )
    assert text.startswith("# Lessons\n\nFound for “budget”.\n")
    assert "## Open-ended offer\n\n2026-03-04 · Acme · no decision\n" in text
    assert "- No boundaries: kept it open\n- Wrong priority (external)\n" in text
    assert "**How it felt**\n\nFlat." in text
    assert "## Second\n\n2026-03-04 · no decision\n" in text
    assert "_(nothing written)_" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_no_lessons_says_so() -> None:
    assert "No lessons." in lessons_markdown([])


def test_last_months_cross_the_new_year() -> None:
    assert last_months(date(2026, 2, 10), 4) == ("2025-11", "2025-12", "2026-01", "2026-02")


def test_chart_data_orders_bars_and_aligns_the_trend_with_months() -> None:
    names = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    data = cause_trends(
        counts=[("a", 2), ("b", 5), ("c", 0)],
        monthly=[
            ("2026-01", "b", 3),
            ("2026-03", "b", 2),
            ("2026-03", "a", 2),
            ("2020-01", "a", 9),
        ],
        names=names,
        today=date(2026, 3, 15),
        months=3,
        top=5,
    )
    assert [(b.cause_id, b.name, b.count) for b in data.bars] == [
        ("b", "Beta", 5),
        ("a", "Alpha", 2),
    ]
    assert data.months == ("2026-01", "2026-02", "2026-03")
    assert [(t.cause_id, t.per_month) for t in data.lines] == [("b", (3, 0, 2)), ("a", (0, 0, 2))]


def test_the_trend_keeps_only_the_most_frequent_causes() -> None:
    counts = [(f"c{i}", 10 - i) for i in range(8)]
    data = cause_trends(counts, [], {}, date(2026, 1, 1), top=3)
    assert len(data.bars) == 8
    assert [t.cause_id for t in data.lines] == ["c0", "c1", "c2"]
