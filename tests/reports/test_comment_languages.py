"""The comment bank per family language: Spanish and US English phrases, chosen when a
report is built; a Spanish report never prints English bank text (real PDFs, pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app.reports.comments import (
    DEFAULT_PHRASES,
    PRONOUNS,
    BankPhrase,
    comment_for_language,
    default_bank,
    fill_comment,
)


def test_spanish_pronouns_and_gendered_words_follow_the_students_pronouns() -> None:
    phrase = "{Él} es muy {trabajador/trabajadora/constante}; a {name} {lo} felicito."
    assert fill_comment(phrase, "José", "he/him") == "Él es muy trabajador; a José lo felicito."
    assert fill_comment(phrase, "Zoë", "she/her") == "Ella es muy trabajadora; a Zoë la felicito."
    assert fill_comment(phrase, "Sam", "they/them") == "Elle es muy constante; a Sam le felicito."
    assert fill_comment(phrase, "Ana", "") == "Elle es muy constante; a Ana le felicito."  # never guessed


def test_every_shipped_phrase_exists_in_english_and_spanish_and_fills_for_every_pronoun() -> None:
    for key, versions in DEFAULT_PHRASES.items():
        assert set(versions) == {"en", "es"}, key
        for pronouns in [*PRONOUNS, ""]:
            for lang, (_category, text) in versions.items():
                filled = fill_comment(text, "Ana", pronouns)
                assert "{" not in filled and "}" not in filled, (lang, filled)
    spanish = " ".join(text for v in DEFAULT_PHRASES.values() for _c, text in [v["es"]])
    # Neutral Spanish: no adjective that agrees with the student's gender, no English left.
    for gendered in ("curioso", "curiosa", "dedicado", "dedicada", "alumno", "alumna", " the ", " is "):
        assert gendered not in spanish


def test_a_bank_phrase_becomes_the_familys_language_and_typed_text_stays() -> None:
    bank = [*default_bank("en"), *default_bank("es"), BankPhrase("{name} reads every day.", "en", None)]
    english = fill_comment(DEFAULT_PHRASES["strength.curious"]["en"][1], "Zoë", "she/her")
    typed = "¡Excelente proyecto de ciencias!"
    comment = f"{english} {typed} {fill_comment('{name} reads every day.', 'Zoë', 'she/her')}"

    es = comment_for_language(comment, bank, "Zoë", "she/her", "es-MX")
    assert es.text == "Zoë tiene mucha curiosidad y hace preguntas excelentes. ¡Excelente proyecto de ciencias!"
    assert es.untranslated == ["Zoë reads every day."]
    assert comment_for_language(comment, bank, "Zoë", "she/her", "en").text == comment
    # And back: a Spanish phrase on an English family's copy is given in English.
    spanish = fill_comment(DEFAULT_PHRASES["growth.time"]["es"][1], "José", "he/him")
    en = comment_for_language(spanish, bank, "José", "he/him", "en")
    assert en.text == "José is working hard on organizing his time."


def test_new_and_old_workspaces_get_both_languages_and_teacher_phrases_have_one(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.reports import gradebook_store as store
    from app.store.models.gradebook import CommentBankEntry

    ws = empty_workspace
    with ws.session() as s:  # a workspace from before phrases had languages
        s.add(CommentBankEntry(category="Strengths", text=DEFAULT_PHRASES["strength.curious"]["en"][1]))
    store.ensure_default_bank(ws)
    store.ensure_default_bank(ws)  # idempotent
    with ws.read() as s:
        rows = list(s.scalars(select(CommentBankEntry)))
        assert {(r.language, r.phrase_key) for r in rows if r.language == "en"} == {("en", "strength.curious")}
        assert len(store.comment_bank(s, "es")) == len(DEFAULT_PHRASES)
        original = next(r for r in rows if r.language == "en")
    done = store.add_bank_phrase(ws, "t", "Fortalezas", "A {name} le encanta leer.", language="es-MX",
                                 translation_of=original.id)
    with ws.read() as s:
        added = s.get(CommentBankEntry, done.value)
        assert added is not None and added.language == "es" and added.phrase_key == "strength.curious"


def _pdf_text(path: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(run.stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_spanish_and_english_reports_print_the_bank_in_the_familys_language(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.reports import gradebook_store as store
    from app.reports.batch import build_reports
    from app.reports.data import load_reports
    from app.store.models.gradebook import CommentBankEntry

    ws = small_school.ws
    store.ensure_default_bank(ws)
    with ws.session() as s:
        s.add(CommentBankEntry(category="Strengths", text="{name} reads every day.", language="en"))
    curious = DEFAULT_PHRASES["strength.curious"]["en"][1]
    for student_id, first, pronouns in [(small_school.jose_id, "José", "he/him"), (small_school.zoe_id, "Zoë", "she/her")]:
        text = f"{fill_comment(curious, first, pronouns)} {fill_comment('{name} reads every day.', first, pronouns)}"
        store.save_term_comment(ws, "t", student_id, small_school.section_id, small_school.term_id, text)

    with ws.read() as s:
        found = load_reports(s, term=small_school.term_id)
    result = build_reports(found.reports, tmp_path, combined=False, workers=1)
    assert result.count == 2
    pdfs = {p.name: _pdf_text(p) for p in tmp_path.glob("*.pdf")}
    spanish = next(t for t in pdfs.values() if "José" in t)
    english = next(t for t in pdfs.values() if "Zoë" in t)

    assert "José tiene mucha curiosidad y hace preguntas excelentes." in spanish
    assert "curious" not in spanish and "reads every day" not in spanish
    assert "Zoë is curious, and she asks excellent questions. Zoë reads every day." in english
    assert [(u.student, u.language, u.phrase) for u in found.untranslated_comments] == [
        ("José Álvarez Nguyễn", "es", "José reads every day.")]
    assert "no es version" in found.untranslated_comments[0].message()
