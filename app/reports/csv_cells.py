"""CSV cells no spreadsheet will execute, and the CSV writer every export shares.

Every text cell goes through ``safe_cell``: a cell that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading
apostrophe (OWASP's CSV-injection advice), while numbers — negative ones included — are
written as plain numbers so they stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")



def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet will execute; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(float(value))
    text = str(value)
    if _NUMBER.fullmatch(text):
        return text
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    # Canvas and Classroom uploads: UTF-8 with BOM (teachers open them in Excel first, which
    # needs the BOM for Nguyễn and Ørsted; both services accept it). OneRoster: plain UTF-8,
    # as the binding says, so strict readers do not see "\ufeffsourcedId".
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if bom else "utf-8", newline="")
    return path
