"""Keeps, in the bundle's copy of QtAwesome's Phosphor icon font, only the glyphs the app
draws (the NAMES of sales_notebook/ui/theme/icons.py, the one way the app asks for an icon),
and only their entries in the charmap: 1.5 MB of 1,500 icons down to a few kilobytes.

    python packaging/subset_icons.py dist/sales-notebook/_internal/qtawesome/fonts

Run by `make bundle`, from the bundle's venv (fontTools, the app's wheel).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fontTools import subset

from sales_notebook.ui.theme.icons import CHARMAP_FILE, FONT_FILE, NAMES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fonts", type=Path, help="the bundle's qtawesome/fonts folder")
    folder = parser.parse_args().fonts
    font_path, charmap_path = folder / FONT_FILE, folder / CHARMAP_FILE
    charmap = json.loads(charmap_path.read_text("utf-8"))
    missing = sorted(set(NAMES.values()) - charmap.keys())
    if missing:
        raise SystemExit(f"{CHARMAP_FILE} has no {', '.join(missing)}: see ui/theme/icons.py")
    kept = {name: charmap[name] for name in sorted(set(NAMES.values()))}
    before = font_path.stat().st_size + charmap_path.stat().st_size

    options = subset.Options()
    font = subset.load_font(str(font_path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[int(code, 16) for code in kept.values()])
    subsetter.subset(font)
    subset.save_font(font, str(font_path), options)
    charmap_path.write_text(json.dumps(kept, indent=0), "utf-8")

    after = font_path.stat().st_size + charmap_path.stat().st_size
    print(f"{FONT_FILE}: {len(kept)} of {len(charmap)} icons, {before:,} -> {after:,} bytes")


if __name__ == "__main__":
    main()
