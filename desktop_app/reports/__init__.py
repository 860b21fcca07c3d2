"""PDF printouts: plain dataclasses in, PDF bytes out (STYLE.md "Reports").

Builders never touch the database and never read the clock: the caller passes
the print time. Every printout shares one page layout (`layout.py`: the
institution name and document title in the header, page x / y and the print
time in the footer) and one bundled CJK TrueType font (`fonts.py`).
"""
