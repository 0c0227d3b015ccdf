"""Screenshots of the app in another language (Spanish by default) at 1366x768.

    uv run python scripts/spanish_screenshots.py [--language es] [--out docs/screenshots]

Runs offscreen on a throwaway demo workspace with the language's catalogs loaded (Qt's own
strings too), and writes <language>-<page>.png for every page of the main window, the
tabs of Grading and Gradebook, and the main dialogs, so each can be looked at for
English left over and for text clipped by the longer words. It also prints the visible
texts that are still English (the same check tests/ui/test_translations.py makes).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--language", default="es")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TEACHERDESK_HOME", tempfile.mkdtemp(prefix="td-shots-"))
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    app = QApplication([])
    from app.ui.i18n.language import install_translators
    from app.ui.i18n.tour import main_dialogs
    from app.ui.i18n.visible import english_words, school_texts
    from app.ui.shell.context import AppContext
    from app.ui.shell.launch import configure_settings, open_demo
    from app.ui.shell.main_window import MainWindow

    configure_settings()
    from app.ui.i18n.language import choose_language

    choose_language(args.language)  # Settings shows the language the screens are in (a throwaway home)
    install_translators(app, args.language)
    ws = open_demo()
    data = school_texts(ws)
    window = MainWindow(AppContext(workspace=ws))
    window.show()
    window.resize(width, height)
    args.out.mkdir(parents=True, exist_ok=True)
    lang = args.language

    def settle(n: int = 6) -> None:
        for _ in range(n):
            app.processEvents()

    def shot(name: str, widget: QWidget) -> None:
        settle()
        target = args.out / f"{lang}-{name}.png"
        widget.grab().save(str(target))
        left = english_words(widget, lang if lang != "en" else "es", data=data)
        print(target, f"{widget.width()}x{widget.height()}", f"English left: {left}" if left else "")

    settle()
    for spec in window.specs:
        window.show_page(spec.key)
        settle()
        page = window.stack.currentWidget()
        tabs = page.findChildren(QTabWidget)
        shot(spec.key, window)
        for tab_widget in tabs[:1]:
            for i in range(1, tab_widget.count()):
                tab_widget.setCurrentIndex(i)
                key = type(tab_widget.widget(i)).__name__.lower().removesuffix("tab")  # ASCII names
                key = key if not key.startswith("q") else f"tab{i}"  # a plain Qt widget
                shot(f"{spec.key}-{key}", window)
            tab_widget.setCurrentIndex(0)

    for name, dialog in main_dialogs(window):
        dialog.show()
        shot(f"dialog-{name}", dialog)
        dialog.close()
        dialog.deleteLater()
    window.close()
    ws.close()


if __name__ == "__main__":
    main()
