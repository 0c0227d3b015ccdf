"""Finding English left on a translated screen.

``visible_texts`` collects what a person reads on a widget tree — labels, buttons, group
and tab titles, placeholders, tooltips, window titles, menu entries and table headers (not
table cells or list entries: those are the school's own data, names and course titles).
``english_words`` keeps the words of those texts that belong to the app's English
vocabulary (every word of every source string in the catalog) and never occur in the
translation, so a name, "PDF" or "ID" is not counted but "Save" or "Cancel" is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from app.ui.i18n import catalogs

# Words that read the same in both languages or are names of things.
ALLOWED = {"ok", "id", "pdf", "csv", "ics", "fet", "teacherdesk", "oneroster", "clever", "canvas",
           "google", "classroom", "excel", "sis", "asca", "psat", "sat", "act", "ap", "kr", "sd",
           "usb", "utf", "sqlcipher", "zip", "png", "jpg", "json", "tdw", "xlsx", "am", "pm", "min",
           "total", "no", "error", "tutor", "a", "e", "i", "l", "m", "p", "t", "x", "d", "s", "h",
           "q", "b", "c", "f", "ctrl", "enter", "tab", "shift", "sync", "data", "school",
           "english"}  # the family-language choice names each language in itself

WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
TAG = re.compile(r"<[^>]+>")
PATH = re.compile(r"\S*[/\\]\S*|\S+\.\w{2,4}\b|\([a-z]{2,3}\)")  # /tmp/x/demo.tdw, C:\\x, demo.tdw, (so)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(TAG.sub(" ", text))}


@lru_cache(maxsize=4)
def english_vocabulary(language: str) -> frozenset[str]:
    """Words of the English sources that the language's translations never use."""
    messages = catalogs.read_messages(catalogs.ts_path(language))
    english: set[str] = set()
    translated: set[str] = set()
    for m in messages:
        english |= _words(m.source)
        for form in m.forms:
            translated |= _words(form)
    return frozenset(english - translated - ALLOWED)


def _item_view_headers(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None or not isinstance(view, (QTableView, QTreeView)):
        return []
    out = []
    for i in range(model.columnCount(QModelIndex())):
        value = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(value, str):
            out.append(value)
    return out


def _texts_of(w: QWidget) -> list[str]:
    texts = [w.toolTip()]
    if w.isWindow():
        texts.append(w.windowTitle())
    if isinstance(w, (QLabel, QAbstractButton)):
        texts.append(w.text())
    elif isinstance(w, QGroupBox):
        texts.append(w.title())
    elif isinstance(w, QLineEdit):
        texts.append(w.placeholderText())
    elif isinstance(w, QTabWidget):
        texts += [w.tabText(i) for i in range(w.count())] + [w.tabToolTip(i) for i in range(w.count())]
    elif isinstance(w, QMenu):
        texts += [w.title()] + [a.text() for a in w.actions()]
    elif isinstance(w, QAbstractItemView):
        texts += _item_view_headers(w)
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person can read on ``root`` and its children (shown or in a tab)."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        texts += [t for t in _texts_of(w) if t]
        for action in w.actions():
            texts += [action.text(), action.toolTip()]
        if isinstance(w, QComboBox) and not w.isEditable() and w.count() and w.count() <= 12:
            # short fixed choices (kinds, categories); long lists are the school's data
            texts += [w.itemText(i) for i in range(w.count())]
    return [t for t in texts if t]


def english_words(root: QWidget, language: str = "es", data: Iterable[str] = ()) -> dict[str, str]:
    """English words left on ``root``: word -> the text it was found in.

    File names and paths are left out, and so is a word that is part of one of the
    ``data`` texts (the school's own names and titles) shown in that text."""
    vocabulary = english_vocabulary(language)
    by_word: dict[str, list[str]] = {}
    for item in data:
        for word in _words(item) & vocabulary:
            by_word.setdefault(word, []).append(item)
    found: dict[str, str] = {}
    for text in visible_texts(root):
        plain = PATH.sub(" ", text)
        for word in _words(plain) & vocabulary:
            if not any(item in plain for item in by_word.get(word, ())):
                found.setdefault(word, text)
    return found


def school_texts(ws: Any) -> list[str]:
    """Every text stored in a workspace (names, class and assignment titles, terms): the
    school's data shows as the school typed it, in whatever language, so it is passed to
    ``english_words`` as ``data``."""
    from sqlalchemy import String, select

    from app.store.models import Base

    texts: set[str] = set()
    with ws.read() as s:
        for mapper in Base.registry.mappers:
            for column in mapper.local_table.columns:
                if isinstance(column.type, String):
                    texts.update(v for v in s.scalars(select(column).distinct().limit(5000)) if v)
    return sorted(texts, key=len, reverse=True)
