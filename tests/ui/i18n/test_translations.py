"""The app's screens in Spanish: every tr() string of app/ui has a finished translation,
the shipped .qm is built from the current .ts, placeholders and shortcuts survive, and
the main window in Spanish shows no English word on any page.

The coverage figure (translated/total) is printed; run with -s to see it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from app.ui.i18n import catalogs, language
from app.ui.i18n.visible import school_texts

PLACEHOLDER = re.compile(r"%\d+|%n|\{[^}]*\}")


def test_every_screen_string_has_a_finished_spanish_translation() -> None:
    problems = catalogs.check("es")
    print(f"\nUI translation coverage (es): {problems.finished}/{problems.total} "
          f"= {100 * problems.finished / problems.total:.1f}%")
    assert problems.total > 900  # the extraction found the app's strings at all
    missing = [f"[{m.context}] {m.source!r}" for m in problems.unfinished]
    assert not missing, (
        f"{len(missing)} UI string(s) without a finished Spanish translation; run "
        "`uv run python -m app.ui.i18n export es missing.csv`, fill the translation column, "
        "then `uv run python -m app.ui.i18n import es missing.csv` (docs/translating-app.md):\n"
        + "\n".join(missing[:40]))
    assert not problems.stale_qm, "teacherdesk_es.qm is older than its .ts: run `uv run python -m app.ui.i18n update`"


def test_english_has_its_plural_forms() -> None:
    problems = catalogs.check("en")
    assert problems.total >= 10 and problems.ok, [m.source for m in problems.unfinished]
    assert {m.source for m in catalogs.read_messages(catalogs.ts_path("en"))} == {
        m.source for m in catalogs.read_messages(catalogs.ts_path("es")) if m.numerus}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_translations_keep_placeholders_html_and_shortcuts(lang: str) -> None:
    wrong = []
    for m in catalogs.read_messages(catalogs.ts_path(lang)):
        expected = sorted(set(PLACEHOLDER.findall(m.source)) - {"%n"})
        for form in m.forms:
            if sorted(set(PLACEHOLDER.findall(form)) - {"%n"}) != expected:
                wrong.append(f"placeholders differ: {m.source!r} -> {form!r}")
            if re.findall(r"</?\w+>", form) != re.findall(r"</?\w+>", m.source):
                wrong.append(f"HTML tags differ: {m.source!r} -> {form!r}")
            shortcut = re.compile(r"(?<!&)&(?![&\s])")
            if len(shortcut.findall(form)) != len(shortcut.findall(m.source)):
                wrong.append(f"keyboard shortcut (&) lost or added: {m.source!r} -> {form!r}")
        if m.numerus and "%n" not in m.forms[-1]:
            wrong.append(f"the plural form lost its number (%n): {m.source!r}")
    assert not wrong, "\n".join(wrong)


def test_labels_from_the_core_are_all_listed_for_translation() -> None:
    from app.scheduling.counselor import CATEGORIES
    from app.store.roster_service import STAFF_ROLES
    from app.ui.calendar.labels import LABELS
    from app.ui.common.roles import ROLE_LABELS

    assert {c.label for c in CATEGORIES} <= set(map(str, LABELS))
    assert set(STAFF_ROLES) <= set(ROLE_LABELS)


def test_the_first_start_follows_the_computer_then_the_setting(qapp) -> None:  # type: ignore[no-untyped-def]
    assert language.available_languages()[:1] == ["en"] and "es" in language.available_languages()
    assert language.system_language(["es-MX", "en-US"]) == "es"
    assert language.system_language(["fr-FR", "es-ES"]) == "es"
    assert language.system_language(["fr-FR", "de"]) == "en"
    settings = QSettings()
    settings.remove(language.KEY)
    first = language.chosen_language(settings)
    assert first == language.system_language()
    assert settings.value(language.KEY) == first  # remembered from the first start on
    language.choose_language("es", settings)
    assert language.chosen_language(settings) == "es"
    with pytest.raises(ValueError):
        language.choose_language("xx", settings)
    assert language.native_name("es") == "Español" and language.native_name("en") == "English"
    # Spanish on a US laptop: Spanish day and month names, in the computer's country
    spanish_us = language.ui_locale("es", QLocale("en_US"))
    assert spanish_us.language() == QLocale.Language.Spanish
    assert spanish_us.territory() == QLocale.Country.UnitedStates
    mexico = QLocale("es_MX")
    assert language.ui_locale("es", mexico).name() == "es_MX"


def _tool_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "qt"
    folder.mkdir()
    monkeypatch.setattr(catalogs, "catalog_dir", lambda: folder)
    return folder


def test_a_new_language_is_one_file_filled_through_a_spreadsheet(tmp_path, monkeypatch, qapp) -> None:  # type: ignore[no-untyped-def]
    folder = _tool_dir(tmp_path, monkeypatch)
    ts = catalogs.new_language("vi")
    assert ts == folder / "teacherdesk_vi.ts" and ts.with_suffix(".qm").exists()
    finished, total = catalogs.stats(ts)
    assert finished == 0 and total > 900
    sheet = tmp_path / "vi.csv"
    assert catalogs.export_csv("vi", sheet) == total
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["context"] == "SettingsPage" and row["source"] == "Language":
            row["translation"] = "Ngôn ngữ"
    with sheet.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=catalogs.CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert catalogs.import_csv("vi", sheet) == 1
    assert catalogs.stats(ts) == (1, total)
    problems = catalogs.check("vi")
    assert not problems.stale_qm and len(problems.unfinished) == total - 1
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm")))
    assert translator.translate("SettingsPage", "Language") == "Ngôn ngữ"


def test_the_check_notices_a_string_added_to_the_code(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = catalogs.ts_path("es").read_text(encoding="utf-8")
    folder = _tool_dir(tmp_path, monkeypatch)
    (folder / "teacherdesk_es.ts").write_text(source, encoding="utf-8")
    catalogs.lrelease(folder / "teacherdesk_es.ts")
    extra = tmp_path / "extra_page.py"
    extra.write_text("from PySide6.QtWidgets import QWidget\n\n\nclass ExtraPage(QWidget):\n"
                     "    def title(self):\n        return self.tr('A brand new button')\n")
    monkeypatch.setattr(catalogs, "ui_sources", lambda: [*catalogs.UI_ROOT.rglob("*.py"), extra])
    problems = catalogs.check("es")
    assert [(m.context, m.source) for m in problems.unfinished] == [("ExtraPage", "A brand new button")]
    assert not problems.stale_qm


@pytest.fixture
def core_language():  # type: ignore[no-untyped-def]
    """Core messages back in the language they had, whatever a test set."""
    from app.core import i18n

    before = i18n.get_locale()
    yield i18n
    i18n.set_language(before)


@pytest.fixture
def spanish(qapp, monkeypatch, core_language):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("LANGUAGE", raising=False)
    before = QLocale()
    installed = language.install_translators(qapp, "es")
    assert core_language.get_language() == "es"  # core messages follow the app's choice
    yield installed
    for t in installed:
        QCoreApplication.removeTranslator(t)
    QLocale.setDefault(before)


def _english_on(widget, data: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from app.ui.i18n.visible import english_words

    return english_words(widget, "es", data=data)


@pytest.mark.gui
def test_every_page_in_spanish_shows_no_english(qtbot, demo_workspace, spanish) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTabWidget

    from app.ui.shell.context import AppContext
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(AppContext(workspace=demo_workspace), QSettings())
    qtbot.addWidget(window)
    window.show()
    window.resize(1366, 768)
    data = school_texts(demo_workspace)
    assert window.windowTitle()
    left: dict[str, dict[str, str]] = {}
    for spec in window.specs:
        page = window.show_page(spec.key)
        qtbot.wait(10)
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
        found = _english_on(page, data)
        if found:
            left[spec.key] = found
    menus = _english_on(window.menuBar(), data)
    if menus:
        left["menu"] = menus
    from app.ui.i18n.tour import main_dialogs

    names = []
    for name, dialog in main_dialogs(window):
        names.append(name)
        dialog.show()
        found = _english_on(dialog, data)
        if found:
            left[f"dialog {name}"] = found
        dialog.close()
    assert {"welcome", "school-year", "roster-import", "assignment", "event"} <= set(names)
    assert not left, f"English words on Spanish screens: {left}"
    assert window.nav.item(0).text() == "Clases y estudiantes"


def test_plural_forms_follow_the_number(spanish) -> None:  # type: ignore[no-untyped-def]
    def tr(n: int) -> str:
        return QCoreApplication.translate("TimetablePage", "Locked %n lesson(s).", "", n)

    assert (tr(1), tr(3)) == ("Se fijó 1 lección.", "Se fijaron 3 lecciones.")


def test_english_plurals_read_as_english(qapp, monkeypatch, core_language) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("LANGUAGE", raising=False)
    before = QLocale()
    installed = language.install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("ScanTab", "Done: %n page(s) read.", "", 1) == "Done: 1 page read."
        assert QCoreApplication.translate("ScanTab", "Done: %n page(s) read.", "", 12) == "Done: 12 pages read."
    finally:
        for t in installed:
            QCoreApplication.removeTranslator(t)
        QLocale.setDefault(before)


@pytest.mark.gui
def test_settings_switch_the_language_for_the_next_start(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.ui.settings.page import SettingsPage
    from app.ui.shell.context import AppContext

    settings = QSettings()
    settings.setValue(language.KEY, "en")
    page = SettingsPage(AppContext(workspace=demo_workspace))
    qtbot.addWidget(page)
    box = page.language
    assert [box.itemText(i) for i in range(box.count())] == ["English", "Español"]
    assert box.currentData() == "en"
    assert "next time" in page.language_note.text()
    box.setCurrentIndex(box.findData("es"))
    assert QSettings().value(language.KEY) == "es"
    assert "Español" in page.language_note.text() and "next start" in page.language_note.text()


def test_the_core_is_told_the_language_and_locale(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys
    import types

    told: list[str] = []
    fake = types.ModuleType("app.core.i18n")
    fake.set_language = told.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.core.i18n", fake)
    language.tell_core("es", "es_MX")
    language.tell_core("es", "C")
    assert told == ["es_MX", "es"]
