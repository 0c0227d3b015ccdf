"""Shared fixtures: every test runs with its own home, keyring and workspace.

No test may touch the real user's data folder, settings or credential store: the
``isolated_home`` fixture is autouse and points TeacherDesk, Qt settings and keyring at a
temp folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TEACHERDESK_HOME", str(home))
    # The timetable placement loop runs as plain Python (numba's first compile of it takes
    # half a minute per cache folder); tests/scheduling/test_timetable_kernel.py compares
    # the compiled loop with it.
    monkeypatch.setenv("TEACHERDESK_NO_NUMBA", "1")
    # ... and in the test's own process only: tests/scheduling/test_placement_worker.py
    # starts the placement worker process itself.
    monkeypatch.setenv("TEACHERDESK_NO_PLACEMENT_WORKER", "1")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("TEACHERDESK_WORKSPACE", raising=False)
    monkeypatch.delenv("TEACHERDESK_PASSPHRASE", raising=False)
    monkeypatch.setenv("TEACHERDESK_TEST_KEYRING", str(home / "keyring.json"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyring_backend.FileKeyring")
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    import keyring

    from tests.keyring_backend import FileKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    # Core messages in US English whatever the machine's LANG (the CLI follows it); a test
    # that switches the language never leaks it into the next one.
    from app.core.i18n import set_language

    monkeypatch.setenv("LANGUAGE", "en_US")
    set_language("en_US")
    yield home
    set_language("en_US")
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine with no credential store (headless Linux, locked-down Windows)."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def empty_workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.store import create_workspace

    created = create_workspace(tmp_path / "school.tdw", school_name="Test School")
    yield created.workspace
    created.workspace.close()


@pytest.fixture(scope="session")
def demo_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace built once per test session (75 students); copy before writing."""
    from app.scheduling.demo import build_demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.tdw"
    os.environ.pop("TEACHERDESK_PASSPHRASE", None)
    created = build_demo(path, students=75, seed=7, keyless=True)
    created.workspace.close()  # checkpoints the WAL into the file we copy
    return path


@pytest.fixture
def demo_workspace(demo_workspace_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A private, writable copy of the session's demo workspace."""
    import shutil

    from app.store import open_workspace
    from app.store.keys import Sidecar

    dest = tmp_path / "demo.tdw"
    shutil.copyfile(demo_workspace_file, dest)
    shutil.copyfile(Sidecar.path_for(demo_workspace_file), Sidecar.path_for(dest))
    ws = open_workspace(dest, daily_backup=False)
    yield ws
    ws.close()
