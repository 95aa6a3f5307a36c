"""Hostile text in exports: the Markdown export renders inert in any HTML viewer (the review
pane's rule), and no CSV cell reaches a spreadsheet as a formula."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_notebook.cli import main
from sales_notebook.core.lessons_csv import COLUMNS, lessons_csv
from sales_notebook.core.lessons_markdown import CauseText, LessonText, lessons_markdown
from sales_notebook.core.rendering import render_notes
from tests.core.test_rendering import VECTORS, assert_inert
from tests.hostile.conftest import Run, fingerprint, record


def lesson(text: str) -> LessonText:
    return LessonText(
        title=text, account=text, outcome="lost", created=date(2026, 11, 2),
        causes=(CauseText(text, text, False),), what_happened=text, do_differently=text,
        feeling=text,
    )  # fmt: skip


def permissive_html(md: str) -> str:
    """The export as a viewer that renders raw HTML and images would show it."""
    return markdown.markdown(md, extensions=["tables", "fenced_code"])


@pytest.mark.parametrize("payload", VECTORS)
def test_markdown_of_every_field_renders_inert_like_the_review_pane(payload: str) -> None:
    exported = lessons_markdown([lesson(payload)], heading=payload, note=payload)
    assert_inert(permissive_html(exported))
    assert_inert(render_notes(exported))  # and the review pane's own rendering of it


def test_safe_links_and_plain_text_survive_the_export() -> None:
    text = "See [the deck](https://example.com/deck) and mail me: a < b, 3 > 2."
    html = permissive_html(lessons_markdown([lesson(text)]))
    assert '<a href="https://example.com/deck">the deck</a>' in html
    assert "a &lt; b, 3 &gt; 2" in html


FORMULAS = [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1+1", "   @x", "\n=cmd|' /C calc'!A0",
    "\r\n+1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "\u200b=1", "\ufeff=1",
    "\u2060=1", "\u202e=1", "\u00a0=1", "\u3000=1", "\u2028=1", " \n \u200b\uff1d1",
    "\ufe62\u0031", "\ufe66\u0031",
]  # fmt: skip
PLAIN = ["1-2", "e-mail", "Budget = tight", "a@b.example", "", "😀=1", "x"]


def cell(text: str) -> str:
    data = lessons_csv([lesson(text)])
    [_, row] = list(csv.reader(io.StringIO(data, newline="")))
    assert len(row) == len(COLUMNS)
    return row[COLUMNS.index("title")]


@pytest.mark.parametrize("text", FORMULAS, ids=[ascii(t) for t in FORMULAS])
def test_csv_defuses_a_formula_behind_blanks_invisibles_and_fullwidth_signs(text: str) -> None:
    assert cell(text) == "'" + text


PAYLOADS = [*VECTORS, *FORMULAS]


@pytest.fixture(scope="module")
def exported(notebooks, tmp_path_factory) -> dict:
    """A notebook with one lesson per payload (imported), exported by the command line as
    Markdown and as CSV: exit codes, texts, and whether exporting changed the notebook."""
    work = tmp_path_factory.mktemp("hostile-export")
    root = work / "nb"
    shutil.copytree(notebooks["demo"], root)
    assert main(["export", "--data-dir", str(root), "--out", str(work / "demo.json")]) == 0
    doc = json.loads((work / "demo.json").read_text("utf-8"))
    causes = [c["id"] for c in doc["tables"]["root_cause"]]
    doc["tables"]["lesson"] = [
        {"id": i, "account_id": 1, "title": f"case {i:03d}", "outcome": "lost",
         "what_happened": text, "do_differently": text, "feeling": text}
        for i, text in enumerate(PAYLOADS, 1)
    ]  # fmt: skip
    doc["tables"]["lesson_cause"] = [
        {"lesson_id": i, "cause_id": causes[i % len(causes)], "evidence": text}
        for i, text in enumerate(PAYLOADS, 1)
    ]
    (work / "hostile.json").write_text(json.dumps(doc), "utf-8")
    assert main(["import", str(work / "hostile.json"), "--replace", "--data-dir", str(root)]) == 0
    before = fingerprint(root)
    codes = {
        kind: main(["export", "--format", kind, "--out", str(work / kind), "--data-dir", str(root)])
        for kind in ("markdown", "csv")
    }
    with (work / "csv").open(newline="", encoding="utf-8") as f:
        rows = {row["title"]: row for row in csv.DictReader(f)}
    md = (work / "markdown").read_text("utf-8")
    sections = {part.split("\n", 1)[0]: part for part in md.split("\n## ")[1:]}
    return {"codes": codes, "md": sections, "csv": rows, "changed": fingerprint(root) != before}


@pytest.mark.parametrize("index", range(1, len(VECTORS) + 1), ids=[ascii(v)[:40] for v in VECTORS])
def test_cli_markdown_export_of_a_hostile_lesson_is_inert(exported, index: int) -> None:
    section = exported["md"][f"case {index:03d}"]
    run = Run(exported["codes"]["markdown"], "", "", crashed=False)
    record("export", run, refused=False, changed=exported["changed"])
    assert run.code == 0 and not exported["changed"]
    assert "**What happened**" in section and "**Root causes**" in section
    assert_inert(permissive_html(section))
    assert_inert(render_notes(section))


@pytest.mark.parametrize("index", range(len(FORMULAS)), ids=[ascii(t) for t in FORMULAS])
def test_cli_csv_export_of_a_formula_is_text(exported, index: int) -> None:
    row = exported["csv"][f"case {len(VECTORS) + index + 1:03d}"]
    run = Run(exported["codes"]["csv"], "", "", crashed=False)
    record("export", run, refused=False, changed=exported["changed"])
    assert run.code == 0 and not exported["changed"]
    formula = FORMULAS[index]
    assert row["what happened"] == row["do differently"] == row["how it felt"] == "'" + formula


@pytest.mark.parametrize("text", PLAIN, ids=[ascii(t) for t in PLAIN])
def test_csv_leaves_plain_text_alone(text: str) -> None:
    assert cell(text) == text


def test_cli_exports_of_a_hostile_notebook_are_inert(cli, notebook, tmp_path) -> None:
    root = notebook("demo")
    export = json.loads(cli("export", "--data-dir", str(root)).out)
    for lesson_row, payload in zip(export["tables"]["lesson"], VECTORS, strict=False):
        lesson_row["title"] = payload[:300]
        lesson_row["what_happened"] = payload
    export["tables"]["account"][0]["name"] = "<img src=x onerror=alert(1)>"
    export["tables"]["root_cause"][0]["name"] = '=HYPERLINK("http://x")'
    (tmp_path / "hostile.json").write_text(json.dumps(export), "utf-8")
    assert cli("import", str(tmp_path / "hostile.json"), "--replace", "--data-dir", str(root))
    before = fingerprint(root)
    md = cli("export", "--format", "markdown", "--data-dir", str(root))
    assert md.code == 0 and "&lt;img src=x onerror=alert(1)>" in md.out
    assert_inert(permissive_html(md.out))
    target = tmp_path / "lessons.csv"
    run = cli("export", "--format", "csv", "--out", str(target), "--data-dir", str(root))
    assert run.code == 0
    rows = list(csv.DictReader(target.open(newline="", encoding="utf-8")))
    assert all(not r["root causes"].startswith("=") for r in rows)
    assert fingerprint(root) == before  # exporting writes nothing to the notebook


PIECES = [
    *"<>[]()!:\\ \n\t=\"'&#;/*_`", "javascript:", "data:", "http://x", "&#106;", "img",
    "<img src=x onerror=alert(1)>", "<script>", "<a href=javascript:x>", "[a]", "](", "![a](",
    "[r]: ", "\n[r]: javascript:x\n", "](javascript:x)", "](http://x/p.gif)", "    ", "\\]",
]  # fmt: skip
MARKUP = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_any_markup_soup_exports_inert(text: str) -> None:
    assert_inert(permissive_html(lessons_markdown([lesson(text)])))
