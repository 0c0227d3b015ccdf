"""The printed recovery key fits inside its frame, every character of it."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2
import pytest

from app.store.keys import recovery_key_from_data_key
from app.store.recovery_sheet import write_recovery_sheet


@pytest.mark.parametrize("seed", [bytes(32), bytes(range(32)), os.urandom(32)], ids=["zeros", "counting", "random"])
def test_recovery_key_fits_its_frame(tmp_path: Path, seed: bytes) -> None:
    key = recovery_key_from_data_key(seed)
    out = write_recovery_sheet(tmp_path / "k.pdf", recovery_key=key, workspace_name="school.tdw",
                               workspace_id="abc", school="Riverside Middle School")
    page = pypdfium2.PdfDocument(str(out))[0]
    width = page.get_width()
    text = page.get_textpage()
    chars = text.count_chars()
    all_text = text.get_text_range()
    # The frame is drawn one inch from each side of the page.
    left, right = 72.0, width - 72.0
    start = all_text.index(key.split("-")[0])
    key_chars = len("".join(key.split("-")))
    seen = 0
    for i in range(start, chars):
        if seen == key_chars:
            break
        ch = all_text[i]
        if ch.isspace():
            continue
        x0, _y0, x1, _y1 = text.get_charbox(i)
        assert left + 6 <= x0 and x1 <= right - 6, (ch, x0, x1)
        seen += 1
    assert seen == key_chars
