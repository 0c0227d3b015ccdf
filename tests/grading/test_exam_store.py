"""The exam service on a real encrypted demo workspace with real rendered, marked sheets."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import inspect, select

from app.grading import exam_gradebook, exam_review, exam_store, service
from app.grading.exam_analysis import exam_analysis
from app.grading.exam_scan import read_files, read_frame
from app.store.models import Assignment, AuditEntry, Score, Section
from app.store.models.exams import ExamReview, ExamScan
from tests.grading.exam_helpers import marked_sheet

KEY = {q: ["ABCD"[(q - 1) % 4]] for q in range(1, 11)}


def _section(ws) -> tuple[int, list[exam_store.RosterStudent]]:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        section_id = s.scalars(select(Section.id).order_by(Section.id)).first()
    return section_id, exam_store.roster(ws, section_id)


@pytest.fixture
def exam(demo_workspace):  # type: ignore[no-untyped-def]
    ws = demo_workspace
    section_id, students = _section(ws)
    exam_id = exam_store.create_exam(ws, section_id, "Unit 3 Quiz", questions=10, choices=4, id_digits=6)
    info = exam_store.load_exam(ws, exam_id)
    for q, letters in KEY.items():
        info.key.rekey(q, letters)
    service.save_key(ws, exam_id, info.key)
    return ws, exam_id, students


def _add(ws, exam_id, image):  # type: ignore[no-untyped-def]
    info = exam_store.load_exam(ws, exam_id)
    rp = read_frame(image, info.template, info.key, "sheet.png")
    return service.add_page(ws, exam_id, rp).value


def _category(ws, exam_id) -> int:  # type: ignore[no-untyped-def]
    from app.store.models import AssignmentCategory
    from app.store.models.exams import Exam

    with ws.read() as s:
        section_id = s.get(Exam, exam_id).section_id
        return s.scalars(select(AssignmentCategory.id).where(AssignmentCategory.section_id == section_id)).first()


def test_create_workspace_has_the_exam_tables(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    tables = set(inspect(empty_workspace.engine).get_table_names())
    assert {"exam", "exam_scan", "exam_page", "exam_review"} <= tables


def test_sheet_read_matched_reviewed_and_published(exam) -> None:  # type: ignore[no-untyped-def]
    ws, exam_id, students = exam
    st = students[0]
    answers = dict(KEY)
    answers[2] = ["C"]  # wrong
    info = exam_store.load_exam(ws, exam_id)
    page_id = _add(ws, exam_id, marked_sheet(info.template, answers, student_id=st.local_id, light={5}))
    row = exam_store.page(ws, page_id)
    assert row.match == exam_store.MATCHED and row.student_id == st.id
    queue = exam_review.review_queue(ws, exam_id)
    assert [(i.kind, i.question) for i in queue] == [("answer", 5)]
    # The scan is in the workspace as compressed bytes and decodes to the page read.
    img = exam_store.scan_image(ws, row.scan_id)
    assert img.shape[::-1] == tuple(row.result.image_size)
    with ws.read() as s:
        scan = s.get(ExamScan, row.scan_id)
        assert scan.image_format == "jpg" and scan.image[:2] == b"\xff\xd8"
    assert not list(ws.path.parent.glob("*.png")) and not list(ws.path.parent.glob("*.jpg"))
    # ... and encrypted at rest: the image's bytes appear nowhere in the workspace files.
    on_disk = b"".join(p.read_bytes() for p in ws.path.parent.glob(ws.path.name + "*"))
    assert b"JFIF" not in on_disk and scan.image[200:240] not in on_disk

    assignment_id = service.publish(ws, exam_id, category_id=_category(ws, exam_id)).value.assignment_id
    with ws.read() as s:
        a = s.get(Assignment, assignment_id)
        assert a.origin == "omr" and a.points_possible == 10
        sc = s.scalars(select(Score).where(Score.assignment_id == assignment_id)).one()
        assert (sc.student_id, sc.points, sc.incomplete) == (st.id, 8.0, True)

    exam_review.decide_answer(ws, exam_id, page_id, 5, ["A"], actor="ms.lee")
    assert exam_review.review_queue(ws, exam_id) == []
    with ws.read() as s:
        sc = s.scalars(select(Score).where(Score.assignment_id == assignment_id)).one()
        assert (sc.points, sc.incomplete) == (9.0, False)
        review = s.scalars(select(ExamReview)).one()
        assert review.actor == "ms.lee" and review.chosen_value == {"marked": ["A"]}
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "omr.review.answer")).one()
        assert entry.actor == "ms.lee" and entry.details["chosen"] == {"marked": ["A"]}

    # Re-keying question 2 to C gives the point back; dropping 3 takes it out of the total.
    service.rekey_question(ws, exam_id, 2, ["C"])
    service.drop_question(ws, exam_id, 3)
    [r] = exam_gradebook.student_results(ws, exam_id)
    assert (r.score, r.max_score) == (9.0, 9.0)
    with ws.read() as s:
        assert s.get(Assignment, assignment_id).points_possible == 9
        assert s.scalars(select(Score.points).where(Score.assignment_id == assignment_id)).one() == 9.0


def test_unknown_and_duplicate_students_go_to_review(exam) -> None:  # type: ignore[no-untyped-def]
    ws, exam_id, students = exam
    info = exam_store.load_exam(ws, exam_id)
    first = _add(ws, exam_id, marked_sheet(info.template, KEY, student_id=students[1].local_id, seed=2))
    again = _add(ws, exam_id, marked_sheet(info.template, KEY, student_id=students[1].local_id, seed=3))
    stranger = _add(ws, exam_id, marked_sheet(info.template, KEY, student_id="999999", seed=4))
    queue = {(i.page_id, i.kind): i for i in exam_review.review_queue(ws, exam_id)}
    assert queue[(again, "student")].match == exam_store.DUPLICATE
    assert queue[(stranger, "student")].match == exam_store.UNKNOWN
    assert (first, "student") not in queue
    exam_review.match_student(ws, exam_id, stranger, students[2].id)
    exam_review.discard_page(ws, exam_id, again)
    assert exam_review.review_queue(ws, exam_id) == []
    results = {r.student_id: r for r in exam_gradebook.student_results(ws, exam_id)}
    assert set(results) == {students[1].id, students[2].id}
    assert all(r.score == 10 for r in results.values())
    # Deleting the exam takes its scans, pages and decisions with it.
    exam_store.delete_exam(ws, exam_id)
    with ws.read() as s:
        assert s.scalars(select(ExamScan)).all() == [] and s.scalars(select(ExamReview)).all() == []


def test_batch_of_files_and_csv_export_neutralises_formulas(exam, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import cv2

    ws, exam_id, students = exam
    info = exam_store.load_exam(ws, exam_id)
    folder = tmp_path / "scans"
    folder.mkdir()
    for i, st in enumerate(students[:3]):
        answers = {q: (["A"] if q <= i + 3 else KEY[q]) for q in KEY}
        cv2.imwrite(str(folder / f"p{i}.png"), marked_sheet(info.template, answers, student_id=st.local_id, seed=10 + i))
    (folder / "notes.png").write_bytes(b"not an image")
    seen = []
    read = read_files([folder], info.template, info.key, workers=1, partial=seen.append)
    assert len(read) == len(seen) == 4
    for rp in read:
        service.add_page(ws, exam_id, rp)
    with ws.read() as s:
        assert s.scalars(select(ExamScan.source)).all().count("notes.png") == 0  # nothing to keep
    kinds = [i.kind for i in exam_review.review_queue(ws, exam_id)]
    assert kinds == ["page"]
    assert exam_gradebook.csv_safe("=1+2") == "'=1+2" and exam_gradebook.csv_safe("@x") == "'@x"
    assert exam_gradebook.csv_safe("-3") == "'-3" and exam_gradebook.csv_safe("Ana") == "Ana"
    out = tmp_path / "results.csv"
    assert exam_gradebook.export_csv(ws, exam_id, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert {r["student_id"] for r in rows} == {st.local_id for st in students[:3]}
    analysis = exam_analysis(ws, exam_id).analysis
    assert analysis.n_students == 3 and len(analysis.items) == 10


def test_versions_keys_and_an_unbubbled_version_decided_by_the_teacher(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    section_id, students = _section(ws)
    exam_id = exam_store.create_exam(ws, section_id, "Two versions", questions=6, choices=4, versions=2)
    info = exam_store.load_exam(ws, exam_id)
    assert info.key.labels() == ["A", "B"]
    for q in range(1, 7):
        info.key.rekey(q, ["A"], "A")
        info.key.rekey(q, ["B"], "B")
    service.save_key(ws, exam_id, info.key)
    all_b = {q: ["B"] for q in range(1, 7)}
    on_b = _add(ws, exam_id, marked_sheet(info.template, all_b, student_id=students[0].local_id, version="B"))
    no_version = _add(ws, exam_id, marked_sheet(info.template, all_b, student_id=students[1].local_id, seed=8))
    queue = exam_review.review_queue(ws, exam_id)
    assert [(i.page_id, i.kind) for i in queue] == [(no_version, "version")]
    exam_review.decide_version(ws, exam_id, no_version, "A", actor="t")
    scores = {r.student_id: (r.version, r.score) for r in exam_gradebook.student_results(ws, exam_id)}
    assert scores == {students[0].id: ("B", 6.0), students[1].id: ("A", 0.0)}
    assert exam_store.page(ws, on_b).status == "ok"


def test_a_cancelled_batch_stops_between_pages(exam, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import cv2

    ws, exam_id, students = exam
    info = exam_store.load_exam(ws, exam_id)
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"p{i}.png"), marked_sheet(info.template, KEY, seed=i, degradation="none"))
    seen = []
    read = read_files([tmp_path], info.template, info.key, workers=1, partial=seen.append,
                      cancelled=lambda: len(seen) >= 1)
    assert len(read) == 1


def test_a_score_changed_by_hand_in_the_gradebook_is_left_alone(exam) -> None:  # type: ignore[no-untyped-def]
    ws, exam_id, students = exam
    info = exam_store.load_exam(ws, exam_id)
    a, b = students[0], students[1]
    _add(ws, exam_id, marked_sheet(info.template, KEY, student_id=a.local_id, seed=21))
    _add(ws, exam_id, marked_sheet(info.template, KEY, student_id=b.local_id, seed=22))
    assignment_id = service.publish(ws, exam_id, category_id=_category(ws, exam_id)).value.assignment_id
    with ws.session() as s:
        s.scalars(select(Score).where(Score.assignment_id == assignment_id, Score.student_id == a.id)).one().points = 11
    service.drop_question(ws, exam_id, 1)  # everything re-scores...
    with ws.read() as s:
        points = dict(s.execute(select(Score.student_id, Score.points).where(Score.assignment_id == assignment_id)).all())
    assert points == {a.id: 11.0, b.id: 9.0}  # ...but the teacher's own score stays


def test_a_big_batch_is_read_by_worker_processes(exam, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import cv2

    from app.grading import exam_scan

    ws, exam_id, students = exam
    info = exam_store.load_exam(ws, exam_id)
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"p{i}.png"),
                    marked_sheet(info.template, KEY, student_id=students[i].local_id, seed=30 + i))
    monkeypatch.setattr(exam_scan, "SMALL_BATCH", 2)  # as if it were a class set of 60+
    seen = []
    read = read_files([tmp_path], info.template, info.key, workers=2, partial=seen.append)
    assert len(seen) == 3
    assert sorted(rp.result.student_id for rp in read) == sorted(st.local_id for st in students[:3])
    assert all(rp.image and rp.result.score == 10 for rp in read)
