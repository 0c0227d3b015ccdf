"""Stored codes never reach a Spanish sentence as English words.

(a) Every code of every family in ``app.core.code_labels`` has a Spanish label.
(b) Real messages that carry codes (the audit log's attendance and grade sentences, the
    review history, timetable clashes, the CLI's page lines) rendered in Spanish with
    every code value contain no English code word.
(c) An AST walk over the core and the CLI: a ``_()`` message whose placeholder is named
    like a code (status, kind, role, how, state) gets its value from a label function or
    from ``_()``, unless it echoes what the user typed (listed with the reason).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core import code_labels, i18n
from app.core.i18n_catalog import APP_ROOT, core_modules

DATA = Path(__file__).resolve().parents[1] / "scheduling" / "data"

# Words that are the same in English and Spanish, so their presence proves nothing.
SAME_IN_BOTH = {"error"}


@pytest.fixture
def spanish() -> Iterator[None]:
    before = i18n.get_language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def _english_words() -> set[str]:
    words: set[str] = set()
    for family in code_labels.FAMILIES.values():
        for code, label in family.items():
            words.update(re.findall(r"[a-z]+", code.lower()))
            words.update(re.findall(r"[a-z]+", label.lower()))
    # Words that are also Spanish, or too short to mean anything alone.
    return {w for w in words if len(w) > 2} - SAME_IN_BOTH - {"not", "sheet", "staff"} | {"not_a_sheet"}


ENGLISH = _english_words()


def _english_in(text: str) -> set[str]:
    found = {w for w in re.findall(r"[a-z_]+", text.lower()) if w in ENGLISH}
    return found


def _all_codes() -> list[tuple[str, str]]:
    return [(name, code) for name, family in code_labels.FAMILIES.items() for code in family]


@pytest.mark.parametrize(("family", "code"), _all_codes())
def test_every_code_has_a_spanish_label(spanish: None, family: str, code: str) -> None:
    label = code_labels.code_label(family, code)
    english = code_labels.FAMILIES[family][code]
    assert label, (family, code)
    if english.lower() not in SAME_IN_BOTH:
        assert label != english, f"{family}:{code} shows the English {english!r} in Spanish"
        assert not _english_in(label), (family, code, label)


@pytest.mark.parametrize("code", ["en", "es", "vi", "ar", "zh", "ko", "so", "pt", "tl", "ru", "hmn", "fr"])
def test_family_languages_are_named_in_the_users_language(spanish: None, code: str) -> None:
    from babel import Locale

    label = code_labels.language_label(code)
    assert label and label != code
    english = str(Locale("en").languages[code])
    assert label != english or english in {"Hmong"}, (code, label)  # same word in both


def test_class_lists_name_family_languages_in_spanish(spanish: None, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.store.roster_rows import student_rows

    with demo_workspace.read() as s:
        shown = {lang.strip() for r in student_rows(s) for lang in r.languages.split(",") if lang.strip()}
    assert "Inglés" in shown and "English" not in shown and "Spanish" not in shown, shown


def test_unknown_code_is_shown_as_it_is(spanish: None) -> None:
    assert code_labels.attendance_label("remote") == "remote"
    assert code_labels.attendance_label(None) == ""


def test_english_labels_stay_english() -> None:
    i18n.set_language("en")
    assert code_labels.attendance_label("tardy") == "tardy"
    assert code_labels.booking_owner_label("room") == "Room"


def _entry(action: str, **details: object):  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.store.models import AuditEntry

    return AuditEntry(id=1, at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), actor="mtorres", action=action,
                      entity="attendance", entity_id="7:2026-03-02", details=details)


@pytest.mark.parametrize("status", list(code_labels.ATTENDANCE))
def test_attendance_audit_sentence_in_spanish(spanish: None, status: str) -> None:
    from app.store.audit_text import _Names, describe

    text = describe(_entry("attendance.set", student_id=7, day="2026-03-02", after=status),
                    _Names({7: "Ana Díaz"}, {}))
    assert "Ana Díaz" in text and "registró" in text
    assert code_labels.attendance_label(status) in text
    assert not _english_in(text), text


@pytest.mark.parametrize("how", list(code_labels.GRADE_CHANGE))
def test_grade_change_audit_sentence_in_spanish(spanish: None, how: str) -> None:
    from app.store.audit_text import _grade_many, _Names

    entry = _entry(f"grade.{how}", changes=[{"assignment_id": 3, "student_id": 7, "before": None,
                                             "after": {"points": 8}}])
    text = _grade_many(entry, entry.details, _Names({7: "Ana Díaz"}, {3: "Unidad 3"}))
    assert code_labels.grade_change_label(how) in text, text
    assert not _english_in(text), text


@pytest.mark.parametrize("status", list(code_labels.MARK_STATUS))
def test_review_history_in_spanish(spanish: None, status: str) -> None:
    import datetime as dt

    from app.grading.exam_review import describe
    from app.store.models.exams import ExamReview

    review = ExamReview(exam_id=1, page_id=1, target="q9", actor="mtorres",
                        at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), note="",
                        engine_value={"marked": ["B", "C"], "status": status}, chosen_value={"marked": ["D"]})
    text = describe(review)
    assert code_labels.mark_status_label(status) in text
    assert not _english_in(text), text


def test_timetable_clashes_name_teacher_room_and_students_in_spanish(spanish: None) -> None:
    from app.scheduling.timetable.evaluate import evaluate
    from app.scheduling.timetable.fet import read_fet
    from app.scheduling.timetable.model import Placement
    from app.scheduling.timetable.rules import compile_rules

    p = read_fet(DATA / "riverside-grade7.fet")
    # Every activity at the first slot, in one room: teachers, students and the room clash.
    placements = [Placement(a.id, 0, 0, "R1") for a in p.activities]
    messages = [v.message for v in evaluate(compile_rules(p), placements).violations]
    clashes = [m for m in messages if "dos reservas" in m]
    for owner in code_labels.BOOKING_OWNER:
        label = code_labels.booking_owner_label(owner)
        assert any(m.startswith(label + " ") for m in clashes), (owner, clashes[:3])
    for m in clashes:
        assert not m.startswith(("Teacher ", "Room ", "Students ")), m
    assert not [m for m in messages if "in room" in m or "without a room" in m]


# --- (c) the code-shaped placeholders of every core message ---------------------------

CODE_PLACEHOLDERS = {"status", "kind", "role", "how", "state"}
LABEL_FUNCTIONS = {name for name in dir(code_labels) if name.endswith("_label")} | {"_"}

# (file, placeholder) -> why the raw value is right there.
ECHOES_INPUT: dict[tuple[str, str], str] = {
    ("app/scheduling/school_year_service.py", "kind"): "the kind the user typed is not one; the fix lists the codes",
    ("app/scheduling/ical_export.py", "kind"): "the KIND:ID the user typed on the command line",
    ("app/grading/template.py", "kind"): "the block kind written in the user's template file",
    ("app/store/roster_service.py", "role"): "the role the user typed is not one; the fix lists the codes",
    ("app/store/roster/oneroster.py", "role"): "the role column of the user's OneRoster file",
    ("app/commands/roster.py", "kind"): "a kind already translated by the report (a name built from _())",
    ("app/store/audit_text.py", "kind"): "a kind already translated in the dict just above",
}


def _is_message(node: ast.expr) -> bool:
    """``_("...")``, ``ngettext(...)`` or a choice between them (``(_(a) if x else _(b))``)."""
    if isinstance(node, ast.IfExp):
        return _is_message(node.body) or _is_message(node.orelse)
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "ngettext"})


def _code_placeholders() -> Iterator[tuple[str, int, str, ast.expr]]:
    for path in core_modules():
        rel = path.relative_to(APP_ROOT.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format"):
                continue
            if not _is_message(node.func.value):
                continue
            for kw in node.keywords:
                if kw.arg in CODE_PLACEHOLDERS:
                    yield rel, node.lineno, kw.arg, kw.value


def test_code_placeholders_go_through_a_label_function() -> None:
    bad = []
    for rel, line, name, value in _code_placeholders():
        if (rel, name) in ECHOES_INPUT:
            continue
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in LABEL_FUNCTIONS:
            continue
        bad.append(f"{rel}:{line}: {{{name}}} = {ast.unparse(value)}")
    assert not bad, "codes shown raw in a translated message; use app.core.code_labels:\n" + "\n".join(bad)


@pytest.mark.parametrize("action", ["add", "edit", "delete"])
@pytest.mark.parametrize("entity", ["student", "section", "school"])
def test_roster_changes_are_whole_spanish_sentences(spanish: None, action: str, entity: str) -> None:
    import datetime as dt

    from app.store.audit_text import _Names, describe
    from app.store.models import AuditEntry

    entry = AuditEntry(id=1, at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), actor="mtorres", action=action,
                       entity=entity, entity_id="3", details={"name": "Ana Díaz"})
    text = describe(entry, _Names({}, {}))
    assert text.startswith("mtorres ") and text.endswith(".")
    english = {"added", "edited", "deleted", "student", "class", "section", "school", "details"}
    assert not english & set(re.findall(r"[a-z]+", text.lower())), text
