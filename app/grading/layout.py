"""Designing a TeacherDesk answer sheet: pure geometry, returned as a :class:`Template`.

The printed PDF (sheet_pdf.py) draws exactly what this template says, so the reader and
the printer can never disagree. Layout, in points from the top-left corner:

* four ArUco markers in the corners (ids ``4*(page-1) + 0..3``: top-left, top-right,
  bottom-right, bottom-left), which give the page, its orientation and the homography;
* a header with the title, name and class lines, instructions and a QR code;
* on page 1 a side column with the student-ID grid and the version bubbles;
* questions in columns, a small gap after every 5 questions; more pages if needed.
"""

from __future__ import annotations

import secrets

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.grading.template import (
    PAPER_SIZES,
    Block,
    Marker,
    Policy,
    QrRegion,
    Registration,
    Template,
)

MARGIN = 26.0
MARKER = 34.0
QR_SIZE = 64.0
QR_VERSION = 3  # 29 modules; byte capacity 42 at level M
QR_MODULES = 29
QR_BORDER = 2
QR_FIXED_CAPACITY = 42
HEADER_BOTTOM = 168.0  # page 1 body starts here
CONT_HEADER_BOTTOM = 96.0  # continuation pages
FOOTER = 72.0
ROW_STEP = 15.5
GROUP = 5
GROUP_GAP = 5.0
LABEL_W = 24.0
COL_GAP = 12.0
ID_STEP = 14.0
ID_BUBBLE = 10.0
MAX_PAGES = 12  # 50 ArUco ids in DICT_4X4_50 / 4 per page


class LayoutError(UserFacingError, ValueError):
    """The requested sheet cannot be laid out (too many questions or choices)."""


def choice_labels(choices: int | str) -> list[str]:
    if isinstance(choices, str):
        text = choices.strip().upper().replace(" ", "").replace(",", "")
        if text.lower() in ("tf", "truefalse", "true/false"):
            return ["T", "F"]
        if len(text) == 3 and text[1] == "-":  # "A-D"
            text = "ABCDEFGHIJ"[: "ABCDEFGHIJ".find(text[2]) + 1] if text[0] == "A" else text
        if text.isalpha():
            # The letters themselves ("ABCD"): accepted when they run from A without a gap.
            if "ABCDEFGHIJ".startswith(text):
                return choice_labels(len(text))
            raise LayoutError(_("choices must run from A (A-J), or be a number 2-10 or TF, not {choices}").format(choices=choices))
        try:
            choices = int(text)
        except ValueError:
            raise LayoutError(_("choices must be 2-10 (A-J) or TF, not {choices}").format(choices=choices)) from None
    if not 2 <= choices <= 10:
        raise LayoutError(_("choices must be 2-10 (A-J) or TF, not {choices}").format(choices=choices))
    return list("ABCDEFGHIJ"[:choices])


def new_exam_id() -> str:
    return secrets.token_hex(4)


