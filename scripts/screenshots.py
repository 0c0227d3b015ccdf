"""Screenshots of every page of the main window on a fresh demo workspace.

    uv run python scripts/screenshots.py [--out docs/screenshots] [--scale 1]

Runs offscreen (no display needed) and writes main-<page>.png (and main-<page>@2x.png
with --scale 2, to check high-DPI layouts). Feature scripts (scripts/*_screenshots.py)
add their own detailed screens.
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
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TEACHERDESK_HOME", tempfile.mkdtemp(prefix="td-shots-"))
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.ui.shell.context import AppContext
    from app.ui.shell.launch import configure_settings, open_demo
    from app.ui.shell.main_window import MainWindow

    configure_settings()
    ws = open_demo()
    window = MainWindow(AppContext(workspace=ws))
    window.resize(1280, 820)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"@{args.scale:g}x"
    for spec in window.specs:
        if args.pages and spec.key not in args.pages:
            continue
        window.show_page(spec.key)
        for _ in range(5):
            app.processEvents()
        target = args.out / f"main-{spec.key}{suffix}.png"
        window.grab().save(str(target))
        print(target)
    window.close()
    ws.close()


if __name__ == "__main__":
    main()
