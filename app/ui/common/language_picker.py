"""Picking languages: names shown in the UI's language, codes stored.

A family's "es" and an interpreter typed as "Spanish" or "Español" must be the same
language, so nobody types a code: :class:`LanguagePicker` lists every language by its name
(Babel's ``Locale.languages`` for the UI locale: "Spanish" in English, "español" in
Spanish) and hands back the code. Typing a name in another language ("Español") or a code
still works, through the roster's language table.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Languages most US school families speak come first in the list.
COMMON = ("es", "vi", "zh", "ar", "tl", "ko", "ru", "ht", "pt", "so", "hmn", "fr", "uk", "fa", "ur", "hi")


def ui_locale_name() -> str:
    return QLocale().name() or "en_US"


@lru_cache(maxsize=8)
def language_names(locale_name: str) -> dict[str, str]:
    """Code -> name in ``locale_name`` for every plain language code Babel knows."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(locale_name).languages
    except (UnknownLocaleError, ValueError):
        names = Locale("en").languages
    english = Locale("en").languages
    out: dict[str, str] = {}
    for key in english:
        code = str(key)
        if code.isalpha() and code.islower() and 2 <= len(code) <= 3:
            name = str(names.get(code) or english.get(code) or code)
            out[code] = name[:1].upper() + name[1:]
    return out


def language_label(code: str, locale_name: str | None = None) -> str:
    """The name of ``code`` in the UI language ("es" -> "Spanish"), or the code."""
    names = language_names(locale_name or ui_locale_name())
    primary = code.split("-")[0].lower()
    return names.get(code) or names.get(primary) or code


def resolve(text: str, locale_name: str | None = None) -> str | None:
    """The code for a name or code typed by hand, or None."""
    from app.store.roster.languages import language_tag

    typed = text.strip()
    if not typed:
        return None
    names = language_names(locale_name or ui_locale_name())
    folded = typed.casefold()
    for code, name in names.items():
        if name.casefold() == folded:
            return code
    return language_tag(typed)


class LanguagePicker(QComboBox):
    """One language, by name; :meth:`code` is what gets stored."""

    def __init__(self, parent: QWidget | None = None, *, include_english: bool = False) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = language_names(ui_locale_name())
        common = [c for c in COMMON if c in names]
        rest = sorted((c for c in names if c not in common and (include_english or c != "en")),
                      key=lambda c: names[c].casefold())
        if include_english:
            common = ["en", *common]
        for code in common:
            self.addItem(names[code], code)
        self.insertSeparator(self.count())
        for code in rest:
            self.addItem(names[code], code)
        completer = QCompleter([self.itemText(i) for i in range(self.count()) if self.itemText(i)], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Type or pick a language"))

    def code(self) -> str | None:
        """The picked language's code, or None if the text names no language."""
        text = self.currentText().strip()
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text:
            data = self.itemData(index)
            return str(data) if data else None
        return resolve(text)

    def set_code(self, code: str) -> None:
        index = self.findData(code.split("-")[0].lower())
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(code)


class LanguageListEdit(QWidget):
    """The languages a person speaks: a list of names with a picker to add and a Remove."""

    changed = Signal()

    def __init__(self, codes: list[str] | tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        self.picker = LanguagePicker()
        self.add_btn = QPushButton(self.tr("Add"))
        self.remove_btn = QPushButton(self.tr("Remove"))
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_btn)
        row.addWidget(self.remove_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.add_btn.clicked.connect(lambda: self.add_code(self.picker.code()))
        self.remove_btn.clicked.connect(self.remove_selected)
        for code in codes:
            self.add_code(code)

    def add_code(self, code: str | None) -> bool:
        if not code or code in self.codes():
            return False
        item = QListWidgetItem(language_label(code))
        item.setData(Qt.ItemDataRole.UserRole, code)
        self.list.addItem(item)
        self.picker.setCurrentIndex(-1)
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def codes(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]
