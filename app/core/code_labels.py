"""Codes the program stores and compares, as words a person reads in their language.

The core keeps plain codes (``"tardy"``, ``"not_a_sheet"``, ``"room"``) in the database,
in JSON output and in comparisons. Wherever one of them lands inside a sentence or a
column a person reads, it goes through the label function of its family here, so a
Spanish sentence never carries an English code word:

    _("{actor} recorded {student} as {status} on {day}.").format(
        ..., status=attendance_label(code))

One table per code family; each English label is marked with ``N_`` so the catalog
tool extracts it, and translated where shown with ``_()``. An unknown code (an old row,
a newer version's code) is shown as it is rather than hidden. Codes a person *types*
(a CLI argument, a column value in their own file) are echoed as typed in error
messages, since the fix is to type one of them; those are not labels.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.i18n import N_, _, get_locale

ATTENDANCE: Mapping[str, str] = {
    "present": N_("present"),
    "absent": N_("absent"),
    "tardy": N_("tardy"),
    "excused": N_("excused"),
}

# Who a timetable clash is about (capitalised: it starts the sentence).
BOOKING_OWNER: Mapping[str, str] = {
    "teacher": N_("Teacher"),
    "students": N_("Students"),
    "room": N_("Room"),
}

# The status of a scanned page (app.grading.results).
PAGE_STATUS: Mapping[str, str] = {
    "ok": N_("read"),
    "review": N_("to review"),
    "not_a_sheet": N_("not a sheet"),
    "error": N_("error"),
}

# The status of one answer, ID digit or version field on a sheet.
MARK_STATUS: Mapping[str, str] = {
    "ok": N_("read"),
    "blank": N_("blank"),
    "multiple": N_("several marks"),
    "review": N_("to review"),
}

HOLIDAY_KIND: Mapping[str, str] = {
    "holiday": N_("holiday"),
    "break": N_("break"),
    "non_school_day": N_("non-school day"),
}

STAFF_ROLE: Mapping[str, str] = {
    "teacher": N_("teacher"),
    "counselor": N_("counselor"),
    "interpreter": N_("interpreter"),
    "office": N_("office staff"),
    "administrator": N_("administrator"),
    "aide": N_("aide"),
}

# How several grades were changed at once (the part after "grade." in the audit action).
GRADE_CHANGE: Mapping[str, str] = {
    "paste": N_("pasted"),
    "set": N_("typed"),
    "undo": N_("undone"),
}

# Which kind of counselor time an event is (ASCA's use-of-time categories).
ASCA_KIND: Mapping[str, str] = {
    "direct": N_("direct services"),
    "indirect": N_("indirect services"),
    "other": N_("other duties"),
}

# Every family, by name: the test renders each code of each in Spanish.
FAMILIES: Mapping[str, Mapping[str, str]] = {
    "attendance": ATTENDANCE,
    "booking_owner": BOOKING_OWNER,
    "page_status": PAGE_STATUS,
    "mark_status": MARK_STATUS,
    "holiday_kind": HOLIDAY_KIND,
    "staff_role": STAFF_ROLE,
    "grade_change": GRADE_CHANGE,
    "asca_kind": ASCA_KIND,
}


def code_label(family: str, code: object) -> str:
    """``code`` of ``family`` in the current language; an unknown code as it is."""
    text = "" if code is None else str(code)
    english = FAMILIES[family].get(text)
    return _(english) if english else text


def attendance_label(code: object) -> str:
    """'tardy' -> 'retardo' in Spanish."""
    return code_label("attendance", code)


def booking_owner_label(code: object) -> str:
    """'room' -> 'Salón' in Spanish (starts a clash sentence)."""
    return code_label("booking_owner", code)


def page_status_label(code: object) -> str:
    """'not_a_sheet' -> 'no es una hoja' in Spanish."""
    return code_label("page_status", code)


def mark_status_label(code: object) -> str:
    """'multiple' -> 'varias marcas' in Spanish."""
    return code_label("mark_status", code)


def holiday_kind_label(code: object) -> str:
    return code_label("holiday_kind", code)


def staff_role_label(code: object) -> str:
    return code_label("staff_role", code)


def grade_change_label(code: object) -> str:
    return code_label("grade_change", code)


def asca_label(code: object) -> str:
    return code_label("asca_kind", code)


def language_label(code: object) -> str:
    """A family's language code in the current language ('ar' -> 'Arabic' / 'Árabe'), from
    Babel's names (every language, not only the ones with a catalog); unknown: the code."""
    text = "" if code is None else str(code)
    if not text:
        return text
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(get_locale()).languages
    except (ValueError, UnknownLocaleError):
        return text
    name = str(names.get(text) or names.get(text.replace("-", "_").split("_")[0]) or text)
    return name[:1].upper() + name[1:]  # stands alone in a cell or a list, as on the app's screens
