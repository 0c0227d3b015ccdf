"""When Qt cannot start, the user is told which package to install, not shown a Qt abort."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app import gui_preflight


def test_missing_library_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(gui_preflight, "missing_for_plugin", lambda _p: ["libxcb-cursor.so.0"])
    message = gui_preflight.check()
    assert message is not None
    assert "libxcb-cursor.so.0" in message and "sudo apt-get install libxcb-cursor0" in message


def test_no_display_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    message = gui_preflight.check()
    assert message is not None and "no screen" in message


def test_wayland_failing_falls_back_to_x11(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(gui_preflight, "missing_for_plugin",
                        lambda p: ["libwayland-egl.so.1"] if "wayland" in p.name else [])
    assert gui_preflight.check() is None


def test_import_error_message_is_turned_into_a_package() -> None:
    exc = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    missing = gui_preflight.missing_from_import_error(exc)
    assert missing == ["libEGL.so.1"]
    assert "libegl1" in gui_preflight.describe_missing(missing)


def test_cli_prints_the_message_and_exits_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    monkeypatch.setattr(gui_preflight, "check", lambda: "TeacherDesk cannot open its window: test")
    assert main([]) == 3
    assert "cannot open its window" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("gcc") is None or shutil.which("ldd") is None, reason="needs gcc and ldd")
def test_ldd_not_found_lines_are_read(tmp_path: Path) -> None:
    """A real shared object that needs a library this computer lacks, read by the real ldd."""
    (tmp_path / "dep.c").write_text("int dep(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int dep(void);\nint plugin(void) { return dep(); }\n")
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "libtdmissing.so.7"),
                    "-Wl,-soname,libtdmissing.so.7", str(tmp_path / "dep.c")], check=True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(tmp_path / "libqfake.so"), str(tmp_path / "plugin.c"),
                    f"-L{tmp_path}", "-l:libtdmissing.so.7"], check=True)
    (tmp_path / "libtdmissing.so.7").unlink()
    assert gui_preflight.missing_for_plugin(tmp_path / "libqfake.so") == ["libtdmissing.so.7"]
