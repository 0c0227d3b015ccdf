"""Every audit action the app records reads as a whole sentence in the reader's language.

An AST walk finds each ``audit.record(..., "action", ...)`` in app/; each action must have
a describer in ``app.store.audit_text`` (an action without one would show its raw name,
"calendar delete event", inside a Spanish sentence), and each describer's Spanish sentence
must differ from its English one (a sentence the catalog tool cannot see stays English).
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import i18n
from app.store.audit_text import DESCRIBERS, _Names, describe
from app.store.models import AuditEntry

APP = Path(__file__).resolve().parents[2] / "app"


def _recorded_actions() -> set[str]:
    found = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"
                    and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant)):
                found.add(str(node.args[2].value))
    return found


def test_every_recorded_action_has_a_sentence() -> None:
    actions = _recorded_actions()
    assert len(actions) > 30
    missing = sorted(a for a in actions if a not in DESCRIBERS)
    assert not missing, f"audit actions without a sentence in app/store/audit_text.py: {missing}"


DETAILS = {"title": "Unidad 3", "name": "Otoño", "label": "Conferencias", "date": "2027-03-04",
           "start": "2026-08-24", "end": "2026-12-18", "file": "distrito.ics", "added": 3, "periods": 7,
           "activities": 40, "questions": 20, "note": "drop question 3", "language": "es",
           "earliest": "16:00", "latest": "18:00", "student_id": 7, "after": "tardy", "day": "2027-03-04",
           "changes": [], "assignment_id": 3, "folder": "D:/copias", "target": "q3", "exam": "Unidad 3",
           "engine": {"marked": ["B"]}, "chosen": {"marked": ["C"]}, "count": 2, "pages": 4, "skipped": 1}


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = i18n.get_language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("action", sorted(DESCRIBERS))
def test_each_sentence_is_translated(restore_language: None, action: str) -> None:
    entity = {"add": "student", "edit": "section", "delete": "student"}.get(action, "exam")
    entry = AuditEntry(id=1, at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), actor="mtorres", action=action,
                       entity=entity, entity_id="7", details=dict(DETAILS))
    names = _Names({7: "Ana Díaz"}, {3: "Unidad 3"})
    i18n.set_language("en")
    english = describe(entry, names)
    i18n.set_language("es")
    spanish = describe(entry, names)
    assert spanish != english, f"{action}: {english!r} shows in English in Spanish"
    assert not spanish.startswith("mtorres: "), f"{action} fell back to its raw name: {spanish!r}"
