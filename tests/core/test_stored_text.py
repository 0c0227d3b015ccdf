"""Messages stored in one language are shown in the reader's language.

Review reasons and notes saved with older scans are English (or Spanish) sentences in
the database; display matches them back to the core catalog and shows the translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app.core import i18n
from app.core.i18n_catalog import read_catalog
from app.core.stored_text import MIN_LETTERS, localized, message_key


@pytest.fixture
def spanish() -> Iterator[None]:
    before = i18n.get_language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


def _sample_values(text: str) -> dict[str, str]:
    names = re.findall(r"\{([A-Za-z_]\w*)", text)
    return {name: f"V{i}x" for i, name in enumerate(dict.fromkeys(names))}


def _fill(template: str, values: dict[str, str]) -> str:
    filled = re.sub(r"(?<!\{)\{([A-Za-z_]\w*)(?:![rsa])?(?::[^{}]*)?\}", lambda m: values[m.group(1)], template)
    return filled.replace("{{", "{").replace("}}", "}")


def test_every_stored_english_message_shows_in_spanish(spanish: None) -> None:
    """The whole catalog: each message stored in English with values reads back in Spanish."""
    catalog = read_catalog("es")
    wrong = []
    checked = 0
    for msg in catalog:
        if not msg.id or isinstance(msg.id, tuple) or not msg.string:
            continue
        literal = re.sub(r"\{[^{}]*\}", "", msg.id)
        if sum(c.isalpha() for c in literal) < MIN_LETTERS:
            continue  # "{name}, line {line}": too little text to recognise, shown as stored
        values = _sample_values(msg.id)
        english, expected = _fill(msg.id, values), _fill(msg.string, values)
        got = localized(english)
        checked += 1
        if got != expected and got == english:
            wrong.append(f"{english!r} -> {got!r}")
    assert checked > 500
    # A stored sentence that two catalog messages both fit may take the other's wording;
    # none may stay English.
    assert not wrong, "\n".join(wrong[:20])


def test_review_reasons_and_nested_values(spanish: None) -> None:
    assert localized("faint") == "tenue"
    inner = i18n._("printed outlines found for only {percent:.0f}% of its empty bubbles").format(percent=40)
    nested = i18n._("not verified: {reason}").format(reason=inner)
    assert localized("not verified: printed outlines found for only 40% of its empty bubbles") == nested
    text = localized("ID 4417 is not in this class; faint")
    assert text == "El ID 4417 no está en esta clase; tenue"


def test_unknown_text_is_shown_as_stored(spanish: None) -> None:
    assert localized("Left early for the dentist") == "Left early for the dentist"
    assert localized("") == ""
    assert message_key("Left early for the dentist") is None


def test_spanish_stored_text_shows_in_english() -> None:
    i18n.set_language("en")
    assert localized("la versión B no tiene clave") == "version B has no key"
    assert localized("tenue") == "faint"


def test_english_stays_english() -> None:
    i18n.set_language("en")
    assert localized("version B has no key") == "version B has no key"


def test_review_queue_of_old_english_scans_reads_in_spanish(spanish: None) -> None:
    from app.grading.exam_review import queue_from_pages
    from app.grading.exam_store import MATCHED, PageRow
    from app.grading.keys import AnswerKey, KeyItem
    from app.grading.results import NOT_A_SHEET, REVIEW, FieldRead, PageResult

    answers = [FieldRead(name=f"q{i}", kind="question", number=i, marked=["B"], status=REVIEW,
                         confidence=0.3, reason=reason)
               for i, reason in enumerate(["faint", "erased", "ambiguous", "stray mark", ""], start=1)]
    stored = PageResult(file="a.pdf", page=1, status=REVIEW, version="", answers=answers).to_dict()
    not_sheet = PageResult(file="a.pdf", page=2, status=NOT_A_SHEET,
                           reason="registration marks are inconsistent").to_dict()
    rows = [PageRow(i, None, PageResult.from_dict(d), d["status"], MATCHED, 1, "Ana Díaz", "4417", "4417", 1)
            for i, d in enumerate([stored, not_sheet], start=1)]
    key = AnswerKey({"": {i: KeyItem(question=i, correct=["B"]) for i in range(1, 6)}})
    reasons = [item.reason for item in queue_from_pages(rows, key)]
    assert reasons == ["tenue", "borrada", "ambigua", "marca suelta", "dudosa",
                       i18n._("registration marks are inconsistent")]
    english = {"faint", "erased", "ambiguous", "stray mark", "unsure", "registration marks are inconsistent"}
    assert not english & set(reasons), reasons


def test_new_reasons_are_stored_as_catalog_keys_whatever_the_language(spanish: None) -> None:
    """A reason made while the app is in Spanish is stored as the English key with its values."""
    from app.core.stored_text import for_storage
    from app.grading.exam_store import stored_result
    from app.grading.results import REVIEW, FieldRead, PageResult

    made = i18n._("ID {id} is not in this class").format(id="4417") + "; " + i18n._("faint")
    assert for_storage(made) == "ID 4417 is not in this class; faint"
    assert for_storage("Left early for the dentist") == "Left early for the dentist"
    page = PageResult(file="a.pdf", page=1, status=REVIEW, reason=i18n._("registration marks are inconsistent"),
                      answers=[FieldRead(name="q1", kind="question", number=1, marked=[], status=REVIEW,
                                         confidence=0.2, reason=i18n._("erased"))])
    saved = stored_result(page)
    assert saved["reason"] == "registration marks are inconsistent"
    assert saved["answers"][0]["reason"] == "erased"
    assert page.answers[0].reason == "borrada"  # the caller's result is untouched
    assert localized(saved["answers"][0]["reason"]) == "borrada"
    i18n.set_language("en")
    assert localized(saved["answers"][0]["reason"]) == "erased"
