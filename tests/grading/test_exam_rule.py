"""The one rule for exam scores in the gradebook, case by case and as a property.

Hand edits (a score, a flag, a cleared cell, the column's category) are never
overwritten by publishing, re-keying, rescanning or review decisions; sheets in review
give provisional scores; a class with categories never gets an exam column without one.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.grading import exam_gradebook, exam_review, service
from app.grading.exam_store import ExamError
from app.reports import gradebook_store
from app.reports.gradebook import Mark
from app.store.models import Assignment, AssignmentCategory
from tests.grading.exam_story import CHOICES, column, make_class, read_page, scores

KEY = "ABCDA"


def _exam(ws, klass, title: str = "Quiz"):  # type: ignore[no-untyped-def]
    exam_id = service.create_exam(ws, klass.section_id, title, questions=len(KEY), choices=4, id_digits=6).value
    from app.grading.exam_store import blank_key

    key = blank_key(len(KEY), 0, 1.0)
    for q, letter in enumerate(KEY, start=1):
        key.rekey(q, [letter])
    service.save_key(ws, exam_id, key)
    return exam_id


def test_hand_edits_and_the_category_survive_rekey_rescan_and_republish(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    k = make_class(ws)
    exam_id = _exam(ws, k)
    service.add_pages(ws, exam_id, [read_page(k.local_ids[0], "ABCDA"), read_page(k.local_ids[1], "ABCDB")])
    with pytest.raises(ExamError, match="category"):
        service.publish(ws, exam_id)  # the class weighs by category: one must be chosen
    assert column(ws, exam_id) is None
    done = service.publish(ws, exam_id, category_id=k.category_ids[1])
    a = done.value.assignment_id
    assert scores(ws, a) == {k.student_ids[0]: (5.0, False, False, False), k.student_ids[1]: (4.0, False, False, False)}

    # The teacher: 9.5 for the first student (same as before would not matter), the column into Homework.
    gradebook_store.save_mark(ws, "t", a, k.student_ids[0], Mark(points=9.5))
    gradebook_store.update_assignment(ws, "t", a, category_id=k.category_ids[0])
    service.rekey_question(ws, exam_id, 5, ["B"])  # second student now 5, first 4 (but it is the teacher's)
    service.add_pages(ws, exam_id, [read_page(k.local_ids[2], "ABC-A", doubtful=(4,))])  # one more sheet
    service.update_exam(ws, exam_id, title="Quiz", category_id=k.category_ids[0], exam_date=None)  # the form saved
    service.publish(ws, exam_id, category_id=k.category_ids[1])  # publishing again changes no category
    col = column(ws, exam_id)
    assert col is not None and col.category_id == k.category_ids[0]
    got = scores(ws, a)
    assert got[k.student_ids[0]] == (9.5, False, False, False)
    assert got[k.student_ids[1]] == (5.0, False, False, False)
    assert got[k.student_ids[2]] == (3.0, False, False, True)  # provisional: question 4 waits for review
    status = service.status(ws, exam_id)
    assert (status.final, status.provisional, status.kept, status.category) == (1, 1, 1, "Homework")


def test_a_hand_edit_to_the_same_number_and_a_cleared_cell_stay_the_teachers(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    k = make_class(ws)
    exam_id = _exam(ws, k)
    service.add_pages(ws, exam_id, [read_page(k.local_ids[0], "ABCDA"), read_page(k.local_ids[1], "ABCDA")])
    a = service.publish(ws, exam_id, category_id=k.category_ids[1]).value.assignment_id
    gradebook_store.save_mark(ws, "t", a, k.student_ids[0], Mark(points=5.0))  # typed the same 5
    gradebook_store.save_mark(ws, "t", a, k.student_ids[1], Mark())  # cleared the cell
    service.drop_question(ws, exam_id, 1)
    assert scores(ws, a) == {k.student_ids[0]: (5.0, False, False, False)}


def test_a_class_without_categories_may_get_its_first_one_from_its_first_exam(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    k = make_class(ws, categories=())
    exam_id = _exam(ws, k)
    service.add_pages(ws, exam_id, [read_page(k.local_ids[0], "ABCDA")])
    done = service.publish(ws, exam_id, new_category="Tests")
    with ws.read() as s:
        a = s.get(Assignment, done.value.assignment_id)
        assert a.category is not None and a.category.name == "Tests" and a.category.weight == 100
    # A second class with other uncategorised work: a first category would drop that work.
    k2 = make_class(ws, categories=())
    gradebook_store.add_assignment(ws, "t", k2.section_id, "Homework 1", 10, None, None, None)
    exam2 = _exam(ws, k2)
    with pytest.raises(ExamError, match="no category"):
        service.publish(ws, exam2, new_category="Tests")
    assert service.publish(ws, exam2).value.assignment_id  # no category at all: points, as before


def test_the_exam_store_no_longer_imports_the_gradebook_rule() -> None:
    import ast
    from pathlib import Path

    import app.grading.exam_store as store

    tree = ast.parse(Path(store.__file__).read_text(encoding="utf-8"))
    names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {"app.grading.exam_gradebook", "app.grading.exam_review", "app.grading.service"} & names


# -- the property ---------------------------------------------------------------------

students = st.integers(0, 2)
answers = st.text(alphabet=CHOICES + "-", min_size=len(KEY), max_size=len(KEY))
operations = st.one_of(
    st.tuples(st.just("scan"), students, answers, st.sets(st.integers(1, len(KEY)), max_size=2)),
    st.tuples(st.just("rekey"), st.integers(1, len(KEY)), st.sampled_from(CHOICES)),
    st.tuples(st.just("drop"), st.integers(1, len(KEY))),
    st.tuples(st.just("review"), st.sampled_from(CHOICES + "-"), students),
    st.tuples(st.just("publish"), st.integers(0, 1)),
    st.tuples(st.just("edit"), students, st.one_of(st.none(), st.floats(0, 10).map(lambda x: round(x, 1)))),
    st.tuples(st.just("flag"), students, st.sampled_from(["missing", "excused", "incomplete"])),
    st.tuples(st.just("category"), st.integers(0, 1)),
    st.tuples(st.just("save_form"),),
)


def _apply(ws, k, exam_id, op, hand: dict[int, object], hand_category: list[int]):  # type: ignore[no-untyped-def]
    kind = op[0]
    col = column(ws, exam_id)
    if kind == "scan":
        _, who, letters, doubtful = op
        service.add_pages(ws, exam_id, [read_page(k.local_ids[who], letters, tuple(sorted(doubtful)))])
    elif kind == "rekey":
        service.rekey_question(ws, exam_id, op[1], [op[2]])
    elif kind == "drop":
        service.drop_question(ws, exam_id, op[1])
    elif kind == "review":
        queue = exam_review.review_queue(ws, exam_id)
        if queue:
            item = queue[0]
            if item.kind == "answer":
                service.decide_answer(ws, exam_id, item.page_id, item.question or 0, [] if op[1] == "-" else [op[1]])
            elif item.kind == "student" and item.match == "duplicate":
                service.discard_page(ws, exam_id, item.page_id)
            elif item.kind == "student":
                service.match_student(ws, exam_id, item.page_id, k.student_ids[op[2]])
            else:
                service.discard_page(ws, exam_id, item.page_id)
    elif kind == "publish":
        service.publish(ws, exam_id, category_id=k.category_ids[op[1]])
    elif kind == "edit" and col is not None:
        sid = k.student_ids[op[1]]
        mark = Mark() if op[2] is None else Mark(points=op[2])
        gradebook_store.save_mark(ws, "teacher", col.id, sid, mark)
        hand[sid] = None if op[2] is None else (op[2], False, False, False)
    elif kind == "flag" and col is not None:
        sid = k.student_ids[op[1]]
        before = scores(ws, col.id).get(sid)
        current = Mark(*before[:1], missing=before[1], excused=before[2], incomplete=before[3]) if before else None
        mark = gradebook_store.toggle_flag(current, op[2])
        gradebook_store.save_mark(ws, "teacher", col.id, sid, mark)
        hand[sid] = None if mark.is_blank else (mark.points, mark.missing, mark.excused, mark.incomplete)
    elif kind == "category" and col is not None:
        gradebook_store.update_assignment(ws, "teacher", col.id, category_id=k.category_ids[op[1]])
        hand_category[:] = [k.category_ids[op[1]]]
    elif kind == "save_form":
        # The "Exam & key" form saved as it shows the exam (the way the app's form does).
        from app.grading.exam_store import load_exam

        info = load_exam(ws, exam_id)
        service.update_exam(ws, exam_id, title=info.title, category_id=info.category_id, exam_date=info.exam_date)


def _check(ws, k, exam_id, hand: dict[int, object], hand_category: list[int]) -> None:  # type: ignore[no-untyped-def]
    col = column(ws, exam_id)
    if col is None:
        return
    got = scores(ws, col.id)
    for sid, expected in hand.items():
        assert got.get(sid) == expected, f"hand edit of student {sid} changed"
    if hand_category:
        assert col.category_id == hand_category[0]
    assert col.category_id is not None, "a score without its category"
    results = {r.student_id: r for r in exam_gradebook.student_results(ws, exam_id)}
    for sid, r in results.items():
        if sid not in hand:  # the exam's own scores follow every change
            assert got.get(sid) == (r.score, False, False, not r.complete)
    for sid in set(got) - set(results) - set(hand):
        raise AssertionError(f"a score for student {sid} without a sheet")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operations, min_size=1, max_size=12))
def test_no_sequence_of_exam_operations_changes_a_hand_edit(empty_workspace, ops) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    k = make_class(ws)
    exam_id = _exam(ws, k, "Property")
    hand: dict[int, object] = {}
    hand_category: list[int] = []
    for op in ops:
        _apply(ws, k, exam_id, op, hand, hand_category)
        _check(ws, k, exam_id, hand, hand_category)
    with ws.read() as s:
        assert s.scalars(select(AssignmentCategory)).all()
