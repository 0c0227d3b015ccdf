"""Translations for text that leaves the app (PDFs, .ics, exports), independent of Qt.

The loader lives in :mod:`app.core.i18n` (shared with core messages); this module keeps
the names the document builders import.
"""

from __future__ import annotations

from app.core.i18n import (
    DEFAULT_LANGUAGE,
    available_languages,
    gettext_for,
    normalize_language,
    translation,
    translations_dir,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "available_languages",
    "gettext_for",
    "normalize_language",
    "translation",
    "translations_dir",
]
