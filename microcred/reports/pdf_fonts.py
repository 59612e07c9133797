"""The fonts certificates and transcripts are set in, embedded in every PDF.

Names are printed as people write them ("Zoë Ångström-Núñez", "Łukasz Wróbel"), so the
font must carry more than the 14 standard PDF fonts' Latin-1 and must travel inside the
file: DejaVu Sans (Debian's fonts-dejavu-core) covers Latin Extended, Greek and Cyrillic.
Where it is not installed, the Bitstream Vera fonts that ship inside reportlab take its
place (Latin-1 only). Either is registered as a TrueType font, which reportlab embeds as
a subset with a ToUnicode map, so the text stays searchable and copyable.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "Certificate"
BOLD = "Certificate-Bold"

_CANDIDATES = (
    (Path("/usr/share/fonts/truetype/dejavu"), "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    (Path(reportlab.__file__).parent / "fonts", "Vera.ttf", "VeraBd.ttf"),
)


@cache
def register() -> tuple[str, str]:
    """Register the regular and bold faces once per process; return their names."""
    for folder, regular, bold in _CANDIDATES:
        if (folder / regular).is_file() and (folder / bold).is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(folder / regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(folder / bold)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
            return REGULAR, BOLD
    raise RuntimeError("No TrueType font for certificates: install fonts-dejavu-core.")
