"""Build the small fonts shipped in templates/fonts/ from Debian's fonts-noto-core.

The page uses two OFL families, Noto Serif and Noto Sans, in four faces (serif regular
and bold, sans regular and bold). Each face is cut down to the scripts the page sets
(Basic Latin, Latin-1 Supplement, Latin Extended-A, general punctuation, the euro sign
and a few arrows) with kerning kept and hinting, glyph names and unused tables dropped,
so WeasyPrint can embed the whole file without subsetting it per page. Text in other
scripts falls back to the system's fonts at render time.

Run once when the fonts change (the results are committed):

    apt-get download fonts-noto-core && dpkg -x fonts-noto-core_*.deb /tmp/noto
    .venv/bin/python tools/subset_fonts.py /tmp/noto/usr/share/fonts/truetype/noto
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

OUT = Path(__file__).resolve().parent.parent / "templates" / "fonts"

#: Shipped file name -> source file name in fonts-noto-core.
FACES = {
    "NotoSerif-Regular.ttf": "NotoSerif-Regular.ttf",
    "NotoSerif-Bold.ttf": "NotoSerif-Bold.ttf",
    "NotoSans-Regular.ttf": "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf": "NotoSans-Bold.ttf",
}

#: The code points kept: Latin, Latin-1, Latin Extended-A, punctuation, a few symbols.
UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x2010, 0x2028),
    *range(0x2030, 0x203B),
    0x2044,
    0x20AC,
    0x2122,
]


def build(source: Path, out: Path = OUT) -> None:
    """Write each face of FACES, subset to UNICODES, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.layout_features = ["kern"]
    options.hinting = False
    options.glyph_names = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.drop_tables += ["DSIG", "GDEF", "GSUB", "meta", "FFTM"]
    for shipped, original in FACES.items():
        font = TTFont(source / original, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=UNICODES)
        subsetter.subset(font)
        font["head"].modified = font["head"].created
        target = out / shipped
        font.save(target, reorderTables=True)
        print(f"{target.name}: {target.stat().st_size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder holding fonts-noto-core's TTF files")
    args = parser.parse_args()
    build(args.source)


if __name__ == "__main__":
    main()
