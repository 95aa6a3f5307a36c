import pytest

from sales_notebook.core.people import parse_person_line


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Dana Lee, CFO", "Dana Lee", "CFO"),
        ("Dana Lee - CFO", "Dana Lee", "CFO"),
        ("Dana Lee (CFO)", "Dana Lee", "CFO"),
        ("Dana Lee", "Dana Lee", ""),
        ("  Dana   Lee ,  VP Sales, EMEA ", "Dana Lee", "VP Sales, EMEA"),
        ("Zoë Ångström; Directrice achats", "Zoë Ångström", "Directrice achats"),
    ],
)
def test_person_line_is_read_as_typed(text: str, name: str, title: str) -> None:
    person = parse_person_line(text)
    assert (person.name, person.title) == (name, title)


@pytest.mark.parametrize("text", ["", "   ", ", CFO", "x" * 201, "Dana, " + "t" * 301])
def test_unusable_person_lines_are_refused_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        parse_person_line(text)
