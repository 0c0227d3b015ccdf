"""One student's progress report as a PDF (ReportLab), in the family's language.

Every label goes through the ``reports`` gettext catalog of the report's language; dates,
percents and numbers through Babel; names, class titles, assignment titles and teacher
comments print as written. Fonts are DejaVu Sans, embedded (subset), so every name
prints. A typical report (up to about six classes) fits one US Letter page; longer ones
flow onto more pages with a running header, and every page says "Page x of y".
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from app.i18n import normalize_language, translation
from app.reports import l10n
from app.reports.chart import trend_chart
from app.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from app.reports.gradebook import standards_level
from app.reports.model import ClassReport, StudentReport


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it here."""
    return message


# Category names teachers commonly use; translated when they match exactly, else as written.
COMMON_CATEGORIES = (
    N_("Homework"), N_("Classwork"), N_("Quizzes"), N_("Tests"), N_("Exams"), N_("Projects"),
    N_("Labs"), N_("Participation"), N_("Essays"), N_("Final exam"), N_("Uncategorized"),
)
STANDARDS_LABELS = {
    4: N_("Exceeds standard"),
    3: N_("Meets standard"),
    2: N_("Approaching standard"),
    1: N_("Beginning"),
}

INK = colors.HexColor("#1D2733")
ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#5B6670")
RULE = colors.HexColor("#C9D1D9")
SHADE = colors.HexColor("#F2F5F8")
ALERT = colors.HexColor("#A4262C")

PAGE_SIZES = {"letter": LETTER, "a4": A4}
WORK_DETAIL_MAX_CLASSES = 2  # list every assignment when a report covers this few classes
MARGIN = 0.6 * inch


class _Labels:
    """The report's language: gettext, ngettext and Babel formatting in one place."""

    def __init__(self, language: str) -> None:
        self.language = language
        catalog = translation("reports", normalize_language(language))
        self._ = catalog.gettext
        self.n_ = catalog.ngettext

    def category(self, name: str) -> str:
        return self._(name) if name in COMMON_CATEGORIES else name


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=12, textColor=INK)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "small_ink": ParagraphStyle("small_ink", parent=base, fontSize=7.5, leading=9),
        "small_alert": ParagraphStyle("small_alert", parent=base, fontSize=7.5, leading=9, textColor=ALERT),
        "school": ParagraphStyle("school", parent=base, fontName=BOLD, fontSize=14, leading=17),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=15, leading=18,
                                textColor=ACCENT, alignment=TA_RIGHT),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "right_small": ParagraphStyle("right_small", parent=base, fontSize=8, leading=10,
                                      textColor=MUTED, alignment=TA_RIGHT),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=10.5, leading=13,
                             textColor=ACCENT, spaceBefore=7, spaceAfter=2),
        "bold": ParagraphStyle("bold", parent=base, fontName=BOLD),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=9, leading=11),
        "grade": ParagraphStyle("grade", parent=base, fontName=BOLD, fontSize=12, leading=14,
                                alignment=TA_RIGHT),
        "comment": ParagraphStyle("comment", parent=base, fontName=ITALIC, fontSize=8.5, leading=11),
        "alert": ParagraphStyle("alert", parent=base, fontSize=8.5, leading=10.5, textColor=ALERT),
    }


def _table_style(commands: list[Any]) -> TableStyle:
    """A table style that starts every cell in DejaVu (ReportLab's default is Helvetica,
    which would be referenced, unembedded, even for cells that only hold paragraphs)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9), *commands])


def _esc(text: str) -> str:
    """User text into a Paragraph: escape markup, keep line breaks."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
    )


def _monogram(name: str, size: float) -> Drawing:
    """A simple round badge with the school's initials when it has no logo."""
    initials = "".join(word[0] for word in name.split() if word[:1].isalpha())[:3].upper() or "S"
    drawing = Drawing(size, size, initialFontName=REGULAR)
    drawing.add(Circle(size / 2, size / 2, size / 2 - 1, fillColor=ACCENT, strokeColor=None))
    drawing.add(String(size / 2, size / 2 - 6, initials, fontName=BOLD, fontSize=size / 3.2,
                       fillColor=colors.white, textAnchor="middle"))
    return drawing