def design_sheet(
    questions: int,
    choices: int | str = 4,
    *,
    id_digits: int = 0,
    versions: int = 0,
    paper: str = "letter",
    title: str = "",
    exam_id: str | None = None,
    cancel_full_box: bool = True,
) -> Template:
    """The template of an answer sheet with these options (one or more pages)."""
    if not 1 <= questions <= 200:
        raise LayoutError(_("questions must be 1-200, not {questions}").format(questions=questions))
    if not 0 <= id_digits <= 10:
        raise LayoutError(_("id digits must be 0-10, not {id_digits}").format(id_digits=id_digits))
    if not (versions == 0 or 2 <= versions <= 4):
        raise LayoutError(_("versions must be 0 (none) or 2-4 (A-D), not {versions}").format(versions=versions))
    if paper.lower() not in PAPER_SIZES:
        raise LayoutError(_("paper must be letter or a4, not {paper}").format(paper=paper))
    width, height = PAPER_SIZES[paper.lower()]
    labels = choice_labels(choices)
    k = len(labels)
    choice_step = 16.0 if k <= 6 else 14.5
    bubble = 11.0 if k <= 6 else 10.0
    col_w = LABEL_W + k * choice_step
    exam_id = exam_id or new_exam_id()
    if "|" in exam_id:
        raise LayoutError(_("exam id may not contain '|'"))

    blocks: list[Block] = []
    left, right = MARGIN + 14, width - MARGIN - 14
    page = 1
    next_q = 1
    while next_q <= questions:
        if page > MAX_PAGES:
            raise LayoutError(_("too many pages for one exam"))
        top = HEADER_BOTTOM if page == 1 else CONT_HEADER_BOTTOM
        x0 = left
        if page == 1 and (id_digits or versions):
            side_w = max(id_digits * ID_STEP, versions * 18.0, 64.0) + 18
            if id_digits:
                blocks.append(
                    Block(
                        kind="id",
                        x=left + 6,
                        y=top + 34,
                        count=id_digits,
                        choices=list("0123456789"),
                        item_step=(ID_STEP, 0.0),
                        choice_step=(0.0, ID_STEP),
                        bubble=(ID_BUBBLE, ID_BUBBLE),
                        page=1,
                    )
                )
            if versions:
                vy = top + (34 + 10 * ID_STEP + 34 if id_digits else 20)
                blocks.append(
                    Block(
                        kind="version",
                        x=left + 6,
                        y=vy,
                        count=1,
                        choices=list("ABCD"[:versions]),
                        item_step=(0.0, 0.0),
                        choice_step=(18.0, 0.0),
                        bubble=(bubble, bubble),
                        page=1,
                    )
                )
            x0 = left + side_w
        avail_w = right - x0
        cols = int((avail_w + COL_GAP) // (col_w + COL_GAP))
        if cols < 1:
            raise LayoutError(_("the questions do not fit across the page; use fewer choices or ID digits"))
        y_first = top + 12
        bottom = height - FOOTER
        rows = 0
        while True:
            n = rows + 1
            y_last = y_first + (n - 1) * ROW_STEP + ((n - 1) // GROUP) * GROUP_GAP
            if y_last + bubble / 2 > bottom:
                break
            rows = n
        remaining = questions - next_q + 1
        capacity = cols * rows
        on_page = min(remaining, capacity)
        # Spread evenly over the columns used, in multiples of the 5-question groups.
        cols_used = -(-on_page // rows)
        per_col = -(-on_page // cols_used)
        if per_col % GROUP and per_col < rows:
            per_col = min(rows, per_col + GROUP - per_col % GROUP)
        spare = avail_w - cols_used * col_w - (cols_used - 1) * COL_GAP
        gap = COL_GAP + (spare / max(cols_used - 1, 1) if cols_used > 1 else 0)
        gap = min(gap, 40.0)
        placed = 0
        c = 0
        while placed < on_page:
            count = min(per_col, on_page - placed)
            blocks.append(
                Block(
                    kind="questions",
                    x=x0 + c * (col_w + gap) + LABEL_W + choice_step / 2,
                    y=y_first,
                    count=count,
                    choices=list(labels),
                    item_step=(0.0, ROW_STEP),
                    choice_step=(choice_step, 0.0),
                    bubble=(bubble, bubble),
                    first=next_q + placed,
                    page=page,
                    group=GROUP,
                    group_gap=GROUP_GAP,
                )
            )
            placed += count
            c += 1
        next_q += on_page
        page += 1
    pages = page - 1

    markers: list[Marker] = []
    half = MARKER / 2
    for p in range(1, pages + 1):
        base = 4 * (p - 1)
        for k_, (mx, my) in enumerate(
            [
                (MARGIN + half, MARGIN + half),
                (width - MARGIN - half, MARGIN + half),
                (width - MARGIN - half, height - MARGIN - half),
                (MARGIN + half, height - MARGIN - half),
            ]
        ):
            markers.append(Marker(base + k_, mx, my, MARKER, p))
    qr = [
        QrRegion(width - MARGIN - MARKER - 12 - QR_SIZE, MARGIN - 2, QR_SIZE, p)
        for p in range(1, pages + 1)
    ]
    return Template(
        name=title or f"{questions} questions",
        title=title,
        exam_id=exam_id,
        page_width=width,
        page_height=height,
        pages=pages,
        registration=Registration(method="aruco", dictionary="DICT_4X4_50", markers=markers),
        blocks=blocks,
        qr=qr,
        policy=Policy(cancel_full_box=cancel_full_box),
    )


def qr_payload(exam_id: str, page: int, pages: int, student_id: str = "", version: str = "") -> str:
    """The text in a sheet's QR code: ``TDX1|exam|page/pages|student id|version``."""
    return f"TDX1|{exam_id}|{page}/{pages}|{student_id}|{version}"


def parse_qr_payload(text: str) -> dict[str, str | int] | None:
    parts = text.split("|")
    if len(parts) != 5 or parts[0] != "TDX1":
        return None
    try:
        page_s, pages_s = parts[2].split("/")
        return {
            "exam_id": parts[1],
            "page": int(page_s),
            "pages": int(pages_s),
            "student_id": parts[3],
            "version": parts[4],
        }
    except ValueError:
        return None
