"""The command line as a user runs it: a real process, a real encrypted workspace."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=300)


def test_demo_backup_restore_from_the_command_line(tmp_path: Path) -> None:
    ws = tmp_path / "w.tdw"
    result = run("demo", "--workspace", str(ws), "--students", "40")
    assert result.returncode == 0, result.stderr
    assert "40 students" in result.stdout
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(ws).execute("SELECT count(*) FROM student").fetchall()

    info = run("--workspace", str(ws), "info")
    assert info.returncode == 0 and "40 students" in info.stdout

    backup = run("backup", "--workspace", str(ws), "--out", str(tmp_path / "b.tdw"))
    assert backup.returncode == 0, backup.stderr
    restore = run("restore", "--workspace", str(ws), str(tmp_path / "b.tdw"))
    assert restore.returncode == 0, restore.stderr
    assert "Restored" in restore.stdout
    listing = run("backups", "--workspace", str(ws))
    assert "before-restore" in listing.stdout


def test_user_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    result = run("info", "--workspace", str(tmp_path / "missing.tdw"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "missing.tdw" in result.stderr

    (tmp_path / "w.tdw").write_bytes(b"")
    again = run("demo", "--workspace", str(tmp_path / "w.tdw"))
    assert again.returncode == 1 and "--force" in again.stderr


def test_headless_machine_needs_a_passphrase(tmp_path: Path) -> None:
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    refused = run("init", "--workspace", str(tmp_path / "w.tdw"), "--school", "Lincoln", env_extra=no_keyring)
    assert refused.returncode == 1 and "passphrase" in refused.stderr.lower()
    with_pass = dict(no_keyring, TEACHERDESK_PASSPHRASE="a good long passphrase")
    made = run("init", "--workspace", str(tmp_path / "w.tdw"), "--school", "Lincoln",
               "--recovery-sheet", str(tmp_path / "key.pdf"), env_extra=with_pass)
    assert made.returncode == 0, made.stderr
    recovery = made.stdout.split("shown only now:")[1].split()[0]
    assert (tmp_path / "key.pdf").read_bytes().startswith(b"%PDF")
    assert run("info", "--workspace", str(tmp_path / "w.tdw"), env_extra=with_pass).returncode == 0
    locked = run("info", "--workspace", str(tmp_path / "w.tdw"), env_extra=no_keyring)
    assert locked.returncode == 1 and "TEACHERDESK_PASSPHRASE" in locked.stderr
    by_recovery = run("--recovery-key", recovery, "info", "--workspace", str(tmp_path / "w.tdw"),
                      env_extra=no_keyring)
    assert by_recovery.returncode == 0, by_recovery.stderr
