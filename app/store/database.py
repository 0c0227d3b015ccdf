"""Opening, creating and configuring an encrypted workspace file.

A workspace is a single SQLCipher database. Every connection is keyed first (the key is
never written anywhere but the OS credential store), then tuned for safety: WAL,
``foreign_keys=ON``, ``synchronous=FULL`` and a busy timeout so a second reader waits
rather than fails.

Safety on disk and between processes:

* every file of a workspace (database, WAL, key file, lock file, backups) is created
  0600, readable by its owner only; on Windows each gets an owner-only DACL instead
  (:mod:`app.store.private_files`);
* a workspace is built under a temporary name (``.NAME.tdw.creating``) and renamed into
  place only once complete, so a crash never leaves a half-made workspace under the real
  name; leftovers of such a crash are recognised and removed on the next create or open;
* one process at a time holds a workspace (:mod:`app.store.lock`), and write transactions
  start with ``BEGIN IMMEDIATE`` so a writer waits the busy timeout for the lock up front
  instead of failing half way; "database is locked" reaches the user as a sentence naming
  the process that holds the workspace.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store import keys, lock, private_files
from app.store.keys import NoKeyAvailable, Sidecar, WorkspaceKeyError, WrongKey
from app.store.lock import WorkspaceBusy

BUSY_TIMEOUT_MS = 10_000
WORKSPACE_SUFFIX = ".tdw"

PassphrasePrompt = Callable[[str], str | None]


class WorkspaceError(UserFacingError):
    """A problem opening or creating a workspace; the message is for the user."""


class DemoWorkspaceError(UserFacingError):
    """Real data offered to a demo workspace, whose key is not protected."""


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (SQLite gives the WAL and
    journal the same mode as the database; on Windows see :mod:`app.store.private_files`);
    an existing file is left as it is."""
    private_files.create_private_file(path)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_busy_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def raw_connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A keyed, tuned DB-API connection; raises WrongKey if the key does not fit."""
    create_private_file(path)
    conn = sqlcipher3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise WrongKey(_("The key does not open {name} ({exc}).").format(name=path.name, exc=exc)) from exc
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Temp tables and sort spills stay in memory, never in a plaintext temp file.
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def make_engine(path: Path, key: bytes) -> Engine:
    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher3.dbapi2,
        creator=lambda: raw_connect(path, key),
        pool_pre_ping=False,
    )

    # pysqlite's own transaction handling begins lazily and skips BEGIN for reads; use
    # explicit BEGIN so a user's one action is one transaction, as SQLAlchemy recommends.
    @event.listens_for(engine, "connect")
    def _no_autobegin(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    # Writers (``Workspace.session``) take the write lock when they begin, waiting the busy
    # timeout for it: a deferred BEGIN would upgrade later and could fail at once.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("teacherdesk_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


@dataclass
class Workspace:
    """An open workspace: its file, engine and session factory."""

    path: Path
    engine: Engine
    workspace_id: str
    key: bytes = field(repr=False)
    sessions: sessionmaker[Session] = field(init=False, repr=False)
    actor: str = field(default_factory=lambda: _default_actor())
    demo: bool = False
    release_lock: Callable[[], None] = field(default=lambda: None, repr=False)
    writers: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(teacherdesk_begin="IMMEDIATE")
        self.writers = sessionmaker(writer, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed together, or rolled back together on error."""
        try:
            with self.writers.begin() as session:
                yield session
        except OperationalError as exc:
            if is_busy_error(exc):
                raise WorkspaceBusy(
                    _("{name} is busy: {holder} is writing to it").format(name=self.path.name, holder=lock.describe_holder(self.path)),
                    file=self.path,
                    fix=_("Nothing was saved. Wait for it to finish, then try again."),
                ) from exc
            raise

    def read(self) -> Session:
        return self.sessions()

    def refuse_demo(self, what: str, file: Path | str | None = None) -> None:
        """Raise if this is a demo workspace: real student data never goes into one."""
        if self.demo:
            raise DemoWorkspaceError(
                _("{name} is a demo workspace, so {what} was refused: a demo's key is kept unprotected next to it and real student records must not go in").format(name=self.path.name, what=what),
                file=file,
                fix=_("Make it a real workspace first (teacherdesk make-real, or File > Make this "
                      "my real workspace in the app), or create a new one (teacherdesk init) and "
                      "import there."),
            )

    def close(self) -> None:
        self.engine.dispose()
        self.release_lock()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "teacher"


