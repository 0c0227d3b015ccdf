"""Adding and changing the passphrase: one Qt-free service for the app and the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import main
from app.core.changes import Changes
from app.store import create_workspace, open_workspace
from app.store.audit_text import recent
from app.store.keys import WrongKey
from app.store.protection import PassphraseError, add_passphrase, change_passphrase, protection


def _keyfile(ws_path: Path) -> str:
    return ws_path.with_name(ws_path.name + ".keys").read_text()


def test_add_passphrase_opens_the_workspace_and_is_audited(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert protection(ws).passphrases == 0 and protection(ws).keyring
    done = add_passphrase(ws, "purple elephant dances", "purple elephant dances")
    assert done.changes == Changes.SETTINGS and done.value.passphrases == 1
    assert "purple elephant" not in _keyfile(ws.path)
    with ws.read() as s:
        assert "added a passphrase" in recent(s, limit=1)[0].sentence
    path = ws.path
    ws.close()
    open_workspace(path, passphrase="purple elephant dances", daily_backup=False).close()


@pytest.mark.parametrize(("new", "again", "words"), [
    ("short", None, "too short"), ("long enough passphrase", "long enough passphras", "differ")])
def test_a_bad_new_passphrase_changes_nothing(empty_workspace, new: str, again: str | None, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PassphraseError, match=words) as caught:
        add_passphrase(empty_workspace, new, again)
    assert caught.value.fix
    assert protection(empty_workspace).passphrases == 0


@pytest.mark.usefixtures("no_keyring")
def test_change_replaces_the_old_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "w.tdw"
    ws = create_workspace(path, passphrase="the first passphrase").workspace
    with pytest.raises(PassphraseError, match="not the workspace's current passphrase"):
        change_passphrase(ws, "the second passphrase", old="a wrong guess here")
    done = change_passphrase(ws, "the second passphrase", "the second passphrase", old="the first passphrase")
    assert done.value.passphrases == 1
    ws.close()
    with pytest.raises(WrongKey):
        open_workspace(path, passphrase="the first passphrase", daily_backup=False)
    open_workspace(path, passphrase="the second passphrase", daily_backup=False).close()


def test_a_demo_workspace_refuses_a_passphrase(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PassphraseError, match="demo"):
        add_passphrase(demo_workspace, "a long passphrase")


@pytest.mark.usefixtures("no_keyring")
def test_cli_changes_the_passphrase_from_stdin_never_argv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.tdw"
    create_workspace(path, passphrase="the first passphrase").workspace.close()
    monkeypatch.setenv("TEACHERDESK_PASSPHRASE", "the first passphrase")  # unlocks for the command
    monkeypatch.setattr("sys.stdin", io.StringIO("the first passphrase\nthe second passphrase\n"))
    assert main(["passphrase", "change", "--passphrase-file", "-", "--workspace", str(path)]) == 0
    assert "Passphrase changed" in capsys.readouterr().out
    monkeypatch.setenv("TEACHERDESK_PASSPHRASE", "the second passphrase")
    secret = tmp_path / "new.txt"
    secret.write_text("an added passphrase\n")
    assert main(["passphrase", "add", "--passphrase-file", str(secret), "--workspace", str(path)]) == 0
    assert "2 passphrase(s)" in capsys.readouterr().out
    open_workspace(path, passphrase="an added passphrase", daily_backup=False).close()

    secret.write_text("short\n")
    assert main(["passphrase", "add", "--passphrase-file", str(secret), "--workspace", str(path)]) != 0
    assert "too short" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal and no file: a clear refusal
    assert main(["passphrase", "add", "--workspace", str(path)]) == 2
    assert "--passphrase-file" in capsys.readouterr().err
