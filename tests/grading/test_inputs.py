"""Bad and unusual input: every file gets a clear status and the batch goes on."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.grading.batch import grade_files
from app.grading.images import ImageError, load_page, page_refs
from app.grading.synthetic import make_page


def _png_header_only(path: Path, w: int, h: int) -> None:
    """A PNG that claims w x h pixels (we must refuse it from the header alone)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory, quiz_template):  # type: ignore[no-untyped-def]
    from PIL import Image
    from reportlab.pdfgen import canvas

    folder = tmp_path_factory.mktemp("scans")
    rng = np.random.default_rng(11)
    pages = [make_page(quiz_template, rng, kind, dpi=150, kinds={"fill": 0.9, "blank": 0.1})
             for kind in ("scan", "photo", "rotated")]
    cv2.imwrite(str(folder / "a_scan.jpg"), pages[0].image)
    cv2.imwrite(str(folder / "b_photo.webp"), pages[1].image)
    cv2.imwrite(str(folder / "c_rotated.bmp"), pages[2].image)
    # A multi-page TIFF (scan + blank back page) and a two-page PDF from a "scanner".
    Image.fromarray(pages[0].image).save(
        folder / "d_multi.tif", save_all=True, append_images=[Image.fromarray(np.full((400, 300), 255, np.uint8))]
    )
    c = canvas.Canvas(str(folder / "e_scanner.pdf"), pagesize=(612, 792))
    for p in pages[:2]:
        cv2.imwrite(str(folder / "tmp.png"), p.image)
        c.drawImage(str(folder / "tmp.png"), 0, 0, 612, 792)
        c.showPage()
    c.save()
    (folder / "tmp.png").unlink()
    (folder / "f_empty.jpg").write_bytes(b"")
    data = (folder / "a_scan.jpg").read_bytes()
    (folder / "g_truncated.jpg").write_bytes(data[: len(data) // 3])
    (folder / "h_garbage.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4 + b"IEND")
    _png_header_only(folder / "i_huge.png", 20000, 20000)
    pdf = (folder / "e_scanner.pdf").read_bytes()
    (folder / "j_broken_xref.pdf").write_bytes(pdf.replace(b"startxref", b"startxerf")[: -200])
    (folder / "k_not_a_pdf.pdf").write_bytes(b"%PDF-1.7\n garbage only")
    cat = cv2.GaussianBlur((rng.random((900, 700)) * 255).astype(np.uint8), (0, 0), 3)
    cv2.imwrite(str(folder / "l_cat.png"), cat)
    (folder / "notes.txt").write_text("not a scan")
    return folder, pages


def test_header_checks_refuse_before_decoding(scans) -> None:  # type: ignore[no-untyped-def]
    folder, _ = scans
    with pytest.raises(ImageError, match="20000 x 20000"):
        load_page(folder / "i_huge.png")
    with pytest.raises(ImageError, match="empty file"):
        page_refs(folder / "f_empty.jpg")
    with pytest.raises(ImageError, match="truncated JPEG"):
        load_page(folder / "g_truncated.jpg")
    with pytest.raises(ImageError, match="not an image or PDF"):
        page_refs(folder / "notes.txt")
    assert len(page_refs(folder / "d_multi.tif")) == 2
    assert len(page_refs(folder / "e_scanner.pdf")) == 2


def test_a_mixed_folder_grades_with_a_status_per_file(scans, quiz_template) -> None:  # type: ignore[no-untyped-def]
    folder, pages = scans
    seen: list[float] = []
    results = grade_files([folder], quiz_template, workers=2, progress=lambda f, m: seen.append(f))
    by = {(Path(r.file).name, r.page): r for r in results}
    assert seen[-1] == 1.0
    for name, sp in (("a_scan.jpg", pages[0]), ("b_photo.webp", pages[1]), ("c_rotated.bmp", pages[2]),
                     ("d_multi.tif", pages[0])):
        r = by[(name, 1)]
        assert r.status == "ok", (name, r.reason)
        assert {a.number: a.marked for a in r.answers} == {q: sorted(v) for q, v in sp.truth.items()}
        assert r.student_id == sp.student_id
    assert by[("d_multi.tif", 2)].status == "not_a_sheet" and "blank page" in by[("d_multi.tif", 2)].reason
    assert by[("e_scanner.pdf", 1)].status == "ok" and by[("e_scanner.pdf", 2)].status == "ok"
    assert by[("f_empty.jpg", 1)].status == "error"
    assert "truncated" in by[("g_truncated.jpg", 1)].reason
    assert by[("h_garbage.png", 1)].status == "error"
    assert "MP" in by[("i_huge.png", 1)].reason and by[("i_huge.png", 1)].status == "error"
    broken = [r for r in results if Path(r.file).name == "j_broken_xref.pdf"]
    assert broken and all(r.status in ("ok", "error") for r in broken)  # repaired or refused, never a crash
    assert by[("k_not_a_pdf.pdf", 1)].status == "error" and "PDF" in by[("k_not_a_pdf.pdf", 1)].reason
    assert by[("l_cat.png", 1)].status == "not_a_sheet"
    assert not any(Path(r.file).name == "notes.txt" for r in results)  # folders: scans only
    assert [Path(r.file).name for r in results] == sorted(Path(r.file).name for r in results)


def test_a_500_page_pdf_is_read_page_by_page(tmp_path: Path, quiz_template) -> None:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "big.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(90, 120))
    for i in range(500):
        c.drawString(10, 60, str(i))
        c.showPage()
    c.save()
    results = grade_files([pdf], quiz_template, workers=2, chunk=25)
    assert len(results) == 500
    assert {r.status for r in results} == {"not_a_sheet"}
    assert [r.page for r in results] == list(range(1, 501))


def test_cancel_stops_a_batch(scans, quiz_template) -> None:  # type: ignore[no-untyped-def]
    folder, _ = scans
    results = grade_files([folder], quiz_template, workers=1, cancelled=lambda: True)
    assert all(r.status == "error" for r in results)  # only the files that failed to open
