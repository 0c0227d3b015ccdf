"""What the fuzz suite feeds, and to what: one target per parser or importer.

Each target has seed inputs (real, valid files of its kind) and ``run(data, folder)``,
which hands ``data`` to the parser the way the app does (as a file in ``folder``). A
target passes an input when the parser returns or raises a
:class:`~app.core.errors.UserFacingError`; any other exception is a traceback a teacher
would have seen, and a failure. Used by the hypothesis tests in ``tests/fuzz`` (short, in
CI) and by ``benchmarks/fuzz.py`` (10,000 inputs per target, with time and memory).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests"


@dataclass(frozen=True)
class Target:
    name: str
    seeds: Callable[[], list[bytes]]
    run: Callable[[bytes, Path], object]
    # structured mutations that byte flips rarely find (numbers, nesting, sizes)
    tokens: tuple[bytes, ...] = ()


INTERESTING = (
    b"1e999", b"-1e999", b"inf", b"nan", b"-1", b"0", b"99999999999999999999", b"9" * 5000,
    b"\x00", b'"', b"'", b";", b",", b"\n", b"\r\n", b"\xff\xfe", b"\xef\xbb\xbf", b"=1+1",
    b"A" * 140_000, b"[" * 50_000, b"{" * 20_000,
)


# --- seeds -------------------------------------------------------------------------------


@cache
def fet_seeds() -> list[bytes]:
    return [(DATA / "scheduling" / "data" / "riverside-grade7.fet").read_bytes()]


@cache
def template_seeds() -> list[bytes]:
    from app.grading.layout import design_sheet

    small = design_sheet(10, 4, id_digits=3, versions=2, title="Quiz", exam_id="fuzz0001")
    return [json.dumps(small.to_dict()).encode()]


@cache
def key_seeds() -> list[bytes]:
    return [
        b"version,question,answer,points,partial,dropped\nA,1,B,1,,\nA,2,B;D,2,,\nA,3,A+C,2,,\n"
        b"A,4,C,1,B=0.5,\nA,5,D,1,,yes\nB,1,C,1,,\n",
        b"question,answer\n1,A\n2,B\n3,C\n# a comment\n4,D\n",
    ]


@cache
def plain_csv_seeds() -> list[bytes]:
    folder = DATA / "store" / "data"
    return [(folder / "sis_export.csv").read_bytes(), (folder / "sis_export_es.csv").read_bytes()]


@cache
def oneroster_files() -> dict[str, bytes]:
    folder = DATA / "store" / "data" / "oneroster12"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


@cache
def oneroster_zip_seeds() -> list[bytes]:
    out = []
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            for name, data in oneroster_files().items():
                z.writestr(f"export/{name}", data)
        out.append(buf.getvalue())
    return out


def zip_bomb(unpacked_mb: int = 300) -> bytes:
    """A zip whose users.csv unpacks to ``unpacked_mb`` MB from well under 1 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in oneroster_files().items():
            if name != "users.csv":
                z.writestr(name, data)
        with z.open("users.csv", "w", force_zip64=True) as member:
            member.write(oneroster_files()["users.csv"])
            block = b"0" * (1 << 20)
            for _ in range(unpacked_mb):
                member.write(block)
    return buf.getvalue()


@cache
def users_csv_seeds() -> list[bytes]:
    return [oneroster_files()["users.csv"]]


@cache
def ics_seeds() -> list[bytes]:
    return [
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//District//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:thanks@district\r\nSUMMARY:Thanksgiving break\r\n"
        b"DTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261128\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:staff@district\r\nSUMMARY:Staff meeting\r\n"
        b"DTSTART;TZID=America/Los_Angeles:20260902T150000\r\nDTEND;TZID=America/Los_Angeles:20260902T160000\r\n"
        b"RRULE:FREQ=WEEKLY;BYDAY=WE;INTERVAL=1;COUNT=30\r\nEXDATE;TZID=America/Los_Angeles:20260916T150000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:h\r\nSUMMARY:Tutoring\r\n"
        b"DTSTART:20260901T080000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
    ]


def _page_image() -> Any:
    import numpy as np

    rng = np.random.default_rng(1)
    img = np.full((220, 170), 255, np.uint8)
    for _ in range(40):
        x, y = rng.integers(10, 150), rng.integers(10, 200)
        img[y : y + 6, x : x + 6] = 0
    return img


@cache
def image_seeds() -> list[bytes]:
    import cv2
    from PIL import Image

    img = _page_image()
    out = [cv2.imencode(ext, img)[1].tobytes() for ext in (".png", ".jpg", ".bmp", ".webp")]
    buf = io.BytesIO()
    frames = [Image.fromarray(img), Image.fromarray(255 - img)]
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    out.append(buf.getvalue())
    return out


@cache
def pdf_seeds() -> list[bytes]:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 400))
    c.drawString(20, 370, "Quiz 1 - Ramírez")
    c.drawImage(ImageReader(Image.fromarray(_page_image())), 20, 20, 170, 220)
    c.showPage()
    c.rect(50, 50, 100, 100, fill=1)
    c.showPage()
    c.save()
    return [buf.getvalue(), pdf_image_bomb()]


def pdf_image_bomb(side: int = 60_000) -> bytes:
    """A tiny PDF whose one page shows a side x side greyscale image (3.6 GB unpacked)."""
    stream = zlib.compress(b"\0" * 65536)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(stream))
        + stream + b"\nendstream",
    ]
    content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


