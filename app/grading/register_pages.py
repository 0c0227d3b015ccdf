"""Forms of several pages whose marks do not say which page they are.

TeacherDesk's own sheets carry the page in their ArUco ids and QR code. A district's
two-page form with corner marks, a timing track or no marks at all looks alike on every
page, so a batch is read in order: the scanner's pages 1, 2, 3, 4 of a two-page form are
form pages 1, 2, 1, 2. The student ID is bubbled on the first page only; the later pages
of each set take it from their first page (the result says so).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.grading.images import PageRef
from app.grading.results import ERROR, NOT_A_SHEET, PageResult
from app.grading.template import Template


def pages_in_order(template: Template) -> bool:
    """True when pages are identified by their order in the batch, not by their marks."""
    return template.pages > 1 and template.registration.method != "aruco"


def assign_sheet_pages(refs: Sequence[PageRef], template: Template) -> list[PageRef]:
    """The refs with the form page each one is expected to be (in batch order)."""
    if not pages_in_order(template):
        return list(refs)
    out = []
    for n, ref in enumerate(refs):
        out.append(PageRef(ref.path, ref.index, ref.count, n % template.pages + 1))
    return out


def link_form_pages(pages: Sequence[tuple[int, PageResult]], template: Template) -> None:
    """Give the later pages of each set the student ID read on its first page.

    ``pages``: (expected form page, result) in batch order. A later page whose own grids
    give an ID keeps it (the combination step reports a conflict); a set whose first page
    could not be read links nothing."""
    if not pages_in_order(template):
        return
    first: PageResult | None = None
    for sheet_page, r in pages:
        if sheet_page == 1:
            first = r if r.status not in (ERROR, NOT_A_SHEET) else None
            continue
        if first is None or r.student_id or not first.student_id or r.status in (ERROR, NOT_A_SHEET):
            continue
        r.student_id = first.student_id
        r.student_id_source = "page 1"
        r.version = r.version or first.version
