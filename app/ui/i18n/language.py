"""Which language the app's screens speak, and loading its catalogs.

On the first start the language comes from the computer (its UI languages, in order of
preference, matched against the catalogs that exist); after that it is the one stored in
QSettings under ``ui/language``, which Settings changes (taking effect at the next start,
since Qt widgets keep the text they were built with). Any ``teacherdesk_<code>.qm`` in
``assets/translations/qt`` adds a language: there is no list to edit.
"""

from __future__ import annotations

import importlib
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.paths import asset

KEY = "ui/language"
SOURCE_LANGUAGE = "en"


def available_languages() -> list[str]:
    """English (the source) and every language with a built catalog, e.g. ["en", "es"]."""
    found = {p.stem.removeprefix("teacherdesk_") for p in asset("translations", "qt").glob("teacherdesk_*.qm")}
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def native_name(code: str) -> str:
    """"es" -> "Español", "vi" -> "Tiếng Việt": each language named in itself."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_language_name(code) or code
    except (UnknownLocaleError, ValueError):
        name = code
    return name[:1].upper() + name[1:]


def system_language(ui_languages: list[str] | None = None) -> str:
    """The first of the computer's preferred languages we have a catalog for, else English."""
    have = available_languages()
    for tag in ui_languages if ui_languages is not None else QLocale.system().uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in have:
            return code
    return SOURCE_LANGUAGE


def chosen_language(settings: QSettings | None = None) -> str:
    """The stored choice; on the first start the computer's language, stored from then on."""
    settings = settings or QSettings()
    value = str(settings.value(KEY, "") or "")
    if value in available_languages():
        return value
    code = system_language()
    settings.setValue(KEY, code)
    return code


def choose_language(code: str, settings: QSettings | None = None) -> None:
    """Remember ``code`` for the next start."""
    if code not in available_languages():
        raise ValueError(f"no catalog for language {code!r}")
    (settings or QSettings()).setValue(KEY, code)


def ui_locale(code: str, system: QLocale | None = None) -> QLocale:
    """Dates, day and month names in the UI's language: the computer's own locale when it
    speaks that language (es_MX stays es_MX), else the language in the computer's country
    (Spanish on an en_US laptop -> es_US)."""
    system = system or QLocale.system()
    wanted = QLocale(code)
    if system.language() == wanted.language():
        return system
    return QLocale(wanted.language(), system.territory())


def install_translators(app: QCoreApplication, code: str) -> list[QTranslator]:
    """Load Qt's own strings (OK/Cancel, file dialogs) and ours for ``code``; set the default
    locale to match; hand the language to the core so its messages follow."""
    translators: list[QTranslator] = []
    qt = QTranslator(app)
    if code != SOURCE_LANGUAGE and qt.load(f"qtbase_{code}",
                                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    ours = QTranslator(app)  # for English: "1 page" / "2 pages" instead of "page(s)"
    if ours.load(f"teacherdesk_{code}", str(asset("translations", "qt"))):
        translators.append(ours)
    for t in translators:
        app.installTranslator(t)
    locale = ui_locale(code)
    QLocale.setDefault(locale)
    tell_core(code, locale.name())
    return translators


def tell_core(code: str, locale_name: str = "") -> None:
    """Core messages (errors, progress, review reasons, the comment bank) in the same
    language, and its dates and numbers in the same locale ("es_US").

    The core's gettext layer provides ``app.core.i18n.set_language``; where it does not
    exist yet the standard gettext variable is set, which gettext-based code also honours.
    """
    try:
        core = importlib.import_module("app.core.i18n")
    except ImportError:
        core = None
    setter = getattr(core, "set_language", None)
    if callable(setter):
        setter(locale_name if locale_name.split("_")[0] == code else code)
    else:
        os.environ["LANGUAGE"] = code
