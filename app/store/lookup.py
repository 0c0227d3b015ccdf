"""Finding a class from what a person typed: one resolver for every command.

``--class "math 7"``, ``--class MATH7-P2``, ``--class 12``: the class's name, code,
district id or database id, compared without regard to case, accents or spacing. No match, or several, is a :class:`LookupFailed` that lists the
candidates, so the person can type one of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store.models import Course, Section


class LookupFailed(UserFacingError, LookupError):
    """Nothing (or more than one thing) matches what was typed; the message lists candidates."""

    exit_code = 2


def normalized(text: str) -> str:
    """'  Math   7 ' -> 'math 7'; 'Matemáticas' -> 'matematicas' (case, accents and spacing ignored)."""
    flat = unicodedata.normalize("NFKD", text)
    flat = "".join(ch for ch in flat if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", flat).strip().casefold()


def _squashed(text: str) -> str:
    return re.sub(r"[\s\-_.]+", "", normalized(text))


def class_label(section: Section, course_title: str = "") -> str:
    """How a class is shown in a list of candidates: name, course and code."""
    label = section.name if not course_title or course_title in section.name else f"{section.name} ({course_title})"
    return label + (f" [{section.code}]" if section.code else "")


def resolve_class(session: Session, text: str | int) -> Section:
    """The one class ``text`` names; a :class:`LookupFailed` listing candidates otherwise.

    Tried in order, the first rule with any match wins: the database id; the exact code or
    district id; the name or code ignoring case, accents and spacing; the name with its
    course title ("Period 2 (Math 7)"); finally the same ignoring spaces and dashes
    ("math7" for "Math 7").
    """
    typed = str(text).strip()
    if not typed:
        raise LookupFailed(_("No class given."), fix=_("Type a class name or code."))
    sections = list(session.scalars(select(Section).order_by(Section.name, Section.id)))
    courses = {c.id: c.title for c in session.scalars(select(Course))}

    def course_of(sec: Section) -> str:
        return courses.get(sec.course_id or -1, "")

    want = normalized(typed)
    rules: list[Callable[[Section], bool]] = [
        lambda sec: typed.isdigit() and sec.id == int(typed),
        lambda sec: typed in {sec.code, sec.source_id or ""} and typed != "",
        lambda sec: want in {normalized(sec.name), normalized(sec.code)} - {""},
        lambda sec: want in {normalized(f"{sec.name} ({course_of(sec)})"), normalized(class_label(sec, course_of(sec)))},
        lambda sec: _squashed(typed) in {_squashed(sec.name), _squashed(sec.code)} - {""},
    ]
    for rule in rules:
        found = [sec for sec in sections if rule(sec)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = "; ".join(class_label(sec, course_of(sec)) for sec in found[:10])
            raise LookupFailed(_("Several classes match '{typed}': {names}.").format(typed=typed, names=names),
                               fix=_("Use the class code (in brackets) to choose one."))
    near = [sec for sec in sections if want and (want in normalized(sec.name) or want in normalized(course_of(sec)))]
    shown = near or sections
    names = "; ".join(class_label(sec, course_of(sec)) for sec in shown[:10])
    more = _(" and {count} more").format(count=len(shown) - 10) if len(shown) > 10 else ""
    if not sections:
        raise LookupFailed(_("No class '{typed}': the workspace has no classes yet.").format(typed=typed),
                           fix=_("Import a roster first (teacherdesk roster import)."))
    raise LookupFailed((_("No class '{typed}'. Similar: {names}{more}.") if near else _("No class '{typed}'. Classes: {names}{more}.")).format(typed=typed, names=names, more=more),
                       fix=_("Use a class name or code as listed."))
