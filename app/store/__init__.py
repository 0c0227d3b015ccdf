"""The workspace store: encrypted SQLite, models, migrations, backups, audit log.

Nothing here imports Qt, so the CLI, tests and benchmarks use it directly.
"""

from app.store.database import (
    CreatedWorkspace,
    Workspace,
    WorkspaceError,
    create_workspace,
)
from app.store.keys import NoKeyAvailable, WorkspaceKeyError, WrongKey
from app.store.opening import open_workspace

__all__ = [
    "CreatedWorkspace",
    "WorkspaceKeyError",
    "NoKeyAvailable",
    "Workspace",
    "WorkspaceError",
    "WrongKey",
    "create_workspace",
    "open_workspace",
]
