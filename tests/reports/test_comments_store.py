"""Comment-bank filling and the gradebook tables in a real (encrypted) workspace."""

from __future__ import annotations

from sqlalchemy import inspect, select

from app.reports.comments import fill_comment


def test_fill_comment_uses_name_pronouns_and_agreeing_verbs() -> None:
    phrase = "{They} {is} proud of {their} work, and so is {name}'s teacher. {bogus}"
    assert fill_comment(phrase, "Zoë", "she/her") == "She is proud of her work, and so is Zoë's teacher. {bogus}"
    assert fill_comment(phrase, "Sam", "they/them").startswith("They are proud of their work")
    assert fill_comment("{name} helped {them}self", "José", "he/him") == "José helped himself"
    # No pronouns recorded: never guessed from the name.
    assert fill_comment("{they} {has}", "Siobhán", "") == "they have"
    assert fill_comment("a { stray brace", "A", "") == "a { stray brace"


def test_create_workspace_has_gradebook_tables(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import Section, Student
    from app.store.models.gradebook import CommentBankEntry, StudentTermComment

    tables = set(inspect(empty_workspace.engine).get_table_names())
    assert {"comment_bank", "student_term_comment"} <= tables
    with empty_workspace.session() as s:
        student = Student(local_id="1", given_name="Nguyễn", family_name="Văn An")
        section = Section(name="Math 7")
        s.add_all([student, section])
        s.flush()
        s.add(StudentTermComment(student_id=student.id, section_id=section.id, text="Bien hecho"))
        s.add(CommentBankEntry(category="Strengths", text="{name} works hard."))
    with empty_workspace.read() as s:
        assert s.scalars(select(StudentTermComment.text)).one() == "Bien hecho"
