"""Opening a workspace: unlock it, then bring an old one up to date after a backup.

This sits above both :mod:`app.store.database` (unlocking) and :mod:`app.store.backup`
(which needs the database module), so neither imports the other in a circle.
"""

from __future__ import annotations

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
) -> Workspace:
    """Unlock and open an existing workspace, migrating it (after a backup) if it is old."""
    ws = unlock_workspace(path, passphrase=passphrase, recovery_key=recovery_key, prompt=prompt)
    if migrate:
        from app.store import backup, migrations  # loaded only when opening, not at import

        if migrations.needs_upgrade(ws):
            backup.backup_workspace(ws, reason="before-migration")
            migrations.upgrade(ws)
        elif daily_backup:
            backup.daily_backup(ws)
    return ws
