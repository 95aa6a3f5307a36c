"""Editing the root-cause taxonomy: add, rename, reword, retire, merge; and the export."""

from __future__ import annotations

import pytest

from sales_notebook.store.errors import InvalidInput
from tests.store.lesson_rows import add_lesson


def test_add_gives_a_new_cause_an_id_from_its_name(services) -> None:
    cause = services.taxonomy.add("  Ignored   procurement ", "Did you map the buying process?")
    assert (cause.id, cause.name) == ("ignored-procurement", "Ignored procurement")
    assert services.taxonomy.causes()[-1] == cause
    again = services.taxonomy.add("Ignored procurement!")  # a different name, the same slug
    assert again.id == "ignored-procurement-2"


@pytest.mark.parametrize("name", ["", "   ", "No boundaries", "NO BOUNDARIES", "x" * 121])
def test_empty_long_and_taken_names_are_refused(services, name: str) -> None:
    before = services.taxonomy.causes(include_retired=True)
    with pytest.raises(InvalidInput):
        services.taxonomy.add(name)
    assert services.taxonomy.causes(include_retired=True) == before


def test_rename_and_reword_keep_the_lessons(services) -> None:
    lesson = add_lesson(services, "Deck", causes=("no-insight",))
    services.taxonomy.edit("no-insight", name="No point of view", prompt="Bring one idea")
    cause = services.taxonomy.get("no-insight")
    assert cause is not None
    assert (cause.name, cause.prompt) == ("No point of view", "Bring one idea")
    assert cause.question == "Did you bring an idea they had not considered?"
    assert services.library.lesson(lesson).causes[0].name == "No point of view"
    with pytest.raises(InvalidInput, match="already"):
        services.taxonomy.edit("no-insight", name="product pitch")
    services.taxonomy.edit("no-insight", name="no point of VIEW")  # its own name, recased


def test_retired_causes_leave_new_tagging_but_stay_on_lessons(services) -> None:
    add_lesson(services, "Old", causes=("no-urgency",))
    services.taxonomy.retire("no-urgency")
    assert "no-urgency" not in {c.id for c in services.taxonomy.causes()}
    assert "no-urgency" in {c.id for c in services.taxonomy.causes(include_retired=True)}
    assert dict((c.id, n) for c, n in services.taxonomy.counts())["no-urgency"] == 1
    services.taxonomy.retire("no-urgency", False)
    assert "no-urgency" in {c.id for c in services.taxonomy.causes()}


def test_merge_moves_lessons_and_keeps_one_tag_with_both_evidences(services) -> None:
    only_source = add_lesson(services, "A", causes=("poor-listening",))
    both = add_lesson(services, "B", causes=("poor-listening", "no-discovery"))
    only_target = add_lesson(services, "C", causes=("no-discovery",))
    moved = services.taxonomy.merge("poor-listening", "no-discovery")
    assert moved == 2
    assert services.taxonomy.get("poor-listening") is None
    counts = {c.id: n for c, n in services.taxonomy.counts()}
    assert counts["no-discovery"] == 3 and "poor-listening" not in counts
    tags = {d.id: d.causes for d in services.library.lessons()}
    assert [c.cause_id for c in tags[only_source]] == ["no-discovery"]
    assert [c.cause_id for c in tags[only_target]] == ["no-discovery"]
    [merged] = tags[both]
    assert merged.evidence == "seen: no-discovery; seen: poor-listening"
    hits = services.search.search("", _filters("no-discovery"))
    assert {h.lesson_id for h in hits} == {only_source, both, only_target}


def _filters(cause: str):
    from sales_notebook.store.search import SearchFilters

    return SearchFilters(cause_id=cause)


def test_merge_refuses_itself_and_unknown_causes(services) -> None:
    with pytest.raises(InvalidInput):
        services.taxonomy.merge("no-insight", "no-insight")
    with pytest.raises(InvalidInput):
        services.taxonomy.merge("nope", "no-insight")
    assert services.taxonomy.get("no-insight") is not None


def test_monthly_counts_per_cause(demo_services) -> None:
    rows = demo_services.taxonomy.monthly_counts()
    assert sum(n for _m, _c, n in rows) == sum(n for _c, n in demo_services.taxonomy.counts())
    assert all(len(month) == 7 and month[4] == "-" for month, _c, _n in rows)


def test_export_writes_every_lesson_or_the_ones_asked(demo_services) -> None:
    text = demo_services.library.export_markdown()
    assert text.count("\n## ") == 8
    assert "- Missed the boss: Never asked who signs off" in text
    hits = demo_services.search.search("budget", kinds=("lesson",))
    some = demo_services.library.export_markdown([h.lesson_id for h in hits], note="budget")
    assert some.count("\n## ") == len(hits) == 1
    assert "## Budget cut in a reorg" in some
