"""Where TeacherDesk keeps its files.

Everything goes through these functions so that tests, scripts and the CLI can point the
whole app somewhere else with one environment variable (``TEACHERDESK_HOME``) and never
touch a real user's data.
"""

from __future__ import annotations

import os
from pathlib import Path

from app import APP_NAME

_REPO_ASSETS = Path(__file__).resolve().parent.parent / "assets"
_WHEEL_ASSETS = Path(__file__).resolve().parent / "_assets"


def assets_dir() -> Path:
    """The shipped assets (fonts, icons, translations, demo data)."""
    return _REPO_ASSETS if _REPO_ASSETS.is_dir() else _WHEEL_ASSETS


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)


def _home_override() -> Path | None:
    home = os.environ.get("TEACHERDESK_HOME")
    return Path(home) if home else None


def _user_dir(kind: str) -> Path:
    override = _home_override()
    if override is not None:
        path = override / kind
    else:
        import platformdirs

        finder = {"data": platformdirs.user_data_dir, "cache": platformdirs.user_cache_dir}.get(
            kind, platformdirs.user_config_dir)
        path = Path(finder(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Per-user data folder (default workspace, backups)."""
    return _user_dir("data")


def config_dir() -> Path:
    """Per-user settings folder (window geometry, recent files)."""
    return _user_dir("config")


def cache_dir() -> Path:
    """Per-user cache folder (compiled solver code); safe to delete."""
    return _user_dir("cache")


def default_workspace() -> Path:
    env = os.environ.get("TEACHERDESK_WORKSPACE")
    if env:
        return Path(env)
    return data_dir() / "school.tdw"