def _logo(report: StudentReport, size: float) -> Flowable:
    if report.school.logo_png:
        try:
            from reportlab.lib.utils import ImageReader

            reader = ImageReader(io.BytesIO(report.school.logo_png))
            w, h = reader.getSize()
            scale = size / max(w, h)
            return Image(io.BytesIO(report.school.logo_png), width=w * scale, height=h * scale)
        except Exception:  # a broken logo must not stop a class set of reports
            pass
    return _monogram(report.school.name, size)


def _header(report: StudentReport, L: _Labels, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    _ = L._
    lang = L.language
    left = [Paragraph(_esc(report.school.name), st["school"])]
    for line in (report.school.address.replace("\n", ", "), report.school.phone):
        if line:
            left.append(Paragraph(_esc(line), st["small"]))
    if report.school_year:
        left.append(Paragraph(_esc(report.school_year), st["small"]))
    period = report.period_name or _("Year to date")
    dates = ""
    if report.period_start and report.period_end:
        dates = f"{l10n.date_medium(report.period_start, lang)} – {l10n.date_medium(report.period_end, lang)}"
    right = [
        Paragraph(_("Progress Report"), st["title"]),
        Paragraph(_esc(period), st["right"]),
    ]
    if dates:
        right.append(Paragraph(dates, st["right_small"]))
    right.append(Paragraph(_("Issued {date}").format(date=l10n.date_long(report.issued, lang)), st["right_small"]))
    logo_size = 0.72 * inch
    table = Table(
        [[_logo(report, logo_size), left, right]],
        colWidths=[logo_size + 10, width * 0.5 - logo_size - 10, width * 0.5],
    )
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [table, Spacer(1, 4), HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceAfter=5)]


