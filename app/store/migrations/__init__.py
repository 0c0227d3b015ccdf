"""Alembic migrations of the workspace schema, run programmatically on open.

Each feature keeps its tables on its own branch off the first revision (``0001``), with a
``branch_labels`` of its name, so features can add tables without stepping on each other;
we always upgrade to ``heads``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

if TYPE_CHECKING:
    from app.store.database import Workspace

_HERE = Path(__file__).resolve().parent


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE))
    return cfg


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(_config()).get_heads())


def current_revisions(ws: Workspace) -> set[str]:
    with ws.engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def needs_upgrade(ws: Workspace) -> bool:
    return current_revisions(ws) != head_revisions()


def upgrade(ws: Workspace, target: str = "heads") -> None:
    cfg = _config()
    with ws.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def stamp_and_upgrade_to(ws: Workspace, revision: str) -> None:
    """Bring a workspace to one given revision (tests build old workspaces this way)."""
    upgrade(ws, revision)
