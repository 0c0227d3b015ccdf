"""Embedded fonts for reports: the shared kit in :mod:`app.core.pdf_fonts`."""

from __future__ import annotations

from app.core.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts, regular_and_bold

__all__ = ["BOLD", "ITALIC", "REGULAR", "register_fonts", "regular_and_bold"]
