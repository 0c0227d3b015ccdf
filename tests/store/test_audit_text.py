"""The audit log reads as sentences with real names, not ids."""

from __future__ import annotations

from sqlalchemy import select

from app.reports import gradebook_store
from app.reports.gradebook import Mark
from app.store import audit
from app.store.audit_text import recent
from app.store.models import Section, Student


def test_audit_entries_read_as_sentences_with_names(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        student = Student(local_id="1001", given_name="José", family_name="Hernández")
        section = Section(name="Math 7")
        s.add_all([student, section])
        s.flush()
        sid, sec = student.id, section.id
    aid = gradebook_store.add_assignment(ws, "mtorres", sec, "Unit 3 quiz", 10, None, None, None)
    gradebook_store.save_mark(ws, "mtorres", aid, sid, Mark(points=5.0))
    gradebook_store.save_mark(ws, "mtorres", aid, sid, Mark(points=9.5, late=True))
    with ws.session() as s:
        # The shape exam_review writes for a teacher's decision on one question.
        audit.record(s, "mtorres", "omr.review.answer", "exam_page", 7, exam_id=1, exam="Unit 3 test",
                     target="q9", engine={"marked": ["B"], "status": "ok", "confidence": 0.6},
                     chosen={"marked": ["D"]}, student_id=sid)
        audit.record(s, "mtorres", "something.new", "widget", 3, colour="blue")
    with ws.read() as s:
        lines = [line.sentence for line in recent(s)]
        assert s.scalars(select(Student.id)).all() == [sid]
    assert lines[0] == "mtorres: something new (widget 3)."
    assert lines[1] == "mtorres changed José Hernández's answer to Q9 on Unit 3 test from B to D."
    assert lines[2] == "mtorres changed José Hernández's score on Unit 3 quiz from 5 to 9.5 late."
    assert lines[3] == "mtorres changed José Hernández's score on Unit 3 quiz from empty to 5."
    assert "mtorres added the assignment Unit 3 quiz." in lines
    assert not any("{" in line or "None" in line for line in lines), lines


def test_cli_prints_the_audit_log_as_sentences(empty_workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    ws = empty_workspace
    with ws.session() as s:
        audit.record(s, "mtorres", "exam.create", "exam", 1, title="Unit 3 test")
    path = ws.path
    ws.close()
    assert main(["--workspace", str(path), "audit", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "mtorres created the exam Unit 3 test." in out
