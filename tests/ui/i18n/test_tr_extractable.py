"""Every tr() call is one the catalog tool can see: pyside6-lupdate does not look inside
f-strings, so a tr() there is never offered for translation (the Conferences page's
"Room" and "Interpreter" stayed English in Spanish that way)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[3] / "app" / "ui"


def _tr_in_fstrings(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                        and inner.func.attr in ("tr", "translate")):
                    lines.append(inner.lineno)
    return lines


def test_no_tr_inside_f_strings() -> None:
    found = {str(p.relative_to(UI)): lines for p in sorted(UI.rglob("*.py")) if (lines := _tr_in_fstrings(p))}
    assert not found, f"tr() inside an f-string (lupdate cannot extract it): {found}"
