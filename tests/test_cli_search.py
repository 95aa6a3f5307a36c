"""`sales-notebook lessons search`: text and JSON, cause filter, limit, no Qt loaded."""

from __future__ import annotations

import json
import subprocess
import sys

from sales_notebook.cli import main


def test_json_lists_lessons_with_their_causes_snippet_and_score(
    demo_services, paths, capsys
) -> None:
    assert (
        main(["lessons", "search", "--data-dir", str(paths.root), "budget OR price", "--json"]) == 0
    )
    rows = json.loads(capsys.readouterr().out)
    for row in rows:
        assert {"lesson_id", "title", "causes", "snippet", "score"} <= row.keys()
        assert isinstance(row["lesson_id"], int) and row["kind"] == "lesson"
        assert "\x02" not in row["snippet"]
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(r["score"] > 0 for r in rows)  # bm25, on a tiny notebook a tiny number
    assert {"Budget cut in a reorg", "Price before value"} <= {r["title"] for r in rows}


def test_cause_filter_and_limit(demo_services, paths, capsys) -> None:
    args = ["lessons", "search", "--data-dir", str(paths.root), "--json"]
    main([*args, "call", "--cause", "missed-boss"])
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("missed-boss" in r["causes"] for r in rows)
    main([*args, "the", "--limit", "1"])
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_text_output_and_odd_queries(demo_services, paths, capsys) -> None:
    assert main(["lessons", "search", "--data-dir", str(paths.root), "signs off"]) == 0
    out = capsys.readouterr().out
    assert "Won the developer, lost to the ops director" in out and "[signs] [off]" in out
    assert main(["lessons", "search", "--data-dir", str(paths.root), '"NOT']) == 0
    assert "a deck, [not] a point of view" in capsys.readouterr().out  # a quoted word
    assert main(["lessons", "search", "--data-dir", str(paths.root), "NOT"]) == 0
    assert "No lessons match." in capsys.readouterr().out  # a lone operator


def test_search_runs_without_qt(demo_services, paths) -> None:
    code = (
        "import sys; from sales_notebook.cli import main; "
        f"main(['lessons', 'search', '--data-dir', {str(paths.root)!r}, 'budget', '--notes']); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "call " in done.stdout and "lesson " in done.stdout
