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


def test_every_default_phrase_is_grammatical_for_every_pronoun() -> None:
    from app.reports.comments import DEFAULT_BANK, PRONOUNS

    for _category, phrase in DEFAULT_BANK:
        for key in PRONOUNS:
            filled = fill_comment(phrase, "Ana", key)
            assert "{" not in filled, filled
            # Plural "they" never takes a singular verb, singular pronouns never a plural one.
            for wrong in ("They is", "they is", "They asks", "they asks", "She ask ", "she ask "):
                assert wrong not in filled, filled
    assert fill_comment("{They} {asks/ask} questions.", "Ana", "they/them") == "They ask questions."
    assert fill_comment("{They} {asks/ask} questions.", "Ana", "she/her") == "She asks questions."
    # US English spelling in the phrases we ship.
    assert not any("organis" in text or "practis" in text for _c, text in DEFAULT_BANK)


def test_retired_default_phrases_are_updated_but_edits_are_kept(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.reports import gradebook_store as store
    from app.store.models.gradebook import CommentBankEntry

    with empty_workspace.session() as s:
        s.add(CommentBankEntry(category="Strengths", text="{They} {is} curious and asks excellent questions."))
        s.add(CommentBankEntry(category="Strengths", text="{They} {is} curious and asks many questions."))
    store.ensure_default_bank(empty_workspace)
    with empty_workspace.read() as s:
        texts = set(s.scalars(select(CommentBankEntry.text)))
    assert "{name} is curious, and {they} {asks/ask} excellent questions." in texts
    assert "{They} {is} curious and asks many questions." in texts  # the teacher's own, untouched
