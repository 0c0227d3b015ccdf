"""One class resolver for every command: name, code or id, any case, accents or spacing."""

from __future__ import annotations

import pytest

from app.store.lookup import LookupFailed, normalized, resolve_class
from app.store.models import Course, Section


@pytest.fixture
def classes(empty_workspace):  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        math = Course(title="Mathematics", code="MATH7")
        s.add(math)
        s.flush()
        s.add_all([
            Section(name="Math 7", code="MATH7-01", course_id=math.id),
            Section(name="Matemáticas 8", code="MAT8-01", source_id="sis-42"),
            Section(name="Science", code="SCI-01"),
            Section(name="Science", code="SCI-02"),
        ])
    return ws


@pytest.mark.parametrize("typed, code", [
    ("math 7", "MATH7-01"), ("  MATH   7 ", "MATH7-01"), ("math7", "MATH7-01"), ("MATH7-01", "MATH7-01"),
    ("math7 01", "MATH7-01"), ("Math 7 (Mathematics)", "MATH7-01"), ("matematicas 8", "MAT8-01"),
    ("sis-42", "MAT8-01"), ("sci-02", "SCI-02"),
])
def test_a_class_is_found_however_it_is_typed(classes, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    with classes.read() as s:
        assert resolve_class(s, typed).code == code


def test_no_match_or_several_list_the_candidates(classes) -> None:  # type: ignore[no-untyped-def]
    with classes.read() as s:
        with pytest.raises(LookupFailed) as many:
            resolve_class(s, "science")
        assert "Several classes" in str(many.value) and "[SCI-01]" in str(many.value) and "[SCI-02]" in str(many.value)
        with pytest.raises(LookupFailed) as none:
            resolve_class(s, "math")
        assert "Similar" in str(none.value) and "Math 7" in str(none.value) and "Science" not in str(none.value)
        assert none.value.exit_code == 2
        section_id = resolve_class(s, "MATH7-01").id
        assert resolve_class(s, str(section_id)).id == section_id


def test_normalized_ignores_case_accents_and_spacing() -> None:
    assert normalized("  Matemáticas\t 8 ") == "matematicas 8"
