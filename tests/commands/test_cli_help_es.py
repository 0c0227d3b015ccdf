"""The command line's help and argparse's own words follow LANG (core catalog)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from app.core import i18n


@pytest.fixture
def lang(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def use(value: str) -> None:
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", value)
        monkeypatch.setenv("COLUMNS", "100")

    yield use
    i18n.set_language("en")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from app.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out = capsys.readouterr()
    return int(exit_info.value.code or 0), out.out, out.err


def test_help_is_spanish_with_a_spanish_lang(lang, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    lang("es_US.UTF-8")
    code, out, _err = _run(["--help"], capsys)
    assert code == 0
    assert out.startswith("uso: teacherdesk")
    for words in ("argumentos posicionales:", "opciones:", "mostrar este mensaje de ayuda y salir",
                  "calificación de hojas de respuestas", "leer y calificar hojas de respuestas"):
        assert words in out
    for english in ("usage:", "options:", "positional arguments", "show this help", "workspace file"):
        assert english not in out
    code, out, _err = _run(["timetable", "--help"], capsys)
    assert code == 0 and "resolver un archivo .fet" in out
    code, out, _err = _run(["timetable", "solve", "--help"], capsys)
    assert code == 0 and "dejar de buscar" in out and "sin líneas de progreso" in out


def test_argparse_errors_are_spanish_and_exit_2(lang, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    lang("es_MX.UTF-8")
    code, _out, err = _run(["timetable", "solve"], capsys)
    assert code == 2
    assert err.startswith("uso: teacherdesk timetable solve")
    assert "teacherdesk timetable solve: error: se requieren los siguientes argumentos: FILE.fet" in err
    code, _out, err = _run(["frobnicate"], capsys)
    assert code == 2 and "opción no válida: 'frobnicate' (elija entre" in err
    code, _out, err = _run(["timetable", "solve", "x.fet", "--workers", "many"], capsys)
    assert code == 2 and "argumento --workers: valor int no válido: 'many'" in err
    code, _out, err = _run(["year", "show", "--bogus"], capsys)
    assert code == 2 and "argumentos no reconocidos: --bogus" in err


def test_english_lang_keeps_english(lang, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    lang("en_US.UTF-8")
    code, out, _err = _run(["--help"], capsys)
    assert code == 0 and out.startswith("usage: teacherdesk") and "options:" in out
    code, _out, err = _run(["timetable", "solve"], capsys)
    assert code == 2 and "error: the following arguments are required: FILE.fet" in err


def _helps(parser: argparse.ArgumentParser, path: str = "teacherdesk") -> dict[str, str]:
    """Every help text and description of every parser, by where it is."""
    found = {f"{path} (description)": parser.description or ""}
    for action in parser._actions:
        found[f"{path} {'/'.join(action.option_strings) or action.dest}"] = action.help or ""
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                found[f"{path} {choice.dest}"] = choice.help or ""
            for name, sub in action.choices.items():
                found.update(_helps(sub, f"{path} {name}"))
    return found


def test_every_help_text_of_every_command_is_translated() -> None:
    from app.cli import build_parser
    from app.commands.argparse_words import install

    install()
    try:
        english = _helps(build_parser())
        i18n.set_language("es_US.UTF-8")
        spanish = _helps(build_parser())
    finally:
        i18n.set_language("en")
    assert english.keys() == spanish.keys()
    assert len(english) > 250
    same = [f"{where}: {text}" for where, text in english.items()
            if any(ch.isalpha() for ch in text) and text != argparse.SUPPRESS and spanish[where] == text]
    assert not same, "help shown in English under a Spanish LANG:\n" + "\n".join(same)
