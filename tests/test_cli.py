"""The command line as a user runs it: a real encrypted workspace, real output."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parent.parent


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_installed_command_runs_in_a_real_process(tmp_path: Path) -> None:
    ws = tmp_path / "w.tdw"
    result = subprocess.run([sys.executable, "-m", "app.cli", "demo", "--workspace", str(ws),
                             "--students", "40"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "40 students" in result.stdout
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(ws).execute("SELECT count(*) FROM student").fetchall()


def test_demo_info_backup_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "w.tdw"
    code, out, _ = cli(capsys, "demo", "--workspace", str(ws), "--students", "30")
    assert code == 0 and "30 students" in out
    code, out, _ = cli(capsys, "--workspace", str(ws), "info")
    assert code == 0 and "30 students" in out
    code, _, err = cli(capsys, "backup", "--workspace", str(ws), "--out", str(tmp_path / "b.tdw"))
    assert code == 0, err
    code, out, err = cli(capsys, "restore", "--workspace", str(ws), str(tmp_path / "b.tdw"))
    assert code == 0 and "Restored" in out, err
    code, out, _ = cli(capsys, "backups", "--workspace", str(ws))
    assert "before-restore" in out


def test_user_errors_are_one_line_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "info", "--workspace", str(tmp_path / "missing.tdw"))
    assert code == 1
    assert "Traceback" not in err and err.strip().count("\n") == 0
    assert "missing.tdw" in err
    (tmp_path / "w.tdw").write_bytes(b"")
    code, _, err = cli(capsys, "demo", "--workspace", str(tmp_path / "w.tdw"))
    assert code == 1 and "--force" in err
    (tmp_path / "junk.tdw").write_bytes(b"not a database at all" * 100)
    (tmp_path / "junk.tdw.keys").write_text('{"workspace_id": "x", "demo_key": "' + "00" * 32 + '"}')
    code, _, err = cli(capsys, "info", "--workspace", str(tmp_path / "junk.tdw"))
    assert code == 1 and "junk.tdw" in err and "Traceback" not in err


@pytest.mark.usefixtures("no_keyring")
def test_headless_machine_needs_a_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ws = str(tmp_path / "w.tdw")
    code, _, err = cli(capsys, "init", "--workspace", ws, "--school", "Lincoln")
    assert code == 1 and "passphrase" in err.lower()
    monkeypatch.setenv("TEACHERDESK_PASSPHRASE", "a good long passphrase")
    code, out, err = cli(capsys, "init", "--workspace", ws, "--school", "Lincoln",
                         "--recovery-sheet", str(tmp_path / "key.pdf"))
    assert code == 0, err
    recovery = out.split("shown only now:")[1].split()[0]
    assert (tmp_path / "key.pdf").read_bytes().startswith(b"%PDF")
    assert cli(capsys, "info", "--workspace", ws)[0] == 0
    monkeypatch.delenv("TEACHERDESK_PASSPHRASE")
    code, _, err = cli(capsys, "info", "--workspace", ws)
    assert code == 1 and "TEACHERDESK_PASSPHRASE" in err
    # the key as an argument is refused (the process list shows it to every local user) ...
    code, _, err = cli(capsys, "--recovery-key", recovery, "info", "--workspace", ws)
    assert code == 2 and "process list" in err and "--recovery-key-file" in err
    # ... a file or standard input is how it is given
    keyfile = tmp_path / "key.txt"
    keyfile.write_text(recovery + "\n")
    code, _, err = cli(capsys, "--recovery-key-file", str(keyfile), "info", "--workspace", ws)
    assert code == 0, err
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(recovery + "\n"))
    code, _, err = cli(capsys, "info", "--workspace", ws, "--recovery-key-file", "-")
    assert code == 0, err
