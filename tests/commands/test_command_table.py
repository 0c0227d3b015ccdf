"""A command builds only its own parsers (start-up): the table naming each top-level
command's module must match what the modules register, and parsing must not change."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser
from app.commands import COMMANDS, FEATURE_MODULE_NAMES, command_named, feature_modules

ROOT = Path(__file__).resolve().parents[2]


def _registered(module_name: str) -> set[str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    (module,) = [m for m in feature_modules() if m.__name__ == f"app.commands.{module_name}"]
    module.register(sub)
    return set(sub.choices)


@pytest.mark.parametrize("module_name", FEATURE_MODULE_NAMES)
def test_the_table_names_exactly_the_commands_each_module_registers(module_name: str) -> None:
    assert _registered(module_name) == {c for c, m in COMMANDS.items() if m == module_name}


@pytest.mark.parametrize(("argv", "command"), [
    (["timetable", "solve", "x.fet"], "timetable"),
    (["--workspace", "w.tdk", "grade", "scan.png"], "grade"),
    (["--workspace=w.tdk", "--demo", "audit"], "audit"),
    (["--recovery-key-file", "-", "roster", "import", "r.csv"], "roster"),
    (["-h", "timetable"], None),  # the whole program's help, so every command
    (["--version"], None),
    (["timetabel", "solve"], None),  # a typo: the whole parser names the right one
    ([], None),
])
def test_the_command_is_found_only_after_options_that_change_no_output(argv: list[str], command: str | None) -> None:
    assert command_named(argv) == command


@pytest.mark.parametrize("argv", [
    ["timetable", "solve", "school.fet", "--time-limit", "5", "--workers", "2"],
    ["--workspace", "w.tdk", "grades", "export", "--format", "canvas", "--out", "g.csv"],
    ["calendar", "export", "--for", "Ms. Ortiz", "--out", "c.ics"],
    ["calendar", "export", "--out", "c.ics"],  # --for missing: both refuse it
])
def test_a_command_parses_the_same_with_its_own_parsers_as_with_all(argv: list[str]) -> None:
    try:
        whole = vars(build_parser().parse_args(argv))
    except SystemExit:
        with pytest.raises(SystemExit):
            build_parser(argv).parse_args(argv)
        return
    own = vars(build_parser(argv).parse_args(argv))
    assert {k: v for k, v in own.items() if k != "handler"} == {k: v for k, v in whole.items() if k != "handler"}
    assert own["handler"] is whole["handler"]


def test_a_typo_still_names_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "app.cli", "timetabel"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "timetable" in result.stderr and "roster" in result.stderr


def test_a_command_starts_its_slow_work_before_its_parsers_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.commands.timetable as timetable
    from app.commands import start_early

    seen: list[list[str]] = []
    monkeypatch.setattr(timetable, "early", seen.append)
    start_early(["--workspace", "timetable", "timetable", "solve", "x.fet"])
    start_early(["audit"])  # no early work
    start_early(["-h", "timetable", "solve"])
    assert seen == [["solve", "x.fet"]]
