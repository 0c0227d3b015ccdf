"""Alembic migrations of the workspace schema, run programmatically on open.

Each feature keeps its tables on its own branch off the first revision (``0001``), with a
``branch_labels`` of its name, so features can add tables without stepping on each other;
we always upgrade to ``heads``.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from alembic.config import Config

    from app.store.database import Workspace

_HERE = Path(__file__).resolve().parent


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE))
    return cfg


@lru_cache(maxsize=1)
def head_revisions() -> set[str]:
    """Heads of the migration graph, read from the version scripts without importing
    Alembic (opening an up-to-date workspace should not pay for Alembic's import)."""
    revisions: dict[str, Any] = {}
    for script in (_HERE / "versions").glob("*.py"):
        values: dict[str, Any] = {}
        for node in ast.parse(script.read_text("utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name in ("revision", "down_revision", "depends_on"):
                    values[name] = ast.literal_eval(node.value)
        if "revision" in values:
            revisions[values["revision"]] = values
    parents: set[str] = set()
    for values in revisions.values():
        down = values.get("down_revision")
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(down)
    return set(revisions) - parents


def current_revisions(ws: Workspace) -> set[str]:
    with ws.engine.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not exists:
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def needs_upgrade(ws: Workspace) -> bool:
    return current_revisions(ws) != head_revisions()


def upgrade(ws: Workspace, target: str = "heads") -> None:
    from alembic import command

    cfg = _config()
    with ws.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def create_current_schema(ws: Workspace) -> None:
    """Create a new workspace's tables straight from the models, stamped at the heads.

    Equivalent to running every migration (a test compares the two schemas table by
    table), but without importing Alembic, which costs about a second at start-up on a
    slow laptop. Existing workspaces always go through the real migrations.
    """
    from app.store.models import Base

    with ws.engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.execute(text(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        ))
        for head in sorted(head_revisions()):
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})


def heads_from_alembic() -> set[str]:
    """Alembic's own view of the heads (tests check it agrees with ``head_revisions``)."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(_config()).get_heads())
