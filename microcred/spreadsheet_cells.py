"""Cells that a spreadsheet will show as text, never run as a formula.

A spreadsheet treats a cell starting with one of these as a formula (OWASP, "CSV
Injection"): such a cell is written with a leading apostrophe, which shows as text. Every
CSV the platform writes (transcripts, reports, the assessors' copy of a CSV evidence file)
passes its cells through `safe_cell`.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