# --- runners -----------------------------------------------------------------------------


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def run_fet(data: bytes, folder: Path) -> object:
    from app.scheduling.timetable.fet import read_fet

    return read_fet(_write(folder, "school.fet", data))


def run_template(data: bytes, folder: Path) -> object:
    from app.grading.template import load_template

    tpl = load_template(_write(folder, "sheet.json", data))
    return len(tpl.fields())


def run_key(data: bytes, folder: Path) -> object:
    from app.grading.keys import load_key_csv

    return load_key_csv(_write(folder, "key.csv", data))


def run_plain_csv(data: bytes, folder: Path) -> object:
    from app.store.roster.plain import guess_mapping, preview, read_plain
    from app.store.roster.report import ImportReport

    path = _write(folder, "export.csv", data)
    mapping = guess_mapping(preview(path, n=3).headers)
    report = ImportReport(source=path.name, format="csv")
    return read_plain(path, mapping, report)


def _read_set(path: Path) -> object:
    from app.store.roster.csvfile import RosterSource
    from app.store.roster.oneroster import read_oneroster
    from app.store.roster.report import ImportReport

    report = ImportReport(source=path.name)
    return read_oneroster(RosterSource(path), report)


def run_oneroster_zip(data: bytes, folder: Path) -> object:
    return _read_set(_write(folder, "oneroster.zip", data))


def run_oneroster_csv(data: bytes, folder: Path) -> object:
    """The set as a folder, with ``data`` as its users.csv (the file every other refers to)."""
    sub = folder / "set"
    sub.mkdir(exist_ok=True)
    for name, original in oneroster_files().items():
        (sub / name).write_bytes(data if name == "users.csv" else original)
    return _read_set(sub)


def run_ics(data: bytes, folder: Path) -> object:
    from app.scheduling.ical_import import read_ics

    path = _write(folder, "calendar.ics", data)
    return read_ics(path.read_bytes(), name=path.name, start=dt.date(2026, 8, 1), end=dt.date(2027, 7, 1))


def _pages(data: bytes, folder: Path, name: str) -> object:
    from app.core.errors import UserFacingError
    from app.grading.images import load_page, page_refs

    path = _write(folder, name, data)
    shapes: list[tuple[int, ...] | None] = []
    for ref in page_refs(path)[:4]:
        try:  # as a batch does: one bad page is reported, the others still load
            shapes.append(load_page(path, ref.index).shape)
        except UserFacingError:
            shapes.append(None)
    return shapes


def run_image(data: bytes, folder: Path) -> object:
    return _pages(data, folder, "scan.png")


def run_pdf(data: bytes, folder: Path) -> object:
    return _pages(data, folder, "scans.pdf")


TARGETS: dict[str, Target] = {t.name: t for t in (
    Target("fet", fet_seeds, run_fet, (b"<Number_of_Students>", b"<Duration>", b"<Weight_Percentage>")),
    Target("template", template_seeds, run_template,
           (b'"count": ', b'"page": ', b'"blocks": ', b"1000000", b'"x": ', b"null", b"[]", b"{}")),
    Target("answer_key", key_seeds, run_key),
    Target("roster_plain_csv", plain_csv_seeds, run_plain_csv),
    Target("oneroster_csv", users_csv_seeds, run_oneroster_csv),
    Target("oneroster_zip", oneroster_zip_seeds, run_oneroster_zip),
    Target("ics", ics_seeds, run_ics,
           (b"RRULE:FREQ=SECONDLY\r\n", b"RRULE:FREQ=MINUTELY\r\n", b";INTERVAL=0", b"FREQ=HOURLY",
            b"DTSTART:19000101T000000\r\n", b"BEGIN:VEVENT\r\n", b"END:VEVENT\r\n")),
    Target("images", image_seeds, run_image),
    Target("pdf", pdf_seeds, run_pdf, (b"/Width 90000", b"/Height 90000", b"/Count 999999", b"obj", b"endobj")),
)}


# --- a small mutation engine (the benchmark's; hypothesis drives the tests) --------------


def mutate(data: bytes, rng: random.Random, tokens: tuple[bytes, ...] = ()) -> bytes:
    """One to four random edits: flips, inserts, deletions, repeats, splices of values."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randrange(len(out) + 1)
        if op == 0 and out:  # flip bits in a few bytes
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes
            out[pos:pos] = rng.randbytes(rng.randint(1, 32))
        elif op == 2 and out:  # delete a span
            del out[pos : pos + rng.randint(1, 256)]
        elif op == 3 and out:  # repeat a span (counts, nesting, long lines)
            span = bytes(out[pos : pos + rng.randint(1, 64)])
            out[pos:pos] = span * rng.randint(2, 200)
        elif op == 4:  # an interesting value
            value = rng.choice(INTERESTING + tokens)
            if rng.random() < 0.5 and out:
                end = pos + rng.randint(0, 12)
                out[pos:end] = value
            else:
                out[pos:pos] = value
        elif op == 5:  # replace a number in the text with a hostile one
            text = bytes(out)
            digits = [i for i in range(len(text)) if 48 <= text[i] <= 57]
            if digits:
                i = rng.choice(digits)
                j = i
                while j < len(text) and 48 <= text[j] <= 57:
                    j += 1
                out[i:j] = rng.choice((b"1e999", b"-1", b"nan", b"0", b"1000000", b"9" * 400))
        elif op == 6:  # truncate
            del out[pos:]
        elif out:  # overwrite with a field-separator storm
            out[pos:pos] = rng.choice((b",", b";", b"\t", b'"', b"\n")) * rng.randint(1, 5000)
    return bytes(out)
