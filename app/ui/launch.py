"""Start the GUI (placeholder until the main window lands)."""

from __future__ import annotations

from pathlib import Path


def run_gui(demo: bool = False, workspace: Path | None = None, recovery_key: str | None = None) -> int:
    raise SystemExit("The main window is being built.")
