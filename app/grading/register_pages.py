"""Forms of several pages whose marks do not say which page they are.

TeacherDesk's own sheets carry the page in their ArUco ids and QR code. A district's
two-page form with corner marks, a timing track or no marks at all looks alike on every
page, so each scanned page is **recognised by its printed bubbles**: it is registered and
verified as every page of the form (:func:`identify_page`), and it is the page whose
blocks the print confirms. A page that fits no page of the form, or two pages alike (two
pages printed with the same grids), goes to review with the reason; nothing of it is
decided.

Then the pages are put together per student (:func:`link_form_pages`): each student's
pages scanned together, from a page 1 to the next; a set with every page of the form once
takes the student ID of its first page for the later pages. A page missing, scanned
twice or out of order sends the pages it could belong to to review with the reason:
which student they belong to would be a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.core.i18n import _
from app.grading.images import PageRef
from app.grading.register import Registered, register, same_image
from app.grading.results import ERROR, NOT_A_SHEET, OK, REVIEW, PageResult
from app.grading.template import Template
from app.grading.verify import Fit, fit_page

MIN_SHARE = 0.5  # a page is recognised when at least this share of its bubbles verify ...
TIE = 0.15  # ... and no other page comes within this of it


def pages_by_content(template: Template) -> bool:
    """True when a page of the form is recognised by its printed bubbles, not its marks."""
    return template.pages > 1 and template.registration.method != "aruco"


def assign_sheet_pages(refs: Sequence[PageRef], template: Template) -> list[PageRef]:
    """The refs with the form page each one would be in batch order: the page tried first
    when recognising it (usually the right one, so usually the only full read)."""
    if not pages_by_content(template):
        return list(refs)
    return [PageRef(ref.path, ref.index, ref.count, n % template.pages + 1) for n, ref in enumerate(refs)]


@dataclass
class Identified:
    """Which page of the form a scanned page is, and the fit that showed it."""

    reg: Registered
    fit: Fit | None
    page: int | None  # None: not recognised (see reason)
    reason: str = ""  # why the page was not recognised (it goes to review)
    note: str = ""  # how it was recognised, for the teacher


@dataclass
class _Try:
    page: int
    reg: Registered
    fit: Fit | None
    share: float


def identify_page(image: np.ndarray, template: Template, expected: int = 1) -> Identified:
    """Register and verify ``image`` as every page of the form; it is the page whose
    printed bubbles confirm the fit (``expected`` is tried first and wins a tie of one)."""
    order = [expected] + [p for p in range(1, template.pages + 1) if p != expected]
    tries = []
    with same_image(image):  # the marks and the page outline found once for every page
        for p in order:
            reg = register(image, template, p)
            fit = fit_page(image, template, reg) if reg.ok else None
            tries.append(_Try(p, reg, fit, fit.verified_share(template) if fit else 0.0))
    if not any(t.reg.ok for t in tries):
        return Identified(tries[0].reg, None, None)  # not this form at all: its own reason
    ranked = sorted(tries, key=lambda t: -t.share)  # stable: the expected page first among equals
    best = ranked[0]
    if best.share < MIN_SHARE:
        return Identified(best.reg, best.fit, None, _(
            "no page of the form fits this page's printed bubbles (best: page {page}, {percent:.0f}% of its bubbles confirmed)"
        ).format(page=best.page, percent=100 * best.share))
    rivals = [t for t in ranked[1:] if t.share >= MIN_SHARE and t.share >= best.share - TIE]
    if rivals:
        pages = ", ".join(str(t.page) for t in sorted([best] + rivals, key=lambda t: t.page))
        return Identified(best.reg, best.fit, None, _(
            "cannot tell which page of the form this is: its printed bubbles fit pages {pages} alike"
        ).format(pages=pages))
    other = max((t.share for t in ranked[1:]), default=0.0)
    return Identified(best.reg, best.fit, best.page, note=_(
        "page {page} of the form, recognised by its printed bubbles ({percent:.0f}% confirmed; other pages {other:.0f}%)"
    ).format(page=best.page, percent=100 * best.share, other=100 * other))


def apply_identity(r: PageResult, ident: Identified) -> None:
    """Record on the result which page it is; a page not recognised keeps no reading."""
    if ident.page is not None:
        r.sheet_page = ident.page
        r.registration_note = f"{r.registration_note}; {ident.note}" if r.registration_note else ident.note
        return
    if not ident.reason:
        return
    r.sheet_page = None
    r.answers, r.id_digits, r.grid_fields, r.version_field = [], [], [], None
    r.student_id, r.student_id_source, r.version, r.grids = None, "", None, {}
    if r.status != NOT_A_SHEET:
        r.status = REVIEW
    r.reason = ident.reason


def link_form_pages(results: Sequence[PageResult], template: Template) -> None:
    """Put the pages of each student's form together (``results`` in batch order).

    A student's pages are taken to be scanned together: a set starts at a page 1 (or at
    the start of the batch, or after a page not recognised). A set holding every page of
    the form once is accepted, and its later pages take the student ID read on its first
    page — unless a neighbouring set lacks a page this one could have taken from it (its
    first page when the set before lacks that page, its last page when the set after
    does: pages swapped next to a missing one), since which student the page belongs to
    is then a guess. Every other page goes to review with the reason (a page missing,
    scanned twice, or out of order)."""
    if not pages_by_content(template):
        return
    pages = [r.sheet_page if r.status in (OK, REVIEW) else None for r in results]
    n = template.pages
    sets = _runs(pages)
    have = [{pages[i] for i in s} for s in sets]
    for k, members in enumerate(sets):
        why = _set_problem(members, pages, n)
        if not why:
            before = have[k - 1] if k > 0 else None
            after = have[k + 1] if k + 1 < len(sets) else None
            if (before is not None and len(before) < n and pages[members[0]] not in before) or \
                    (after is not None and len(after) < n and pages[members[-1]] not in after):
                why = _("a page is missing next to this student's pages, which could belong to either student: check them")
        if why:
            for i in members:
                _to_review(results[i], why)
        else:
            _link({pages[i] or 0: results[i] for i in members}, n)


def _runs(pages: list[int | None]) -> list[list[int]]:
    """The batch (form page of each result, None: not recognised) cut into sets of result
    positions, each starting at a page 1 or after a page not recognised."""
    out: list[list[int]] = []
    order: list[int] = []
    for i, p in enumerate(pages):
        if order and (p is None or p == 1):
            out.append(order)
            order = []
        if p is not None:
            order.append(i)
    if order:
        out.append(order)
    return out


def _set_problem(members: list[int], pages: list[int | None], n: int) -> str:
    """Why a set is not one student's whole form ("" when it is)."""
    got = [pages[i] or 0 for i in members]
    twice = sorted({p for p in got if got.count(p) > 1})
    missing = [p for p in range(1, n + 1) if p not in got]
    if twice:
        return _("page {pages} of this student's form appears twice in the batch: check which scan belongs to whom").format(
            pages=", ".join(map(str, twice)))
    if missing:
        return _("page {missing} of this student's form is missing here, or the batch is out of order (pages found together: {found})").format(
            missing=", ".join(map(str, missing)), found=", ".join(map(str, got)))
    return ""


def _link(pages: dict[int, PageResult], n: int) -> None:
    """A complete set: the later pages take the student ID of page 1 (unless they read
    their own, which must agree)."""
    first = pages[1]
    for p in range(2, n + 1):
        r = pages[p]
        if r.student_id and first.student_id and r.student_id != first.student_id:
            why = _("student ID {other} on page {page} differs from {first_id} on page 1 of the same form").format(
                other=r.student_id, page=p, first_id=first.student_id)
            _to_review(r, why)
            _to_review(first, why)
            continue
        if r.student_id or not first.student_id:
            continue
        r.student_id = first.student_id
        r.student_id_source = "page 1"
        r.version = r.version or first.version


def _to_review(r: PageResult, why: str) -> None:
    if r.status in (ERROR, NOT_A_SHEET):
        return
    r.status = REVIEW
    r.reason = f"{why}; {r.reason}" if r.reason else why
