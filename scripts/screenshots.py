"""Screenshots of every page of the main window on a fresh demo workspace.

    uv run python scripts/screenshots.py [--out docs/screenshots] [--scale 1] [--size 1366x768] [--empty]
    xvfb-run -s "-screen 0 1366x768x24" uv run python scripts/screenshots.py   # a real 1366x768 screen

Runs offscreen (no display needed) unless a display is set, and writes main-<page>.png
(main-<page>@2x.png with --scale 2, to check high-DPI layouts; empty-<page>.png with
--empty, a fresh workspace with no classes). The window is the size of a 1366x768 laptop
screen unless --size says otherwise, and every page must fit it. Feature scripts
(scripts/*_screenshots.py) add their own detailed screens.
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
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--pages", nargs="*", default=None, help="page keys (default: all)")
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--empty", action="store_true", help="a fresh workspace with no classes")
    parser.add_argument("--locale", default="en_US", help="dates and times as this locale writes them (en_US, es_US)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TEACHERDESK_HOME", tempfile.mkdtemp(prefix="td-shots-"))
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    QLocale.setDefault(QLocale(args.locale))  # the docs show a US teacher's screens unless told otherwise
    app = QApplication([])
    from app.ui.shell.context import AppContext
    from app.ui.shell.launch import configure_settings, open_demo
    from app.ui.shell.main_window import MainWindow

    configure_settings()
    if args.empty:
        from app.store import create_workspace

        folder = Path(tempfile.mkdtemp(prefix="td-empty-"))
        ws = create_workspace(folder / "school.tdw", school_name="Lincoln Middle School",
                              passphrase="screenshots only").workspace
    else:
        ws = open_demo()
    window = MainWindow(AppContext(workspace=ws))
    window.show()
    window.resize(width, height)
    for _ in range(5):
        app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"@{args.scale:g}x"
    prefix = "empty" if args.empty else "main"
    for spec in window.specs:
        if args.pages and spec.key not in args.pages:
            continue
        window.show_page(spec.key)
        for _ in range(5):
            app.processEvents()
        target = args.out / f"{prefix}-{spec.key}{suffix}.png"
        window.grab().save(str(target))
        print(target, f"{window.width()}x{window.height()}",
              "(wider than asked!)" if window.width() > width else "")
    window.close()
    ws.close()


if __name__ == "__main__":
    main()
