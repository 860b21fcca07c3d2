"""The one CJK font of every printout: the bundled WenQuanYi Micro Hei.

ReportLab embeds TrueType only, so the font is registered from the bundled
`resources/fonts/wqy-microhei.ttc` (never a CID font such as STSong-Light,
which the PDF viewer on the front-desk PC may lack). The face has no bold or
italic: the font family maps them to the same face, so `<b>` in a Paragraph
still renders (as regular weight) instead of failing.
"""

from __future__ import annotations

from reportlab.lib import textsplit as _rl_textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reportlab.platypus import paragraph as _rl_paragraph

from desktop_app.paths import font_path

FONT_NAME = "WQYMicroHei"

_SUBFONT_INDEX = 0  # in the .ttc: 0 = WenQuanYi Micro Hei, 1 = its Mono variant


_FULLWIDTH_CANNOT_START = "，；：？！》〉”’"


def keep_punctuation_off_line_starts() -> None:
    """Teach ReportLab's CJK wrapping that ，；：？！》” may not start a line.

    ReportLab's list (`textsplit.ALL_CANNOT_START`) has 、。） but not the
    full-width comma, semicolon, colon, question and exclamation marks, so a
    cell could begin a line with "，". Idempotent; process-wide, as ReportLab
    keeps the list in module globals.
    """
    for module in (_rl_textsplit, _rl_paragraph):  # one- and many-fragment paragraphs
        current = module.ALL_CANNOT_START
        missing = "".join(c for c in _FULLWIDTH_CANNOT_START if c not in current)
        if missing:
            module.ALL_CANNOT_START = current + missing


def register_fonts() -> str:
    """Register the bundled CJK font with ReportLab (idempotent) and the CJK line-start rule."""
    keep_punctuation_off_line_starts()
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = font_path()
        if not path.is_file():
            raise FileNotFoundError(f"找不到打印字体文件：{path}")
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=_SUBFONT_INDEX))
        pdfmetrics.registerFontFamily(
            FONT_NAME,
            normal=FONT_NAME,
            bold=FONT_NAME,
            italic=FONT_NAME,
            boldItalic=FONT_NAME,
        )
    return FONT_NAME
