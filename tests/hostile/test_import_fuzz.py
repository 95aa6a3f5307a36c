"""Any value in any field, or a field left out: the import's checks either refuse it in
words, or the database takes it. A refusal by the database itself would mean a missing check."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sales_notebook.cli import main
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.import_check import parse_document
from sales_notebook.store.transfer import import_document

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["\ud800", "x\udcff", "", " ", "unknown", "won", "meddpicc", "risk"]),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def demo(notebooks, tmp_path_factory) -> tuple[dict, Path]:
    root = tmp_path_factory.mktemp("fuzz") / "nb"
    shutil.copytree(notebooks["demo"], root)
    # A shared lesson and a change waiting to be sent: those tables are fuzzed too.
    assert main(["team", "publish", "1", "--share-account", "--data-dir", str(root)]) == 0
    out = root.parent / "demo.json"
    assert main(["export", "--data-dir", str(root), "--out", str(out)]) == 0
    return json.loads(out.read_text("utf-8")), root


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), value=VALUES)
def test_a_value_the_checks_accept_is_one_the_database_takes(demo, data, value) -> None:
    valid, root = demo
    doc = copy.deepcopy(valid)
    table = data.draw(st.sampled_from([t for t, rows in doc["tables"].items() if rows]))
    row = data.draw(st.sampled_from(doc["tables"][table]))
    field = data.draw(st.sampled_from(sorted(row)))
    if data.draw(st.integers(0, 4)) == 0:
        del row[field]  # left out: its default, or a refusal
    else:
        row[field] = value
    try:
        parsed = parse_document(json.loads(json.dumps(doc)))
    except InvalidInput as exc:
        assert str(exc).startswith(f"Table “{table}”, row "), exc
        return
    db = Database(root / "notebook.db")
    try:
        import_document(db, parsed, replace=True)
    except InvalidInput as exc:  # a reference to no row (maybe from another table), in words
        assert str(exc).startswith("Table “") and ", row " in str(exc), exc
        assert "points at" in str(exc), exc
    finally:
        db.dispose()
