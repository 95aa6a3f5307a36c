"""`lessons search` and `lessons suggest` given what a terminal, a pipe or an attacker can send:
one clear line and exit 2 for what cannot be used, never a traceback, never a write."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sales_notebook.core.diagnosis import MAX_DIAGNOSIS_CHARS
from tests.hostile.conftest import fingerprint, record

BAD_LIMITS = ["99999999999999999999", "0", "-1", "abc", "10001", "", "1e3", "1.5", "0x10"]


@pytest.mark.parametrize("limit", BAD_LIMITS)
def test_a_bad_limit_gets_one_line(cli, notebook, limit: str) -> None:
    root = notebook("demo")
    before = fingerprint(root)
    run = cli("lessons", "search", "budget", "--limit", limit, "--data-dir", str(root))
    record("search", run, refused=True, changed=fingerprint(root) != before)
    assert not run.crashed and run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "--limit must be a whole number from 1 to 10,000" in run.err
    assert fingerprint(root) == before


# What Python makes of bytes that are not UTF-8 in argv (surrogate escapes), and worse.
BAD_QUERIES = [
    ("a lone 0xff", "\udcff", "0xff at position 1"),
    ("Latin-1 café", "caf\udce9", "0xe9 at position 4"),
    ("a lone surrogate", "budget \ud800", "U+D800 at position 8"),
]


@pytest.mark.parametrize(
    ("query", "message"), [c[1:] for c in BAD_QUERIES], ids=[c[0] for c in BAD_QUERIES]
)
def test_a_query_that_is_not_utf8_gets_one_line(cli, notebook, query: str, message: str) -> None:
    root = notebook("demo")
    before = fingerprint(root)
    run = cli("lessons", "search", query, "--data-dir", str(root))
    record("search", run, refused=True, changed=fingerprint(root) != before)
    assert not run.crashed and run.code == 2
    assert run.err.count("\n") == 1 and "The query holds a byte that is not UTF-8" in run.err
    assert message in run.err and fingerprint(root) == before


def test_a_cause_that_is_not_utf8_gets_one_line(cli, notebook) -> None:
    root = notebook("demo")
    run = cli("lessons", "search", "x", "--cause", "\udcff", "--data-dir", str(root))
    record("search", run, refused=True)
    assert run.code == 2 and "--cause holds a byte that is not UTF-8" in run.err


ODD_QUERIES = [
    "", '"', "NOT", "AND OR", "*", "(((", "NEAR(a b", "a:b", "-budget", "^", "💥",
    "'; DROP TABLE lesson; --", "budget\x00price", "\u200b", "\ufeff=1", "a" * 300,
]  # fmt: skip


@pytest.mark.parametrize("query", ODD_QUERIES, ids=[ascii(q)[:30] for q in ODD_QUERIES])
def test_an_odd_query_is_answered_without_a_traceback(cli, notebook, query: str) -> None:
    root = notebook("demo")
    before = fingerprint(root)
    run = cli("lessons", "search", "--notes", "--data-dir", str(root), "--", query)
    record("search", run, refused=run.code == 2, changed=fingerprint(root) != before)
    assert not run.crashed and run.code in (0, 2), run.err
    assert run.code == 0 or run.err.count("\n") == 1, run.err
    assert fingerprint(root) == before


def test_search_as_a_real_process_with_a_non_utf8_byte_and_a_huge_limit(notebooks) -> None:
    base = [sys.executable, "-m", "sales_notebook", "lessons", "search"]
    data = ["--data-dir", str(notebooks["demo"])]
    byte = subprocess.run([*base, b"caf\xe9", *data], capture_output=True, text=True)
    huge = subprocess.run(
        [*base, "budget", "--limit", "99999999999999999999", *data], capture_output=True, text=True
    )
    for run in (byte, huge):
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("sales-notebook: ")
    assert "0xe9" in byte.stderr and "--limit" in huge.stderr


SUGGEST_REFUSED: list[tuple[str, str, bytes | bool | None, str]] = [
    ("binary stdin", "-", b"\x7fELF\x02\x01\x00\x00", "Standard input looks like a binary file"),
    ("invalid UTF-8 stdin", "-", b"caf\xe9 budget", "Standard input is not UTF-8 text (byte 0xe9"),
    ("a closed stdin", "-", None, "Standard input is closed"),
    ("a folder", ".", False, ". is a folder, not a file"),
    ("a missing file", "nope.md", False, "No such file: nope.md"),
    ("a binary file", "binary.bin", False, "binary.bin looks like a binary file"),
    ("a Latin-1 file", "latin1.md", False, "latin1.md is not UTF-8 text (byte 0xe9"),
    ("a UTF-16 file", "utf16.md", False, "utf16.md looks like a binary file"),
]


@pytest.mark.parametrize(
    ("source", "stdin", "message"),
    [c[1:] for c in SUGGEST_REFUSED],
    ids=[c[0] for c in SUGGEST_REFUSED],
)
def test_suggest_refuses_what_is_not_text(cli, tmp_path, monkeypatch, source, stdin, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)))
    (tmp_path / "latin1.md").write_bytes("Budget freeze, café".encode("latin-1"))
    (tmp_path / "utf16.md").write_bytes("Budget freeze".encode("utf-16"))
    run = cli("lessons", "suggest", source, "--data-dir", str(tmp_path / "nb"), stdin=stdin)
    record("suggest", run, refused=True)
    assert not run.crashed and run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and message in run.err, run.err


def test_suggest_says_when_it_reads_only_part(cli, tmp_path) -> None:
    notes = "We never agreed a next step. " * (MAX_DIAGNOSIS_CHARS // 20)
    run = cli("lessons", "suggest", "-", "--data-dir", str(tmp_path), stdin=notes.encode())
    record("suggest", run, refused=False)
    assert run.code == 0 and "no-next-step" in run.out
    assert f"Read the first 200,000 characters of {len(notes):,} characters" in run.err


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        (b"", "No clear cause in the notes"),
        (b"\xef\xbb\xbfWe never agreed a next step.", "no-next-step"),
        ("予算が凍結された。 We never agreed a next step.".encode(), "no-next-step"),
    ],
    ids=["empty", "BOM", "Japanese"],
)
def test_suggest_reads_any_text(cli, tmp_path, stdin: bytes, expected: str) -> None:
    run = cli("lessons", "suggest", "-", "--data-dir", str(tmp_path), stdin=stdin)
    record("suggest", run, refused=False)
    assert run.code == 0 and expected in run.out
    # The one line on stderr says there is no notebook here, so the default causes are used.
    assert run.err.startswith("No notebook in") and run.err.count("\n") == 1, run.err


def test_suggest_as_a_real_process_refuses_binary_and_says_it_cut(tmp_path) -> None:
    command = [sys.executable, "-m", "sales_notebook", "lessons", "suggest", "-"]
    binary = subprocess.run(command, input=b"\x00\x01\x02", capture_output=True)
    long = subprocess.run(command, input=b"x " * 150_000, capture_output=True)
    assert binary.returncode == 2 and b"looks like a binary file" in binary.stderr
    assert long.returncode == 0 and b"Read the first 200,000 characters of 300,000" in long.stderr
    endless = subprocess.run(  # `yes |`: read no further than 8 MiB, then answered
        f"yes 'No next step agreed' | {sys.executable} -m sales_notebook lessons suggest -",
        shell=True, capture_output=True, timeout=60,
    )  # fmt: skip
    assert endless.returncode == 0 and b"of more than 8,388,608 bytes" in endless.stderr
    assert b"Traceback" not in binary.stderr + long.stderr + endless.stderr


def test_a_character_cut_by_the_read_limit_is_left_out(tmp_path, monkeypatch) -> None:
    from sales_notebook.text_input import read_text

    (tmp_path / "notes.md").write_text("é" * 10, "utf-8")
    assert read_text(str(tmp_path / "notes.md"), 5) == ("éé", False)
    assert read_text(str(tmp_path / "notes.md"), 20) == ("é" * 10, True)
