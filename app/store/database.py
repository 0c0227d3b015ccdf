"""Opening, creating and configuring an encrypted workspace file.

A workspace is a single SQLCipher database. Every connection is keyed first (the key is
never written anywhere but the OS credential store), then tuned for safety: WAL,
``foreign_keys=ON``, ``synchronous=FULL`` and a busy timeout so a second reader waits
rather than fails.
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
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import UserFacingError
from app.store import keys
from app.store.keys import NoKeyAvailable, Sidecar, WrongKey

BUSY_TIMEOUT_MS = 10_000
WORKSPACE_SUFFIX = ".tdw"

PassphrasePrompt = Callable[[str], str | None]


class WorkspaceError(UserFacingError):
    """A problem opening or creating a workspace; the message is for the user."""


def raw_connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A keyed, tuned DB-API connection; raises WrongKey if the key does not fit."""
    conn = sqlcipher3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise WrongKey(f"The key does not open {path.name} ({exc}).") from exc
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

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

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

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed together, or rolled back together on error."""
        with self.sessions.begin() as session:
            yield session

    def read(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()

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
            f"The key file {Sidecar.path_for(path).name} is missing next to {path.name}. "
            "Open the workspace with its recovery key."
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
            raise WrongKey("That passphrase does not open this workspace.")
    raise NoKeyAvailable(
        f"No key for {path.name} on this computer. Set {keys.PASSPHRASE_ENV}, "
        "or open it with its recovery key (--recovery-key)."
    )


def _try_passphrase(wraps: list[dict[str, Any]], passphrase: str) -> bytes:
    for wrap in wraps:
        try:
            return keys.unwrap_key(wrap, passphrase)
        except WrongKey:
            continue
    raise WrongKey("That passphrase does not open this workspace.")


def unlock_workspace(
    path: Path | str,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    prompt: PassphrasePrompt | None = None,
) -> Workspace:
    """Unlock and open an existing workspace as it is (no migration, no backup).

    Everyone else calls :func:`app.store.opening.open_workspace` (exported as
    ``app.store.open_workspace``), which also migrates an old workspace after a backup;
    keeping that step there means this module never imports ``backup`` (which imports
    this one).
    """
    path = Path(path)
    if not path.exists():
        raise WorkspaceError(f"There is no workspace at {path}. Create one with 'teacherdesk demo' or from the app.")
    sidecar = Sidecar.load(path)
    key = _resolve_key(path, sidecar, passphrase=passphrase, recovery_key=recovery_key, prompt=prompt)
    raw_connect(path, key).close()  # fail fast with WrongKey before building an engine
    if sidecar is None:
        # Opened with the recovery key and no sidecar: write a fresh one so next time works.
        sidecar = Sidecar.new()
        sidecar.save(path)
    if recovery_key:
        keys.keyring_set(sidecar.workspace_id, key)
    engine = make_engine(path, key)
    ws = Workspace(
        path=path, engine=engine, workspace_id=sidecar.workspace_id, key=key,
        demo=bool(sidecar.demo_key),
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
) -> CreatedWorkspace:
    """Create a new, empty, encrypted workspace and return it with its recovery key."""
    path = Path(path)
    if path.exists():
        raise WorkspaceError(f"{path} already exists; choose another name or open it.")
    path.parent.mkdir(parents=True, exist_ok=True)
    key = keys.new_data_key()
    sidecar = Sidecar.new()
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
            "This computer has no credential store. Choose a passphrase for the workspace "
            f"(or set {keys.PASSPHRASE_ENV} for scripts)."
        )
    sidecar.save(path)
    engine = make_engine(path, key)
    ws = Workspace(path=path, engine=engine, workspace_id=sidecar.workspace_id, key=key, demo=demo)
    from app.store import migrations

    migrations.create_current_schema(ws)
    if school_name:
        from app.store.models import School

        with ws.session() as s:
            s.add(School(name=school_name, timezone=timezone))
    return CreatedWorkspace(ws, keys.recovery_key_from_data_key(key), unlock)
