"""Before the window opens: can Qt start on this computer? If not, say what to install.

When a system library Qt needs is missing, Qt either fails to import (a Python
``ImportError`` naming the ``.so``) or, worse, aborts inside ``QApplication`` with a
platform-plugin message a teacher cannot act on. This module checks first, without
importing Qt, and turns what is missing into a sentence naming the package to install.
It never imports PySide6, so it works exactly when Qt cannot.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Shared library -> Debian/Ubuntu package. Fedora and others name them alike; the
# library name is printed too, so a helper on another system can find its package.
DEBIAN_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

_MISSING_SO = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*)")


def package_for(library: str) -> str:
    return DEBIAN_PACKAGES.get(library, "")


def describe_missing(libraries: list[str]) -> str:
    """The sentence a user sees: what is missing and the command that installs it."""
    unique = sorted(set(libraries))
    packages = sorted({package_for(lib) for lib in unique if package_for(lib)})
    text = (
        "TeacherDesk cannot open its window: this computer lacks "
        + ", ".join(unique)
        + ", which the window toolkit (Qt) needs."
    )
    if packages:
        text += (
            "\nAsk whoever looks after this computer to install "
            + ("this package" if len(packages) == 1 else "these packages")
            + ": "
            + " ".join(packages)
            + f"\n  (Debian/Ubuntu: sudo apt-get install {' '.join(packages)})"
        )
    text += "\nThe command line (teacherdesk --help) works without it."
    return text


def missing_from_import_error(exc: BaseException) -> list[str]:
    return _MISSING_SO.findall(str(exc))


def _platform_plugin(platform: str) -> Path | None:
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / f"libq{platform}.so"
    return plugin if plugin.exists() else None


def missing_for_plugin(plugin: Path) -> list[str]:
    """Libraries ``ldd`` reports as "not found" for a Qt platform plugin (Linux only)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line]


def check() -> str | None:
    """None when Qt should start; else the message to print. Linux only; elsewhere None."""
    if not sys.platform.startswith("linux"):
        return None
    forced = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if forced:
        candidates = [forced]
    else:
        # Qt tries Wayland first where there is one, then X11; it fails only if all fail.
        candidates = (["wayland"] if os.environ.get("WAYLAND_DISPLAY") else []) + (
            ["xcb"] if os.environ.get("DISPLAY") else [])
        if not candidates:
            return ("TeacherDesk cannot open its window: no screen was found (DISPLAY is not set). "
                    "Start it from the desktop, or use the command line (teacherdesk --help).")
    missing: list[str] = []
    for platform in candidates:
        plugin = _platform_plugin(platform)
        if plugin is None:
            return None
        missing = missing_for_plugin(plugin)
        if not missing:
            return None
    return describe_missing(missing)
