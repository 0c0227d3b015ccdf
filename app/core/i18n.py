"""Translations without Qt: gettext catalogs read straight from ``.po`` files (via Babel).

Two uses share one loader:

* documents that leave the app (progress reports, conference letters, .ics, sheets) are
  translated per family: ``translation("reports", family_language)``;
* core messages a person reads (user-facing errors, review reasons, progress, CLI output)
  use one process-wide language: ``set_language("es")`` once at start (the CLI from
  ``LANG``/``LC_ALL``/``LC_MESSAGES``, the app from the language chosen in Settings), then
  ``_("Row {line}: {name} is not a date").format(line=..., name=...)`` everywhere in the
  core (domain ``core``).

Adding a language is adding ``assets/translations/<lang>/LC_MESSAGES/<domain>.po``: no
compile step, no code change. Messages use named ``{placeholders}`` filled after the
translation, never f-strings inside ``_()``, so a translator can move them.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from app.paths import asset

DEFAULT_LANGUAGE = "en"
CORE_DOMAIN = "core"

_state: dict[str, str] = {"language": DEFAULT_LANGUAGE, "locale": "en_US"}


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
    """'es-MX' -> 'es'; 'es_US.UTF-8' -> 'es'; unknown or empty -> 'en'."""
    if not tag:
        return DEFAULT_LANGUAGE
    tag = tag.split(".")[0].split("@")[0]
    return tag.replace("_", "-").split("-")[0].lower() or DEFAULT_LANGUAGE


@lru_cache(maxsize=64)
def translation(domain: str, language: str) -> gettext.NullTranslations:
    """A gettext translation for ``domain`` in ``language`` (falls back to English).

    Fuzzy entries are left out: an unchecked translation shows the English original.
    """
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


# --- the process-wide language of core messages -------------------------------------


def _locale_tag(tag: str) -> str:
    """'es-MX.UTF-8' -> 'es_MX'; 'en' -> 'en_US' (a US school app: US English by default)."""
    base = tag.split(".")[0].split("@")[0].replace("-", "_")
    if not base or base in {"C", "POSIX"}:
        return "en_US"
    parts = base.split("_")
    lang = parts[0].lower()
    if len(parts) > 1 and parts[1]:
        return f"{lang}_{parts[1].upper()}"
    return "en_US" if lang == DEFAULT_LANGUAGE else lang


def set_language(code: str | None) -> str:
    """Make ``code`` ('es', 'es-MX', 'en_US.UTF-8') the language of core messages.

    Returns the catalog language used ('es'); a language without a ``core`` catalog
    shows English messages but keeps its own date and number formats.
    """
    tag = (code or "").strip()
    if not tag or tag.split(".")[0] in {"C", "POSIX"}:
        tag = DEFAULT_LANGUAGE
    _state["language"] = normalize_language(tag)
    _state["locale"] = _locale_tag(tag)
    return _state["language"]


def get_language() -> str:
    """The catalog language of core messages ('en', 'es')."""
    return _state["language"]


def get_locale() -> str:
    """The locale for dates and numbers ('en_US', 'es', 'es_MX')."""
    return _state["locale"]


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The user's language as the C library would pick it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG.

    'C'/'POSIX' and unset mean English.
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip()
        if name == "LANGUAGE":
            value = value.split(":")[0]
        if value and value.split(".")[0] not in {"C", "POSIX"}:
            return value
        if value and name != "LANGUAGE":
            return DEFAULT_LANGUAGE  # an explicit C locale wins over later variables
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    """The core message ``message`` in the current language (English if untranslated)."""
    return translation(CORE_DOMAIN, _state["language"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``ngettext("{n} student", "{n} students", n).format(n=n)``."""
    return translation(CORE_DOMAIN, _state["language"]).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a constant for extraction; translate it where it is shown with ``_(CONST)``."""
    return message
