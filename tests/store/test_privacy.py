"""No student data in plaintext anywhere TeacherDesk writes on its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NAMES = ["Ramírez", "O'Brien", "Siobhán", "Nguyễn", "Ørsted"]


def test_demo_info_backup_leave_no_plaintext_names(tmp_path: Path) -> None:
    home = Path(os.environ["TEACHERDESK_HOME"])
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir))
    ws = home / "data" / "school.tdw"
    for args in (["demo", "--workspace", str(ws), "--students", "30"], ["info"], ["backup"]):
        result = subprocess.run([sys.executable, "-m", "app.cli", "--workspace", str(ws), *args]
                                if args[0] != "demo" else [sys.executable, "-m", "app.cli", *args],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    written = [p for p in list(home.rglob("*")) + list(tmpdir.rglob("*")) if p.is_file()]
    assert any(p.suffix == ".tdw" for p in written)
    for path in written:
        data = path.read_bytes()
        for name in NAMES:
            assert name.encode("utf-8") not in data, f"{name} in plaintext in {path}"