def _resolve_key(
    path: Path,
    sidecar: Sidecar | None,
    *,
    passphrase: str | None,
    recovery_key: str | None,
    prompt: PassphrasePrompt | None,
) -> bytes:
    if recovery_key:
        return keys.data_key_from_recovery_key(recovery_key)
    if sidecar is None:
        raise NoKeyAvailable(
            _("The key file {name} is missing next to {name2}. Open the workspace with its recovery key.").format(name=Sidecar.path_for(path).name, name2=path.name)
        )
    if sidecar.demo_key:
        return bytes.fromhex(sidecar.demo_key)
    from_keyring = keys.keyring_get(sidecar.workspace_id)
    if from_keyring is not None:
        return from_keyring
    wraps = [w for w in sidecar.wraps if w.get("kind") == "passphrase"]
    candidate = passphrase or os.environ.get(keys.PASSPHRASE_ENV)
    if wraps and candidate:
        return _try_passphrase(wraps, candidate)
    if wraps and prompt is not None:
        tried = False
        for attempt in range(3):
            # After a wrong try the prompt says so, or the user sees the same empty box again.
            typed = prompt(f"Passphrase for {path.name}:" if attempt == 0 else
                           f"That passphrase does not open {path.name}. Try again "
                           f"({3 - attempt} {'tries' if 3 - attempt > 1 else 'try'} left), "
                           "or use the recovery key.")
            if typed is None:
                break
            tried = True
            try:
                return _try_passphrase(wraps, typed)
            except WrongKey:
                continue
        if tried:
            raise WrongKey(_("That passphrase does not open this workspace."))
    raise NoKeyAvailable(
        _("No key for {name} on this computer. Set {passphrase_env}, or open it with its recovery key (--recovery-key-file FILE, or - for standard input).").format(name=path.name, passphrase_env=keys.PASSPHRASE_ENV)
    )


def _try_passphrase(wraps: list[dict[str, Any]], passphrase: str) -> bytes:
    for wrap in wraps:
        try:
            return keys.unwrap_key(wrap, passphrase)
        except WrongKey:
            continue
    raise WrongKey(_("That passphrase does not open this workspace."))


def creating_path(path: Path) -> Path:
    """Where a workspace is built before it is renamed into place."""
    return path.with_name(f".{path.name}.creating")


def _companions(db: Path) -> list[Path]:
    return [db, Sidecar.path_for(db), db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
            db.with_name(db.name + "-journal")]


def converted_sidecar_path(path: Path) -> Path:
    """Where the key file of a demo being made real waits (see :mod:`app.store.convert`)."""
    return path.with_name(f".{path.name}.converted{keys.SIDECAR_SUFFIX}")


def finish_conversion(path: Path) -> None:
    """Finish, or undo, a demo-to-real conversion that a crash interrupted.

    Before its commit point (the new file renamed over the demo) the half-made copy is
    still at :func:`creating_path`, or the demo still opens with its own key: the waiting
    key file and its keyring entry are dropped and the demo stays. After it, the waiting
    key file is moved into place, so the real workspace opens.
    """
    pending = converted_sidecar_path(path)
    if not pending.exists():
        return
    if creating_path(path).exists() or _opens_with_demo_key(path):
        with contextlib.suppress(WorkspaceKeyError):
            waiting = Sidecar.load_file(pending)
            if waiting is not None:
                keys.keyring_delete(waiting.workspace_id)
        pending.unlink(missing_ok=True)
        return
    os.replace(pending, Sidecar.path_for(path))
    fsync_dir(path.parent)


def _opens_with_demo_key(path: Path) -> bool:
    try:
        sidecar = Sidecar.load(path)
    except WorkspaceKeyError:
        return False
    if sidecar is None or not sidecar.demo_key:
        return False
    try:
        raw_connect(path, bytes.fromhex(sidecar.demo_key)).close()
    except (WrongKey, sqlcipher3.DatabaseError, ValueError):
        return False
    return True


