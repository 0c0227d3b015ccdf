"""Loading scans and photos as greyscale pages, safely.

Every input is checked before it is decoded: an empty or truncated file, an image too
large to hold (the size is read from the header, never by decoding), a PDF that will not
open — each raises :class:`ImageError` with a message for the teacher. Large images are
decoded at a reduced size (JPEG decodes natively at 1/2, 1/4, 1/8), since bubbles need
only ~150 dpi.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core.errors import UserFacingError
from app.core.i18n import _

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = IMAGE_SUFFIXES | PDF_SUFFIXES

MAX_PIXELS = 120_000_000  # a 600-dpi A3 scan is ~70 MP; 20,000 x 20,000 is refused
MAX_PAGES_PER_FILE = 1000
MAX_IMAGES_PER_PAGE = 2000
MAX_IMAGE_SIDE = 20_000  # 600 dpi over 33 inches; no scan is longer
TARGET_LONG_SIDE = 1500  # decode at the smallest power-of-two reduction still above this
PDF_DPI = 200.0


class ImageError(UserFacingError):
    """A file that cannot be read as a page; the message says why, for the teacher."""


@dataclass(frozen=True)
class PageRef:
    """One page of one input file (``index`` is 0-based inside the file)."""

    path: str
    index: int
    count: int


def collect_inputs(paths: list[Path | str]) -> list[Path]:
    """Files named directly, plus the supported files inside any folder (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    out.append(f)
        else:
            out.append(p)
    return out


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF") or b"%PDF" in data[:1024]:
        return "pdf"
    if data.startswith(b"\xff\xd8"):
        return "jpeg"
    if data.startswith(b"\x89PNG"):
        return "png"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data.startswith(b"BM"):
        return "bmp"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "unknown"


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageError(_("file not found")) from None
    except IsADirectoryError:
        raise ImageError(_("is a folder, not a file")) from None
    except OSError as exc:
        raise ImageError(_("cannot read the file ({value})").format(value=exc.strerror or exc)) from None
    if not data:
        raise ImageError(_("empty file (0 bytes)"))
    return data


def page_refs(path: Path | str) -> list[PageRef]:
    """The pages of one file, without decoding any of them."""
    path = Path(path)
    data = _read_bytes(path)
    kind = _sniff(data)
    if kind == "unknown":
        raise ImageError(_("not an image or PDF (unrecognised file type)"))
    if kind == "pdf":
        n = _pdf_page_count(data)
    elif kind == "tiff":
        n = _with_pil(data, lambda im: getattr(im, "n_frames", 1))
    else:
        n = 1
    if n < 1:
        raise ImageError(_("the file has no pages"))
    if n > MAX_PAGES_PER_FILE:
        raise ImageError(_("{n} pages; more than the {max_pages_per_file}-page limit for one file, split it").format(n=n, max_pages_per_file=MAX_PAGES_PER_FILE))
    return [PageRef(str(path), i, n) for i in range(n)]


def _pdf_page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except Exception as exc:
        raise ImageError(_("the PDF cannot be opened ({short})").format(short=_short(exc))) from None
    try:
        return len(doc)
    finally:
        doc.close()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _with_pil(data: bytes, fn):  # type: ignore[no-untyped-def]
    import io

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, before decoding
    try:
        with Image.open(io.BytesIO(data)) as im:
            return fn(im)
    except ImageError:
        raise
    except Exception as exc:
        raise ImageError(_("corrupt or unsupported image ({short})").format(short=_short(exc))) from None


def _check_pixels(w: int, h: int) -> None:
    if w <= 0 or h <= 0:
        raise ImageError(_("the image has no pixels"))
    if w * h > MAX_PIXELS:
        raise ImageError(
            _("image is {w} x {h} pixels ({megapixels:.0f} MP), above the {max_pixels:.0f} MP limit; scan at 150-600 dpi").format(w=w, h=h, megapixels=w * h / 1e6, max_pixels=MAX_PIXELS / 1e6)
        )


def _reduction(w: int, h: int) -> int:
    r = 1
    while r < 8 and max(w, h) / (r * 2) >= TARGET_LONG_SIDE:
        r *= 2
    return r


def load_page(path: Path | str, index: int = 0) -> np.ndarray:
    """Page ``index`` of a file as a greyscale uint8 image (possibly reduced in size)."""
    import cv2

    path = Path(path)
    data = _read_bytes(path)
    kind = _sniff(data)
    if kind == "unknown":
        raise ImageError(_("not an image or PDF (unrecognised file type)"))
    if kind == "pdf":
        return _render_pdf_page(data, index)
    if kind == "jpeg" and not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        # Cameras and scanners often append data after the image (maker notes, a
        # second preview image, padding), so a missing end marker at the very end
        # proves nothing: ask the decoder whether the image data itself is complete.
        _check_jpeg_complete(data)
    if kind == "png" and b"IEND" not in data[-64:]:
        raise ImageError(_("truncated PNG (the file ends before the image does)"))
    w, h = _with_pil(data, lambda im: im.size)
    _check_pixels(w, h)
    if kind == "tiff":
        return _tiff_page(data, index)
    r = _reduction(w, h)
    flag = {1: cv2.IMREAD_GRAYSCALE, 2: cv2.IMREAD_REDUCED_GRAYSCALE_2,
            4: cv2.IMREAD_REDUCED_GRAYSCALE_4, 8: cv2.IMREAD_REDUCED_GRAYSCALE_8}[r]
    buf = np.frombuffer(data, np.uint8)
    img = cv2.imdecode(buf, flag)
    if img is None:
        raise ImageError(_("corrupt image (the decoder could not read it)"))
    return img


def _check_jpeg_complete(data: bytes) -> None:
    """Raise ImageError if the JPEG's image data ends early (a cut-off download or copy)."""

    def load(im):  # type: ignore[no-untyped-def]
        _check_pixels(*im.size)
        im.draft("L", (max(1, im.size[0] // 8), max(1, im.size[1] // 8)))  # fast: 1/8 scale
        im.load()

    try:
        _with_pil(data, load)
    except ImageError as exc:
        if "truncated" in str(exc) or "broken data stream" in str(exc):
            raise ImageError(_("truncated JPEG (the file ends before the image does)")) from None
        raise


def _tiff_page(data: bytes, index: int) -> np.ndarray:
    import cv2

    def grab(im):  # type: ignore[no-untyped-def]
        im.seek(index)
        _check_pixels(*im.size)
        g = np.asarray(im.convert("L"))
        return g

    img = _with_pil(data, grab)
    r = _reduction(img.shape[1], img.shape[0])
    if r > 1:
        img = cv2.resize(img, (img.shape[1] // r, img.shape[0] // r), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(img)


def _check_embedded_images(page, index: int) -> None:  # type: ignore[no-untyped-def]
    """Refuse a page whose embedded images would decode to more than MAX_PIXELS: a small
    PDF can hold a 60,000 x 60,000 image that rendering would unpack in full (a PDF bomb)."""
    import pypdfium2.raw as pdfium_c

    total = 0
    for n, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4)):
        w, h = obj.get_px_size()
        total += max(0, int(w)) * max(0, int(h))
        # a 60 x 60,000 image is few pixels, but pdfium takes many seconds to squeeze it
        if total > MAX_PIXELS or n > MAX_IMAGES_PER_PAGE or max(w, h) > MAX_IMAGE_SIDE:
            raise ImageError(
                _("PDF page {index} holds images of more than {max_pixels:.0f} MP in all or {max_image_side:,} pixels on a side; scan at 150-600 dpi").format(index=index + 1, max_pixels=MAX_PIXELS / 1e6, max_image_side=MAX_IMAGE_SIDE)
            )


def _render_pdf_page(data: bytes, index: int) -> np.ndarray:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except Exception as exc:
        raise ImageError(_("the PDF cannot be opened ({short})").format(short=_short(exc))) from None
    try:
        if not 0 <= index < len(doc):
            raise ImageError(_("the PDF has no page {index}").format(index=index + 1))
        try:
            page = doc[index]
            w_pt, h_pt = page.get_size()
            scale = PDF_DPI / 72.0
            if not (math.isfinite(w_pt) and math.isfinite(h_pt)):
                raise ImageError(_("PDF page {index} has no usable size").format(index=index + 1))
            _check_pixels(int(w_pt * scale), int(h_pt * scale))
            _check_embedded_images(page, index)
        except ImageError:
            raise
        except Exception as exc:  # a page pdfium cannot load is one bad page, with a message
            raise ImageError(_("PDF page {index} cannot be loaded ({short})").format(index=index + 1, short=_short(exc))) from None
        try:
            bitmap = page.render(scale=scale, grayscale=True)
            arr = bitmap.to_numpy()
        except Exception as exc:
            raise ImageError(_("PDF page {index} cannot be rendered ({short})").format(index=index + 1, short=_short(exc))) from None
        if arr.ndim == 3:
            import cv2

            arr = cv2.cvtColor(arr[:, :, :3], cv2.COLOR_BGR2GRAY)
        return np.ascontiguousarray(arr)
    finally:
        doc.close()


def original_size(path: Path, decoded_shape: tuple[int, ...]) -> tuple[int, int]:
    """(width, height) of the stored image before any reduced decoding (PDF: as rendered)."""
    data = _read_bytes(Path(path))
    if _sniff(data) in ("pdf", "unknown"):
        return decoded_shape[1], decoded_shape[0]
    w, h = _with_pil(data, lambda im: im.size)
    return int(w), int(h)
