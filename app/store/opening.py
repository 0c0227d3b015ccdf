"""Opening a workspace: unlock it, then bring an old one up to date after a backup.

This sits above both :mod:`app.store.database` (unlocking) and :mod:`app.store.backup`
(which needs the database module), so neither imports the other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.store.database import PassphrasePrompt, Workspace, unlock_workspace


def open_workspace(
    path: Path | str,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    prompt: PassphrasePrompt | None = None,
    migrate: bool = True,
    daily_backup: bool = True,
    wait_seconds: float | None = None,
    app_window: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> Workspace:
    """Unlock and open an existing workspace, migrating it (after a backup) if it is old.

    The process holds the workspace until it is closed (see :func:`unlock_workspace` for
    ``wait_seconds``, ``app_window`` and ``on_wait``).
    """
    ws = unlock_workspace(path, passphrase=passphrase, recovery_key=recovery_key, prompt=prompt,
                          wait_seconds=wait_seconds, app_window=app_window, on_wait=on_wait)
    if migrate:
        from app.store import backup, migrations  # loaded only when opening, not at import

        try:
            if migrations.needs_upgrade(ws):
                backup.backup_workspace(ws, reason="before-migration")
                migrations.upgrade(ws)
            elif daily_backup:
                backup.daily_backup(ws)
        except BaseException:
            ws.close()  # lets the workspace go for the next try
            raise
    return ws
