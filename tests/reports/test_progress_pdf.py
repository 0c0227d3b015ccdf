"""Progress-report PDFs read back: text, embedded fonts, pages, Spanish, a PNG render."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from app.reports.progress_pdf import render_report
from tests.reports.samples import NAMES, sample_report


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _font_names(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            names.add((str(font["/BaseFont"]), embedded))
    return names


@pytest.mark.parametrize("name", NAMES)
def test_unicode_names_print_with_embedded_dejavu(name: str) -> None:
    reader = _pdf(render_report(sample_report(name=name)))
    text = _text(reader)
    assert name in text
    assert "Siobhán Kelly" in text and "Nguyễn Văn Minh" in text  # teachers' names too
    fonts = _font_names(reader)
    assert fonts, "no fonts found"
    # Every font is an embedded DejaVu subset: no base-14 Helvetica that would box these letters.
    assert all("DejaVuSans" in base and embedded for base, embedded in fonts), fonts


def test_english_labels_grades_and_one_page() -> None:
    reader = _pdf(render_report(sample_report(classes=6)))
    text = _text(reader)
    assert len(reader.pages) == 1  # a typical student: six classes on one page
    for label in ("Progress Report", "Grades", "Missing work", "Attendance", "Page 1 of 1",
                  "Issued October 23, 2026", "Fractions worksheet 3", "Parent or guardian signature"):
        assert label in text, label
    assert "94.0%" in text  # attendance rate: 47 of 50 days (present 44 + tardy 3)
    assert "B+" in text and "Homework (30%): 88.5%" in text
    assert "José works hard and asks good questions." in text  # comment as written


def test_spanish_labels_dates_and_numbers() -> None:
    reader = _pdf(render_report(sample_report(language="es", classes=6)))
    text = _text(reader)
    for label in ("Informe de progreso", "Calificaciones", "Trabajos pendientes", "Asistencia",
                  "Tasa de asistencia", "Página 1 de 1", "Emitido el 23 de octubre de 2026",
                  "Firma del padre, madre o tutor", "Tareas (30%): 88,5%", "Exámenes"):
        assert label in text, label
    assert "94,0%" in text  # Spanish decimal comma
    assert "2 trabajos no se han entregado." in text
    # Teacher comments and titles stay as written.
    assert "José works hard and asks good questions." in text
    assert "Fractions worksheet 3" in text and "Progress Report" not in text


def test_long_report_flows_to_more_pages_with_numbers() -> None:
    report = sample_report(classes=10)
    for cls in report.classes:
        cls.comment = "A long comment that goes on. " * 12
    reader = _pdf(render_report(report))
    pages = len(reader.pages)
    assert pages >= 2
    last = reader.pages[-1].extract_text()
    assert f"Page {pages} of {pages}" in last
    assert "José Álvarez — Progress Report — Fall Term 2026" in last  # running head


def test_report_renders_to_png(tmp_path: Path) -> None:
    """Render page 1 to a PNG a person can open (kept in the test's tmp folder)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(render_report(sample_report(language="es")))
    try:
        image = pdf[0].render(scale=100 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    out = tmp_path / "report-es.png"
    image.save(out)
    assert out.stat().st_size > 10_000
    assert image.size == (850, 1100)  # US Letter at 100 dpi
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (image.size[0] * image.size[1])
    assert 0.01 < dark < 0.3  # real content, not a blank or black page
    # The header band (school name, title) is drawn at the top of the page.
    top = image.crop((0, 0, 850, 150)).histogram()
    assert sum(top[:128]) > 500


def test_every_report_label_is_translated_to_spanish() -> None:
    """Adding a label without its Spanish would print English to a Spanish family."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    from app.paths import asset

    root = Path(__file__).resolve().parents[2] / "app" / "reports"
    keywords = {"_": None, "N_": None, "n_": (1, 2)}
    found = set()
    for file, _line, message, _comments, _ctx in extract_from_dir(str(root), keywords=keywords):
        if "from app.core.i18n import" in (root / file).read_text(encoding="utf-8"):
            continue  # the app's own messages (domain "core"), checked by tests/core
        found.add(message if isinstance(message, str) else message[0])
    with (asset("translations") / "es" / "LC_MESSAGES" / "reports.po").open("rb") as fh:
        catalog = read_po(fh, locale="es")
    untranslated = sorted(m for m in found if not (catalog.get(m) and catalog.get(m).string))
    assert len(found) > 40
    assert untranslated == []


def test_standards_based_class_prints_marks_not_letters() -> None:
    report = sample_report(language="es", classes=1)
    cls = report.classes[0]
    cls.standards_based, cls.standards_mark, cls.trend = True, 2.75, []
    for cat, mark in zip(cls.categories, (3.5, 2.0, 2.75), strict=True):
        cat.standards_mark = mark
    text = _text(_pdf(render_report(report)))
    # 2.75 on a 4-point scale -> mark 3 ("Meets standard"); per standard 4, 2 and 3.
    assert "Cumple el estándar" in text
    assert "Tareas: 4 (3,5)" in text and "Pruebas cortas: 2 (2)" in text and "Exámenes: 3 (2,75)" in text
    assert "B+" not in text


def test_school_logo_is_embedded(tmp_path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 40)).save(buffer, format="PNG")
    report = sample_report()
    report.school.logo_png = buffer.getvalue()
    reader = _pdf(render_report(report))
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1 and images[0]["/Width"] == 120 and images[0]["/Height"] == 80
    # A broken logo must not stop the report (the initials badge is drawn instead).
    report.school.logo_png = b"not a png"
    assert "Roosevelt Middle School" in _text(_pdf(render_report(report)))


def test_attendance_never_taken_is_left_out() -> None:
    """No "Days present 0 / absent 0" for a student whose attendance was never taken."""
    import dataclasses

    from app.reports.model import AttendanceSummary

    report = dataclasses.replace(sample_report(), attendance=AttendanceSummary())
    text = _text(_pdf(render_report(report)))
    assert "Missing work" in text
    assert "Days present" not in text and "Attendance rate" not in text
    assert "Days present" in _text(_pdf(render_report(sample_report())))


def test_trend_chart_needs_two_points_in_a_class() -> None:
    import dataclasses
    import datetime as dt

    base = sample_report(classes=2)
    one_point = [dataclasses.replace(cls, trend=cls.trend[:1]) for cls in base.classes]
    text = _text(_pdf(render_report(dataclasses.replace(base, classes=one_point))))
    assert "Progress over the period" not in text
    assert "Progress over the period" in _text(_pdf(render_report(base)))
    # Two points a day apart: the axis widens into the past, never past the last date.
    from app.reports.chart import trend_chart

    day = dt.date(2026, 10, 20)
    drawing = trend_chart([("Math", [(day - dt.timedelta(days=1), 80.0), (day, 85.0)])], "en", 400, 100,
                          "none", end=day)
    labels = [node.text for node in drawing.contents[0].contents if hasattr(node, "text")]
    assert "Oct 20" in labels and "Oct 26" not in labels, labels
