"""The command line reads dates the way the app's date fields do, following LANG."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest

from app.commands import text_date, text_time
from app.core import i18n


@pytest.fixture(autouse=True)
def _restore_language():  # type: ignore[no-untyped-def]
    before = i18n.get_locale()
    yield
    i18n.set_language(before)


def test_iso_dates_work_in_every_language() -> None:
    for lang in ("en_US.UTF-8", "es_US.UTF-8", "es_ES.UTF-8"):
        i18n.set_language(lang)
        assert text_date("2027-03-04") == dt.date(2027, 3, 4)


def test_spanish_reads_day_first_and_month_names() -> None:
    i18n.set_language("es_MX.UTF-8")
    assert text_date("4/3/2027") == dt.date(2027, 3, 4)
    assert text_date("4 de marzo de 2027") == dt.date(2027, 3, 4)
    assert text_time("15:30") == dt.time(15, 30)


def test_us_english_reads_month_first() -> None:
    i18n.set_language("en_US.UTF-8")
    assert text_date("3/4/2027") == dt.date(2027, 3, 4)
    assert text_date("March 4, 2027") == dt.date(2027, 3, 4)
    assert text_time("3:30pm") == dt.time(15, 30)


def test_unreadable_date_is_refused_in_the_users_language() -> None:
    i18n.set_language("es_US.UTF-8")
    with pytest.raises(argparse.ArgumentTypeError) as err:
        text_date("32 de marzo")
    assert "32" in str(err.value) and "day" not in str(err.value)


def test_cli_command_takes_a_typed_date(capsys, empty_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from app.cli import main

    path = Path(empty_workspace.path)
    empty_workspace.close()
    monkeypatch.setenv("LANG", "es_US.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["year", "set", "--name", "2026-27", "--from", "24/8/2026", "--to", "11 de junio de 2027",
                 "--workspace", str(path)]) == 0
    assert main(["year", "holiday", "add", "Prueba", "--from", "4 de marzo de 2027", "--to", "5/3/2027",
                 "--kind", "break", "--workspace", str(path)]) == 0
    out = capsys.readouterr().out
    assert "vacaciones" in out or "receso" in out or "descanso" in out, out
    assert "break" not in out
    with pytest.raises(SystemExit) as stop:  # argparse refuses it with the reason, exit 2
        main(["year", "holiday", "add", "Otra", "--from", "32 de marzo", "--workspace", str(path)])
    assert stop.value.code == 2
    assert "32" in capsys.readouterr().err
    assert main(["year", "show", "--workspace", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "Prueba" in shown and "4 mar 2027" in shown, shown