def _student_box(report: StudentReport, L: _Labels, st: dict[str, ParagraphStyle], width: float) -> Flowable:
    _ = L._

    def pair(label: str, value: str) -> list[Any]:
        return [label, Paragraph(_esc(value) or "—", st["cell_bold"])]

    rows = [
        pair(_("Student"), report.student_name) + pair(_("Student ID"), report.local_id),
        pair(_("Grade level"), report.grade_level) + pair(
            _("Prepared for"), ", ".join(report.guardians) or _("Family of {name}").format(name=report.student_name)
        ),
    ]
    table = Table(rows, colWidths=[width * 0.13, width * 0.37, width * 0.18, width * 0.32])
    table.setStyle(_table_style([
        ("FONT", (0, 0), (-1, -1), REGULAR, 7.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), MUTED),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _mark_text(cls: ClassReport, L: _Labels) -> tuple[str, str]:
    """(big mark, small line under it) for one class."""
    if cls.standards_based:
        level = standards_level(cls.standards_mark)
        if level is None:
            return "—", ""
        return str(level), L._(STANDARDS_LABELS[level])
    if cls.percent is None:
        return "—", L._("No grades yet")
    return cls.letter or "—", l10n.percent(cls.percent, L.language)


def _breakdown(cls: ClassReport, L: _Labels) -> str:
    _ = L._
    lang = L.language
    parts = []
    if cls.term_grades:
        terms = " · ".join(f"{_esc(name)}: <b>{l10n.percent(p, lang)}</b>" for name, p in cls.term_grades)
        parts.append(_("Year grade from the terms: {terms}").format(terms=terms))
    for cat in cls.categories:
        name = _esc(L.category(cat.name or "Uncategorized"))
        if cls.standards_based:
            level = standards_level(cat.standards_mark)
            value = f"{level} ({l10n.number(cat.standards_mark or 0, lang, 2)})" if level else "—"
            parts.append(f"{name}: <b>{value}</b>")
            continue
        if cls.mode == "weighted" and cat.weight:
            head = f"{name} ({l10n.percent(cat.weight, lang, 0)})"
        elif not cat.counts:
            head = f"{name} ({_('not counted in the grade')})"
        else:
            head = name
        value = l10n.percent(cat.percent, lang) if cat.percent is not None else "—"
        piece = f"{head}: <b>{value}</b>"
        if cls.mode == "points" and cat.possible:
            piece += " " + _("({earned} of {possible} points)").format(
                earned=l10n.number(cat.earned, lang), possible=l10n.number(cat.possible, lang)
            )
        if cat.dropped:
            piece += " " + L.n_("(lowest score dropped)", "(lowest {n} scores dropped)", cat.dropped).format(n=cat.dropped)
        parts.append(piece)
    return " · ".join(parts)


def _grades_table(report: StudentReport, L: _Labels, st: dict[str, ParagraphStyle], width: float) -> Flowable:
    _ = L._
    head = [Paragraph(_("Class"), st["small"]), Paragraph(_("Teacher"), st["small"]),
            Paragraph(_("Grade"), st["right_small"]), Paragraph("", st["small"])]
    rows: list[list[Any]] = [head]
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for cls in report.classes:
        big, under = _mark_text(cls, L)
        where = " · ".join(
            part for part in (
                _("Period {period}").format(period=_esc(cls.period)) if cls.period else "",
                _("Room {room}").format(room=_esc(cls.room)) if cls.room else "",
            ) if part
        )
        name = f"<b>{_esc(cls.name)}</b>"
        if where:
            name += f'  <font size="7.5" color="#5B6670">{where}</font>'
        r = len(rows)
        rows.append([Paragraph(name, st["cell"]), cls.teacher, under, big])
        extra = [Paragraph(_breakdown(cls, L), st["small"])]
        if cls.comment.strip():
            label = _("Comment:")
            extra.append(Paragraph(
                f'<font name="{BOLD}" color="#5B6670">{label}</font> {_esc(cls.comment.strip())}',
                st["comment"]))
        rows.append([extra, "", "", ""])
        style += [
            ("FONT", (1, r), (2, r), REGULAR, 8.5),
            ("FONT", (3, r), (3, r), BOLD, 12),
            ("ALIGN", (2, r), (3, r), "RIGHT"),
            ("SPAN", (0, r + 1), (-1, r + 1)),
            ("TOPPADDING", (0, r), (-1, r), 4),
            ("BOTTOMPADDING", (0, r), (-1, r), 0),
            ("BOTTOMPADDING", (0, r + 1), (-1, r + 1), 4),
            ("LINEBELOW", (0, r + 1), (-1, r + 1), 0.4, RULE),
        ]
    if not report.classes:
        rows.append([Paragraph(_("No classes in this period."), st["cell"]), "", "", ""])
    table = Table(rows, colWidths=[width * 0.42, width * 0.28, width * 0.18, width * 0.12], repeatRows=1)
    table.setStyle(_table_style(style))
    return table


def _missing_and_attendance(report: StudentReport, L: _Labels, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    _ = L._
    lang = L.language
    missing = [(cls.name, work) for cls in report.classes for work in cls.missing]
    left: list[Flowable] = [Paragraph(_("Missing work"), st["h2"])]
    if missing:
        left.append(Paragraph(
            L.n_("{n} assignment has not been turned in.", "{n} assignments have not been turned in.",
                 len(missing)).format(n=len(missing)), st["alert"]))
        rows = [[Paragraph(_("Assignment"), st["small"]), Paragraph(_("Class"), st["small"]),
                 Paragraph(_("Due"), st["small"])]]
        for cls_name, work in missing:
            rows.append([Paragraph(_esc(work.title), st["cell"]), cls_name,
                         l10n.date_medium(work.due_date, lang) or "—"])
        col = width * 0.58
        table = Table(rows, colWidths=[col * 0.42, col * 0.33, col * 0.25], repeatRows=1)
        table.setStyle(_table_style([
            ("FONT", (0, 1), (-1, -1), REGULAR, 8.5),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        left.append(table)
    else:
        left.append(Paragraph(_("No missing work. Well done!"), st["cell"]))

    att = report.attendance
    if att.days == 0:
        # Attendance was never taken for this student: "Days present 0 / absent 0" would
        # tell a family their child never came. Leave the block out instead.
        return [KeepTogether(left)]
    right: list[Flowable] = [Paragraph(_("Attendance"), st["h2"])]
    counts = [
        (_("Days present"), att.present),
        (_("Days absent"), att.absent),
        (_("Tardies"), att.tardy),
        (_("Excused absences"), att.excused),
    ]
    rows2: list[list[Any]] = [[label, l10n.number(value, lang)] for label, value in counts]
    rows2.append([_("Attendance rate"), l10n.percent(att.rate * 100 if att.rate is not None else None, lang)])
    table2 = Table(rows2, colWidths=[width * 0.27, width * 0.11])
    table2.setStyle(_table_style([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("FONT", (0, -1), (-1, -1), BOLD, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    right.append(table2)
    outer = Table([[left, right]], colWidths=[width * 0.6, width * 0.4])
    outer.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [outer]


def _work_tables(report: StudentReport, L: _Labels, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """Every scored assignment, for reports of one or two classes (a teacher's class set)."""
    _ = L._
    lang = L.language
    out: list[Flowable] = []
    for cls in report.classes:
        if not cls.work:
            continue
        out.append(Paragraph(_("Assignments in {class_name}").format(class_name=_esc(cls.name)), st["h2"]))
        rows: list[list[Any]] = [[_("Assignment"), _("Category"), _("Due"), _("Score"), _("Counts as"), _("Notes")]]
        style: list[Any] = [
            ("FONT", (0, 0), (-1, 0), REGULAR, 7.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("FONT", (0, 1), (-1, -1), REGULAR, 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("ALIGN", (3, 0), (4, -1), "RIGHT"),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
        for i, w in enumerate(cls.work, start=1):
            notes = [label for label, on in (
                (_("Missing"), w.missing), (_("Late"), w.late), (_("Excused"), w.excused),
                (_("Incomplete"), w.incomplete), (_("Extra credit"), w.extra_credit),
                (_("Dropped"), w.dropped)) if on]
            score = "—" if w.points is None else f"{l10n.number(w.points, lang)} / {l10n.number(w.possible, lang)}"
            counts = "—" if w.counted_percent is None else l10n.percent(w.counted_percent, lang, 0)
            rows.append([
                Paragraph(_esc(w.title), st["cell"]), L.category(w.category), l10n.date_medium(w.due_date, lang),
                score, counts, Paragraph(", ".join(notes), st["small_ink"]),
            ])
            if w.missing:
                style.append(("TEXTCOLOR", (0, i), (-1, i), ALERT))
                rows[-1][-1] = Paragraph(", ".join(notes), st["small_alert"])
            if i % 2 == 0:
                style.append(("BACKGROUND", (0, i), (-1, i), SHADE))
        table = Table(rows, colWidths=[width * f for f in (0.27, 0.13, 0.14, 0.12, 0.11, 0.23)], repeatRows=1)
        table.setStyle(_table_style(style))
        out.append(table)
    return out


def _signatures(L: _Labels, st: dict[str, ParagraphStyle], width: float) -> Flowable:
    _ = L._
    line = Paragraph("", st["base"])
    rows = [
        [line, "", line, ""],
        [Paragraph(_("Parent or guardian signature"), st["small"]), "",
         Paragraph(_("Date"), st["small"]), ""],
    ]
    table = Table(rows, colWidths=[width * 0.55, width * 0.08, width * 0.3, width * 0.07], rowHeights=[24, 12])
    table.setStyle(_table_style([
        ("LINEBELOW", (0, 0), (0, 0), 0.7, INK),
        ("LINEBELOW", (2, 0), (2, 0), 0.7, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    note = Paragraph(_("Please sign and return this page to school. Questions? Contact the teacher or the school office."), st["small"])
    return KeepTogether([Spacer(1, 8), table, Spacer(1, 3), note])


def _canvas_maker(footer_left: str, page_label: str, running_head: str, pagesize: tuple[float, float]) -> type[Canvas]:
    """A canvas that holds pages back until the end so each can say 'Page x of y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            width, _height = pagesize
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, 0.5 * inch, width - MARGIN, 0.5 * inch)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 0.36 * inch, footer_left)
            self.drawRightString(width - MARGIN, 0.36 * inch, page_label.format(page=number, pages=total))
            if number > 1:
                self.drawString(MARGIN, pagesize[1] - 0.4 * inch, running_head)
            self.restoreState()

    return NumberedCanvas


def build_story(report: StudentReport, width: float) -> list[Flowable]:
    L = _Labels(report.language)
    _ = L._
    st = _styles()
    story: list[Flowable] = []
    story += _header(report, L, st, width)
    story.append(_student_box(report, L, st, width))
    story.append(Paragraph(_("Grades"), st["h2"]))
    story.append(_grades_table(report, L, st, width))
    scales = {tuple(cls.scale) for cls in report.classes if cls.scale and not cls.standards_based}
    if len(scales) == 1:
        scale = " · ".join(f"{_esc(letter)}&nbsp;≥&nbsp;{l10n.number(cut, report.language)}"
                           for letter, cut in next(iter(scales)) if cut > 0)
        story.append(Spacer(1, 3))
        story.append(Paragraph(_("Grading scale (percent): {scale}").format(scale=scale), st["small"]))
    series = [(cls.name, cls.trend) for cls in report.classes if not cls.standards_based]
    # A trend needs two points in one class; a single dot says nothing and looks broken.
    if any(len(points) >= 2 for _n, points in series):
        chart = trend_chart(
            series, report.language, width,
            (1.2 if len(report.classes) <= WORK_DETAIL_MAX_CLASSES else 1.45) * inch,
            no_data_label=_("No scores yet"),
            start=report.period_start, end=min(report.period_end, report.issued) if report.period_end else None,
        )
        story.append(KeepTogether([Paragraph(_("Progress over the period"), st["h2"]),
                                   Paragraph(_("Each line is the class grade as it stood after each due date."), st["small"]),
                                   chart]))
    story += _missing_and_attendance(report, L, st, width)
    if len(report.classes) <= WORK_DETAIL_MAX_CLASSES:
        story += _work_tables(report, L, st, width)
    story.append(_signatures(L, st, width))
    return story


def prepare() -> None:
    """Per-process set-up: fonts registered once, and ReportLab's attribute checking on
    chart shapes switched off (it validates every assignment and costs about a fifth
    of the time of a report; our charts are fixed code, not user input)."""
    from reportlab import rl_config

    rl_config.shapeChecking = 0
    # Binary (compressed) streams as they are: ASCII85 would only add a quarter to the
    # size and a tenth to the time.
    rl_config.useA85 = 0
    register_fonts()


def render_report(report: StudentReport, page: str = "letter") -> bytes:
    """The report as PDF bytes (kept in memory: student data never touches a temp file)."""
    prepare()
    L = _Labels(report.language)
    _ = L._
    pagesize = PAGE_SIZES.get(page, LETTER)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=0.55 * inch, bottomMargin=0.7 * inch,
        title=_("Progress Report") + f" — {report.student_name}",
        author=report.school.name, subject=report.period_name, creator="TeacherDesk",
        lang=normalize_language(report.language),
        # Otherwise every page starts in (unembedded) Helvetica.
        initialFontName=REGULAR, initialFontSize=9, initialLeading=12,
    )
    period = report.period_name or _("Year to date")
    footer_left = _("{student} · {period} · Confidential student record").format(
        student=report.student_name, period=period)
    running = f"{report.student_name} — {_('Progress Report')} — {period}"
    maker = _canvas_maker(footer_left, _("Page {page} of {pages}"), running, pagesize)
    # The frame pads 6 pt on each side; tables as wide as the frame line up with the text.
    doc.build(build_story(report, doc.width - 12), canvasmaker=maker)
    return buffer.getvalue()


def write_report(report: StudentReport, path: Path, page: str = "letter") -> Path:
    path.write_bytes(render_report(report, page))
    return path