def clean_leftovers(path: Path) -> bool:
    """Remove what a crashed creation of ``path`` left; True if there was something.

    The caller holds the workspace lock of ``path``, so no live process is still building
    it. A key stored in the keyring for the abandoned workspace is removed too.
    """
    tmp = creating_path(path)
    found = [f for f in _companions(tmp) if f.exists()]
    if not found:
        return False
    with contextlib.suppress(WorkspaceKeyError):
        sidecar = Sidecar.load(tmp)
        if sidecar is not None:
            keys.keyring_delete(sidecar.workspace_id)
    for f in found:
        f.unlink(missing_ok=True)
    return True


def _acquire(path: Path, wait_seconds: float | None, app_window: bool,
             on_wait: Callable[[str], None] | None) -> Callable[[], None]:
    wait = 0.0 if app_window else (BUSY_TIMEOUT_MS / 1000 if wait_seconds is None else wait_seconds)
    return lock.acquire(path, wait_seconds=wait, on_wait=on_wait, app_window=app_window)


def unlock_workspace(
    path: Path | str,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    prompt: PassphrasePrompt | None = None,
    wait_seconds: float | None = None,
    app_window: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> Workspace:
    """Unlock and open an existing workspace as it is (no migration, no backup).

    Everyone else calls :func:`app.store.opening.open_workspace` (exported as
    ``app.store.open_workspace``), which also migrates an old workspace after a backup;
    keeping that step there means this module never imports ``backup`` (which imports
    this one).

    The workspace is held by this process until it is closed: another process waits up to
    ``wait_seconds`` (default: the busy timeout) and is then told who holds it; an app
    window (``app_window``) does not wait.
    """
    path = Path(path)
    if not path.exists():
        raise WorkspaceError(_("There is no workspace at {path}. Create one with 'teacherdesk demo' or from the app.").format(path=path))
    release = _acquire(path, wait_seconds, app_window, on_wait)
    try:
        finish_conversion(path)
        clean_leftovers(path)
        return _open_held(path, release, passphrase=passphrase, recovery_key=recovery_key,
                          prompt=prompt)
    except BaseException:
        release()
        raise


def _open_held(
    path: Path, release: Callable[[], None], *, passphrase: str | None, recovery_key: str | None,
    prompt: PassphrasePrompt | None,
) -> Workspace:
    sidecar = Sidecar.load(path)
    key = _resolve_key(path, sidecar, passphrase=passphrase, recovery_key=recovery_key, prompt=prompt)
    try:
        raw_connect(path, key).close()  # fail fast with WrongKey before building an engine
    except sqlcipher3.OperationalError as exc:
        if is_busy_error(exc):
            raise WorkspaceBusy(_("{name} is busy: {holder} is writing to it").format(name=path.name, holder=lock.describe_holder(path)),
                                file=path, fix=_("Wait for it to finish, then try again.")) from exc
        raise WorkspaceError(_("{name} could not be opened ({exc})").format(name=path.name, exc=exc), file=path,
                             fix=_("Restore it from a backup (teacherdesk backups).")) from exc
    if sidecar is None:
        # Opened with the recovery key and no sidecar: write a fresh one so next time works.
        sidecar = Sidecar.new()
        sidecar.save(path)
    if recovery_key:
        keys.keyring_set(sidecar.workspace_id, key)
    engine = make_engine(path, key)
    ws = Workspace(
        path=path, engine=engine, workspace_id=sidecar.workspace_id, key=key,
        demo=bool(sidecar.demo_key) or sidecar.demo, release_lock=release,
    )
    return ws


@dataclass
class CreatedWorkspace:
    workspace: Workspace
    recovery_key: str
    unlock: str  # "keyring" | "passphrase" | "demo"


def create_workspace(
    path: Path | str,
    *,
    passphrase: str | None = None,
    demo: bool = False,
    keyless: bool = False,
    school_name: str | None = None,
    timezone: str = "America/Los_Angeles",
    populate: Callable[[Workspace], None] | None = None,
    wait_seconds: float | None = None,
) -> CreatedWorkspace:
    """Create a new encrypted workspace, filled by ``populate``; return it with its recovery key.

    The workspace is built under a temporary name and renamed into place once its schema,
    school and ``populate``'s data are committed and on disk: a crash at any moment leaves
    either no workspace or a complete one (plus leftovers the next attempt removes).
    """
    path = Path(path)
    if path.exists():
        raise WorkspaceError(_("{path} already exists; choose another name or open it.").format(path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _protect_data_folder(path.parent)
    release = _acquire(path, wait_seconds, False, None)
    try:
        if path.exists():
            raise WorkspaceError(_("{path} already exists; choose another name or open it.").format(path=path))
        clean_leftovers(path)
        return _create_held(path, release, passphrase=passphrase, demo=demo, keyless=keyless,
                            school_name=school_name, timezone=timezone, populate=populate)
    except BaseException:
        release()
        raise


def _protect_data_folder(folder: Path) -> None:
    """TeacherDesk's own data folder is made private (what SQLite creates in it inherits
    that on Windows); a folder the teacher chose is left as it is."""
    from app.paths import data_dir

    with contextlib.suppress(OSError):
        if folder.resolve() == data_dir().resolve():
            private_files.make_private_folder(folder)


def _new_key(*, demo: bool, keyless: bool, passphrase: str | None) -> tuple[bytes, Sidecar, str]:
    """A fresh data key, its sidecar and how it is unlocked (keyring, passphrase or demo)."""
    key = keys.new_data_key()
    sidecar = Sidecar.new()
    sidecar.demo = demo
    passphrase = passphrase or os.environ.get(keys.PASSPHRASE_ENV) or None
    unlock = ""
    if demo and (keyless or (not passphrase and not keys.keyring_available())):
        sidecar.demo_key = key.hex()
        unlock = "demo"
    if not unlock and not keyless and keys.keyring_set(sidecar.workspace_id, key):
        unlock = "keyring"
    if passphrase and unlock != "demo":
        sidecar.wraps.append(keys.wrap_key(key, passphrase))
        unlock = unlock or "passphrase"
    if not unlock:
        raise NoKeyAvailable(
            _("This computer has no credential store. Choose a passphrase for the workspace (or set {passphrase_env} for scripts).").format(passphrase_env=keys.PASSPHRASE_ENV)
        )
    return key, sidecar, unlock


def _create_held(
    path: Path, release: Callable[[], None], *, passphrase: str | None, demo: bool, keyless: bool,
    school_name: str | None, timezone: str, populate: Callable[[Workspace], None] | None,
) -> CreatedWorkspace:
    key, sidecar, unlock = _new_key(demo=demo, keyless=keyless, passphrase=passphrase)
    tmp = creating_path(path)
    engine: Engine | None = None
    try:
        sidecar.save(tmp)
        engine = make_engine(tmp, key)
        ws = Workspace(path=tmp, engine=engine, workspace_id=sidecar.workspace_id, key=key, demo=demo)
        from app.store import migrations

        migrations.create_current_schema(ws)
        if school_name:
            from app.store.models import School

            with ws.session() as s:
                s.add(School(name=school_name, timezone=timezone))
        if populate is not None:
            populate(ws)
        engine.dispose()  # the last connection checkpoints the WAL into the file and removes it
        for f in (tmp, Sidecar.path_for(tmp)):
            fsync_file(f)
        # The key file first: a workspace never appears without the key file that opens it.
        os.replace(Sidecar.path_for(tmp), Sidecar.path_for(path))
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        if engine is not None:
            with contextlib.suppress(Exception):
                engine.dispose()
        for f in _companions(tmp):
            f.unlink(missing_ok=True)
        if unlock == "keyring":
            keys.keyring_delete(sidecar.workspace_id)
        raise
    ws = Workspace(path=path, engine=make_engine(path, key), workspace_id=sidecar.workspace_id,
                   key=key, demo=demo, release_lock=release)
    return CreatedWorkspace(ws, keys.recovery_key_from_data_key(key), unlock)
