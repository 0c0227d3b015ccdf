"""Translations for text that leaves the app (PDFs, .ics, exports), independent of Qt.

The app's own screens use Qt's ``tr()``; documents sent to families are translated per
family with gettext catalogs read straight from ``.po`` files (via Babel), so adding a
language is adding ``assets/translations/<lang>/LC_MESSAGES/<domain>.po`` — no compile
step, no code change.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from app.paths import asset

DEFAULT_LANGUAGE = "en"


def translations_dir() -> Path:
    return asset("translations")


def available_languages(domain: str) -> list[str]:
    """Languages with a catalog for ``domain``, plus English (the source language)."""
    found = {DEFAULT_LANGUAGE}
    root = translations_dir()
    if root.is_dir():
        for po in root.glob(f"*/LC_MESSAGES/{domain}.po"):
            found.add(po.parent.parent.name)
    return sorted(found)


def normalize_language(tag: str | None) -> str:
    """'es-MX' -> 'es'; unknown or empty -> 'en'."""
    if not tag:
        return DEFAULT_LANGUAGE
    return tag.replace("_", "-").split("-")[0].lower() or DEFAULT_LANGUAGE


@lru_cache(maxsize=64)
def translation(domain: str, language: str) -> gettext.NullTranslations:
    """A gettext translation for ``domain`` in ``language`` (falls back to English)."""
    lang = normalize_language(language)
    po_path = translations_dir() / lang / "LC_MESSAGES" / f"{domain}.po"
    if lang == DEFAULT_LANGUAGE or not po_path.exists():
        return gettext.NullTranslations()
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=domain)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(domain: str, language: str):  # type: ignore[no-untyped-def]
    """``_ = gettext_for("reports", "es")`` then ``_("Attendance")``."""
    return translation(domain, language).gettext
