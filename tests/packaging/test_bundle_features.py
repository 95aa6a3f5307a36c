"""The bundle's trimmed parts still do their jobs: the notes model (numpy, WordLlama,
tokenizers), the icon font and Qt's use of ICU (the team library: test_bundle_team.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QRawFont

from sales_notebook.cli import main
from sales_notebook.ui.theme import icons
from tests.packaging.conftest import ROOT, offline_prefix

pytestmark = pytest.mark.bundle

NOTES = (
    "Great chat with the developer. Never found out who signs off; her boss picked the "
    "big-name vendor. Budget was frozen until next quarter."
)


def test_its_suggestions_are_the_venvs(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, "utf-8")
    argv = ["lessons", "suggest", str(notes), "--json", "--data-dir", str(tmp_path / "nb")]
    out = subprocess.run(
        [*offline_prefix(), str(bundle), *argv],
        env=clean_env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert main(argv) == 0
    from_venv = json.loads(capsys.readouterr().out)
    from_bundle = json.loads(out.stdout)
    assert from_bundle and from_bundle[0]["cause"] in {"missed-boss", "brand-trust"}
    assert [r["cause"] for r in from_bundle] == [r["cause"] for r in from_venv]
    # The same numbers: the venv quantizes the wheel's float16 vectors as the bundle's were.
    assert [r["probability"] for r in from_bundle] == [r["probability"] for r in from_venv]


def test_its_word_vectors_are_the_wheels_quantized(bundle: Path) -> None:
    from safetensors.numpy import load_file

    from sales_notebook.core.diagnosis_model import (
        QUANTIZED_WEIGHTS,
        WORDLLAMA_WEIGHTS,
        wordllama_dir,
    )
    from sales_notebook.core.diagnosis_quantized import load, quantize

    folder = bundle.parent / "_internal" / "wordllama"
    assert not (folder / WORDLLAMA_WEIGHTS).exists()  # the float16 file stays out
    bundled = folder / QUANTIZED_WEIGHTS
    assert bundled.stat().st_mode & 0o444 == 0o444
    expected = quantize(load_file(str(wordllama_dir() / WORDLLAMA_WEIGHTS))["embedding.weight"])
    found = load(bundled)
    assert np.array_equal(found.codes, expected.codes)
    assert np.array_equal(found.scales, expected.scales)


def glyph_outlines(font_file: Path, charmap: dict[str, str]) -> dict[str, tuple[float, ...]]:
    """Each icon's outline, as the bounding box and length of the glyph's path."""
    raw = QRawFont(str(font_file), 64)
    assert raw.isValid(), font_file
    outlines = {}
    for name in set(icons.NAMES.values()):
        (glyph,) = raw.glyphIndexesForString(chr(int(charmap[name], 16)))
        assert glyph != 0, f"{name}: no glyph"
        path = raw.pathForGlyph(glyph)
        box = path.boundingRect()
        outlines[name] = (box.x(), box.y(), box.width(), box.height(), path.length())
    return outlines


def test_its_cut_down_icon_font_draws_every_icon_as_the_full_one(bundle: Path, qapp) -> None:
    """packaging/subset_icons.py keeps only the glyphs the app draws, the same glyphs."""
    fonts = bundle.parent / "_internal" / "qtawesome" / "fonts"
    charmap = json.loads((fonts / icons.CHARMAP_FILE).read_text("utf-8"))
    assert set(charmap) == set(icons.NAMES.values())
    assert (fonts / icons.FONT_FILE).stat().st_size < 50_000, "the font was not cut down"
    full = icons._fonts_dir()
    full_charmap = json.loads((full / icons.CHARMAP_FILE).read_text("utf-8"))
    assert {name: full_charmap[name] for name in charmap} == charmap
    assert glyph_outlines(fonts / icons.FONT_FILE, charmap) == glyph_outlines(
        full / icons.FONT_FILE, full_charmap
    )


def icu_library(bundle: Path) -> Path:
    (library,) = (bundle.parent / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")
    return library


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ICU trim is Linux's")
def test_qt_gets_the_same_answers_from_its_trimmed_icu_data(bundle: Path) -> None:
    """Collation, locale case mapping and time-zone names, with the venv's Qt: first on its full
    ICU data, then on the bundle's (preloaded, it takes the place of the same soname)."""
    library = icu_library(bundle)
    assert library.stat().st_size < 14e6, "the ICU data was not trimmed"
    probe = [sys.executable, str(ROOT / "tests" / "packaging" / "icu_probe.py")]
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    full = subprocess.run(probe, env=env, capture_output=True, text=True, timeout=60, check=True)
    trimmed = subprocess.run(
        probe, env={**env, "LD_PRELOAD": str(library)},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    *answers, codecs = full.stdout.splitlines()
    *trimmed_answers, trimmed_codecs = trimmed.stdout.splitlines()
    assert trimmed_answers == answers
    assert "Mitteleuropäische Normalzeit" in full.stdout and "İSTANBUL" in full.stdout
    # Proof the trimmed data was the one read: its legacy code pages are gone.
    assert (codecs, trimmed_codecs) == (
        "legacy code pages: True", "legacy code pages: False",
    )  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ICU trim is Linux's")
def test_qt_calls_no_icu_service_whose_data_was_trimmed(bundle: Path) -> None:
    """packaging/trim_icu.py keeps the data of the ICU calls Qt makes: case mapping, calendars
    (time-zone names), converters and collation. A Qt that calls more needs the trim looked at."""
    qt = bundle.parent / "_internal" / "PySide6" / "Qt"
    libraries = [p for p in qt.rglob("*.so*") if p.is_file() and "libicu" not in p.name]
    out = subprocess.run(
        ["nm", "-D", "--undefined-only", *map(str, libraries)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    calls = set(re.findall(r"\bU? *(\w+)_\d{2,3}$", out, re.M))
    known = ("u_strToUpper", "u_strToLower", "ucal_", "ucnv_", "UCNV_", "ucol_")
    assert calls, "no ICU call found: is Qt still linked to ICU?"
    assert sorted(c for c in calls if not c.startswith(known)) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_every_library_its_binaries_need_is_found(bundle: Path) -> None:
    """In the bundle, or on the system where the spec leaves a desktop's own libraries (X11,
    fontconfig, GLib, D-Bus ...). Wayland's client libraries are a Wayland desktop's: a machine
    without a Wayland session (this one, CI) may lack them and never loads that plugin."""
    internal = bundle.parent / "_internal"
    binaries = [bundle, *(p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink())]
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(internal)}  # as the bootloader sets
    missing = set()
    for binary in binaries:
        out = subprocess.run(["ldd", str(binary)], env=env, capture_output=True, text=True)
        for line in out.stdout.splitlines():
            if "not found" in line and not line.strip().startswith("libwayland-"):
                missing.add(f"{binary.relative_to(bundle.parent)}: {line.strip()}")
    assert not missing, sorted(missing)
