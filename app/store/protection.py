"""How an open workspace is protected, and the teacher's changes to it: the passphrase.

The workspace's data key never changes here; a passphrase is one more way to unlock it (a
scrypt wrap of the key in the key file beside the workspace, ``NAME.tdw.key``). Both faces
call these services: Settings ▸ "Add a passphrase…" in the app and ``teacherdesk passphrase
add|change`` on the command line (which reads the secret from a prompt or standard input,
never from its arguments). Each writes the key file atomically and one audit entry; the
passphrase itself is never logged or stored.

Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store import audit, keys
from app.store.database import Workspace
from app.store.keys import Sidecar, WrongKey
from app.store.keys import keyring_available as keyring_available

MIN_PASSPHRASE_CHARS = 10


class PassphraseError(UserFacingError):
    """A passphrase that cannot be used (too short, the two typings differ, a wrong old one)."""


@dataclass(frozen=True)
class Protection:
    """What opens a workspace (the recovery key always does)."""

    path: Path
    demo_key: bool  # a demo workspace: its key sits unprotected in the key file
    keyring: bool  # this computer's password store holds the key
    passphrases: int  # passphrase wraps in the key file


def protection(ws: Workspace) -> Protection:
    sidecar = Sidecar.load(ws.path)
    wraps = [w for w in sidecar.wraps if w.get("kind") == "passphrase"] if sidecar else []
    return Protection(
        path=ws.path,
        demo_key=bool(sidecar and sidecar.demo_key),
        keyring=keys.keyring_get(ws.workspace_id) is not None,
        passphrases=len(wraps),
    )


def check_new_passphrase(passphrase: str, again: str | None = None) -> None:
    """Refuse a passphrase that is too short, or typed differently the second time."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise PassphraseError(
            _("The passphrase is too short ({n} characters); nothing changed.").format(n=len(passphrase)),
            fix=_("Use at least {n} characters — a few words make a good one.").format(n=MIN_PASSPHRASE_CHARS),
        )
    if again is not None and again != passphrase:
        raise PassphraseError(_("The two passphrases differ; nothing changed."),
                              fix=_("Type the same passphrase twice."))


def _refuse_demo(ws: Workspace, sidecar: Sidecar) -> None:
    if ws.demo or sidecar.demo_key:
        raise PassphraseError(
            _("{name} is a demo workspace: its key is kept unprotected beside it, so a "
              "passphrase would protect nothing; nothing changed.").format(name=ws.path.name),
            file=ws.path, fix=_("Create a real workspace for real students (teacherdesk init, or File > New)."),
        )


def _save(ws: Workspace, sidecar: Sidecar, action: str, **details: object) -> Done[Protection]:
    """Write the key file and its audit entry together: the entry rolls back if the file fails."""
    try:
        with ws.session() as session:
            audit.record(session, ws.actor, action, "workspace", ws.workspace_id, **details)
            sidecar.save(ws.path)
    except OSError as exc:
        raise PassphraseError(_("The key file beside {name} could not be written ({reason}); "
                                "nothing changed.").format(name=ws.path.name, reason=exc.strerror),
                              file=Sidecar.path_for(ws.path),
                              fix=_("Check that the folder is writable and the disk not full.")) from exc
    return Done(protection(ws), Changes.SETTINGS)


def add_passphrase(ws: Workspace, passphrase: str, again: str | None = None) -> Done[Protection]:
    """Let ``passphrase`` open the workspace too (the others keep working)."""
    check_new_passphrase(passphrase, again)
    sidecar = Sidecar.load(ws.path) or Sidecar(workspace_id=ws.workspace_id)
    _refuse_demo(ws, sidecar)
    sidecar.wraps.append(keys.wrap_key(ws.key, passphrase))
    return _save(ws, sidecar, "workspace.passphrase_add")


def change_passphrase(ws: Workspace, new: str, again: str | None = None, *,
                      old: str | None = None) -> Done[Protection]:
    """Replace every passphrase that opens the workspace by ``new``.

    With ``old`` given, it must open the workspace (a check that the person changing it
    knows it); the key file keeps the recovery key's and this computer's ways in.
    """
    check_new_passphrase(new, again)
    sidecar = Sidecar.load(ws.path) or Sidecar(workspace_id=ws.workspace_id)
    _refuse_demo(ws, sidecar)
    wraps = [w for w in sidecar.wraps if w.get("kind") == "passphrase"]
    if old is not None and not _opens(wraps, old, ws.key):
        raise PassphraseError(_("That is not the workspace's current passphrase; nothing changed."),
                              file=ws.path, fix=_("Type the passphrase you open the workspace with now."))
    sidecar.wraps = [w for w in sidecar.wraps if w.get("kind") != "passphrase"]
    sidecar.wraps.append(keys.wrap_key(ws.key, new))
    return _save(ws, sidecar, "workspace.passphrase_change", replaced=len(wraps))


def _opens(wraps: list[dict[str, object]], passphrase: str, key: bytes) -> bool:
    for wrap in wraps:
        try:
            if keys.unwrap_key(wrap, passphrase) == key:
                return True
        except (WrongKey, KeyError, ValueError, TypeError):
            continue
    return False
