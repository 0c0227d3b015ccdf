"""Bubble-sheet templates: the page, how to register it, and where every bubble is.

A template is plain data (dataclasses) saved as JSON (documented in docs/templates.md).
Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner and
y growing downwards, the way a teacher measures a printed form with a ruler.

Bubbles are described in *blocks* (questions × choices, ID digits × values, version
labels) by the centre of their first bubble, a step from one item to the next and a step
from one choice to the next; :meth:`Template.fields` expands them into one
:class:`Field` per question / ID digit / version with every bubble's centre and size.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError
from app.core.i18n import _

FORMAT = "teacherdesk-omr-template"
FORMAT_VERSION = 2  # written when a template uses a version-2 feature; 1 otherwise
READABLE_VERSIONS = (1, 2)

LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)
PAPER_SIZES = {"letter": LETTER, "a4": A4}

REGISTRATION_METHODS = ("aruco", "corners", "timing", "edges", "feature")
BLOCK_KINDS = ("questions", "id", "letters", "version")
FIELD_KINDS = {"questions": "question", "id": "id_digit", "letters": "grid", "version": "version"}
STUDENT_ID = "student_id"  # the label of the ID grid that identifies the student
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
MARK_SHAPES = ("square", "L", "triangle", "circle", "other")


class TemplateError(UserFacingError, ValueError):
    """A template file that cannot be used; the message names the problem and the fix."""


@dataclass
class Marker:
    """A registration mark: an ArUco marker (``id``) or a solid corner mark.

    ``x``/``y`` is the mark's centre and ``size`` its side, in points. For ``corners``
    templates ``id`` is the corner: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left.
    """

    id: int
    x: float
    y: float
    size: float
    page: int = 1
    # Version 2: solid marks of any shape. ``x``/``y`` is then the mark's centroid,
    # ``size`` the side of its bounding box, ``fill`` the inked share of that box.
    shape: str = "square"
    fill: float = 1.0
    # Timing-track dashes are rectangles: their width and height (0: a square of ``size``).
    w: float = 0.0
    h: float = 0.0

    def corners(self) -> list[tuple[float, float]]:
        """The square's corners clockwise from top-left (ArUco's own corner order)."""
        h = self.size / 2
        return [
            (self.x - h, self.y - h),
            (self.x + h, self.y - h),
            (self.x + h, self.y + h),
            (self.x - h, self.y + h),
        ]


@dataclass
class Registration:
    method: str = "aruco"
    dictionary: str = "DICT_4X4_50"
    markers: list[Marker] = field(default_factory=list)
    # feature: a blank scan of the form, relative to the template file (or absolute).
    reference: str | None = None
    reference_dpi: float = 150.0
    # The reference held in memory (a template being built, not saved yet); never saved.
    reference_image: Any = field(default=None, compare=False, repr=False)


@dataclass
class QrRegion:
    """Where a QR code with the exam/page/student identity is printed (top-left + side)."""

    x: float
    y: float
    size: float
    page: int = 1


@dataclass
class Block:
    """A regular grid of bubbles.

    ``x``/``y`` is the centre of the first bubble of the first item; item ``i`` choice
    ``j`` sits at ``(x, y) + i*item_step + j*choice_step`` plus ``group_gap`` points
    along ``item_step`` after every ``group`` items (the gap printed every 5 questions).
    """

    kind: str
    x: float
    y: float
    count: int
    choices: list[str]
    item_step: tuple[float, float]
    choice_step: tuple[float, float]
    bubble: tuple[float, float] = (11.0, 11.0)
    first: int = 1
    page: int = 1
    group: int = 0
    group_gap: float = 0.0
    # Version 2: which grid this is ("student_id", "course_id", "last_name", ...) for
    # id and letters blocks; ``optional``: a blank field is not a problem (version).
    label: str = ""
    optional: bool = False

    def field_label(self) -> str:
        if self.label:
            return self.label
        return {"id": STUDENT_ID, "letters": "name"}.get(self.kind, self.kind)


@dataclass
class Bubble:
    value: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Field:
    """One question, one ID digit or the version: a row of bubbles read together."""

    name: str
    kind: str  # question | id_digit | grid | version
    number: int  # question number, ID digit position (1-based) or 1 for version
    page: int
    bubbles: list[Bubble]
    block: int = -1  # index of its block in Template.blocks
    label: str = ""  # grid fields: the grid's label (student_id, course_id, last_name, ...)
    optional: bool = False

    @property
    def choices(self) -> list[str]:
        return [b.value for b in self.bubbles]


@dataclass
class Policy:
    # A bubble filled beyond its outline ("box filled completely") cancels that answer.
    # Off unless the form itself tells students to cancel that way (TeacherDesk sheets do).
    cancel_full_box: bool = False
    # Decisions with a lower confidence go to review instead of being scored.
    review_threshold: float = 0.5


@dataclass
class Template:
    name: str
    exam_id: str
    page_width: float = LETTER[0]
    page_height: float = LETTER[1]
    pages: int = 1
    registration: Registration = field(default_factory=Registration)
    blocks: list[Block] = field(default_factory=list)
    qr: list[QrRegion] = field(default_factory=list)
    policy: Policy = field(default_factory=Policy)
    title: str = ""
    source: Path | None = field(default=None, compare=False)  # the file it came from

    # -- expansion ------------------------------------------------------------------
    def fields(self) -> list[Field]:
        """Every question, ID digit and version field, questions in number order."""
        out: list[Field] = []
        for bi, block in enumerate(self.blocks):
            kind = FIELD_KINDS[block.kind]
            label = block.field_label()
            if kind == "id_digit" and label != STUDENT_ID:
                kind = "grid"
            ix, iy = block.item_step
            cx, cy = block.choice_step
            norm = math.hypot(ix, iy) or 1.0
            gx, gy = ix / norm * block.group_gap, iy / norm * block.group_gap
            for i in range(block.count):
                groups = i // block.group if block.group else 0
                bx = block.x + i * ix + groups * gx
                by = block.y + i * iy + groups * gy
                bubbles = [
                    Bubble(v, bx + j * cx, by + j * cy, block.bubble[0], block.bubble[1])
                    for j, v in enumerate(block.choices)
                ]
                number = block.first + i
                if kind == "question":
                    name = f"q{number}"
                elif kind == "id_digit":
                    name = f"id{number}"
                elif kind == "grid":
                    name = f"{label}{number}"
                else:
                    name = "version"
                out.append(Field(name, kind, number, block.page, bubbles, bi,
                                 label if kind in ("id_digit", "grid") else "", block.optional))
        order = {"question": 0, "id_digit": 1, "grid": 2, "version": 3}
        return sorted(out, key=lambda f: (order[f.kind], f.label, f.number))

    def questions(self) -> list[Field]:
        return [f for f in self.fields() if f.kind == "question"]

    def question_count(self) -> int:
        return sum(b.count for b in self.blocks if b.kind == "questions")

    def id_digits(self) -> int:
        return sum(b.count for b in self.blocks if b.kind == "id" and b.field_label() == STUDENT_ID)

    def grid_labels(self) -> list[str]:
        """Labels of the letter grids and extra ID-like grids (not the student ID)."""
        out: list[str] = []
        for b in self.blocks:
            lab = b.field_label()
            if (b.kind == "letters" or (b.kind == "id" and lab != STUDENT_ID)) and lab not in out:
                out.append(lab)
        return out

    def uses_version_2(self) -> bool:
        reg = self.registration
        return (
            reg.method == "timing"
            or any(m.shape != "square" or m.fill != 1.0 or m.w or m.h for m in reg.markers)
            or any(b.kind == "letters" or b.label or b.optional for b in self.blocks)
        )

    def version_labels(self) -> list[str]:
        for b in self.blocks:
            if b.kind == "version":
                return list(b.choices)
        return []

    def markers_on(self, page: int) -> list[Marker]:
        return [m for m in self.registration.markers if m.page == page]

    def qr_on(self, page: int) -> QrRegion | None:
        return next((q for q in self.qr if q.page == page), None)

    def reference_path(self) -> Path | None:
        ref = self.registration.reference
        if not ref:
            return None
        p = Path(ref)
        if not p.is_absolute() and self.source is not None:
            p = self.source.parent / p
        return p

    # -- JSON -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        reg = asdict(self.registration)
        reg.pop("reference_image", None)
        if self.registration.method != "feature":
            reg.pop("reference", None)
            reg.pop("reference_dpi", None)
        if self.registration.method != "aruco":
            reg.pop("dictionary", None)
        v2 = self.uses_version_2()
        if not v2:
            for m in reg["markers"]:
                for k in ("shape", "fill", "w", "h"):
                    m.pop(k, None)
        blocks = []
        for b in self.blocks:
            d = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(b).items()}
            if not b.label:
                d.pop("label")
            if not b.optional:
                d.pop("optional")
            blocks.append(d)
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION if v2 else 1,
            "name": self.name,
            "title": self.title,
            "exam_id": self.exam_id,
            "page": {"width_pt": self.page_width, "height_pt": self.page_height, "count": self.pages},
            "registration": reg,
            "qr": [asdict(q) for q in self.qr],
            "policy": asdict(self.policy),
            "blocks": blocks,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: Path | None = None) -> Template:
        where = str(source) if source else "template"
        try:
            return _parse(data, source)
        except TemplateError as exc:
            raise TemplateError(_("{where}: {exc}").format(where=where, exc=exc)) from None
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError) as exc:
            # wrong JSON types ("blocks": 5), inf/1e999 where a whole number goes, deep nesting
            raise TemplateError(_("{where}: malformed template ({kind}: {exc}); see docs/templates.md").format(where=where, kind=type(exc).__name__, exc=str(exc)[:80])) from None

    def save(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")


def load_template(path: Path | str) -> Template:
    """Load and validate a template JSON file; raises TemplateError with a clear message."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(_("{path}: {st_size:,} bytes is far larger than any template; check that this is the right file").format(path=path, st_size=path.stat().st_size))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError(_("{path}: no such template file").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(_("{path}: cannot read the template ({exc})").format(path=path, exc=exc)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(_("{path}: not valid JSON (line {lineno}: {msg})").format(path=path, lineno=exc.lineno, msg=exc.msg)) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting 100,000 deep
        raise TemplateError(_("{path}: not a usable template ({exc}); see docs/templates.md").format(path=path, exc=str(exc)[:80])) from None
    if not isinstance(data, dict):
        raise TemplateError(_("{path}: a template is a JSON object; see docs/templates.md").format(path=path))
    return Template.from_dict(data, source=path)


# Limits checked before any work is sized on a number: no real sheet comes near them.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
MAX_PAGES = 20
MAX_BLOCKS = 500
MAX_BLOCK_COUNT = 1000
MAX_CHOICES = 40
MAX_FIELDS = 5000


def _page_count(value: Any) -> int:
    pages = int(value)
    if not 1 <= pages <= MAX_PAGES:
        raise TemplateError(_("page count {pages} is outside 1..{max_pages}").format(pages=pages, max_pages=MAX_PAGES))
    return pages


def _check_limits(i: int, block: Block, before: list[Block], pages: int) -> None:
    """Limits checked before any work is sized on a block: counts, choices, finite numbers."""
    if not 1 <= block.page <= pages:
        raise TemplateError(_("block {i}: page {page} is outside 1..{pages}").format(i=i + 1, page=block.page, pages=pages))
    if not 1 <= block.count <= MAX_BLOCK_COUNT:
        raise TemplateError(_("block {i}: 'count' must be from 1 to {max_block_count}").format(i=i + 1, max_block_count=MAX_BLOCK_COUNT))
    numbers = [block.x, block.y, *block.item_step, *block.choice_step, *block.bubble, block.group_gap]
    if len(block.choices) > MAX_CHOICES or not all(math.isfinite(v) for v in numbers):
        raise TemplateError(_("block {i}: at most {max_choices} choices, and finite numbers only").format(i=i + 1, max_choices=MAX_CHOICES))
    if len(before) >= MAX_BLOCKS:
        raise TemplateError(_("more than {max_blocks} blocks; no sheet has that many").format(max_blocks=MAX_BLOCKS))
    if block.count + sum(b.count for b in before) > MAX_FIELDS:
        raise TemplateError(_("more than {max_fields} questions and digits in all; no sheet has that many").format(max_fields=MAX_FIELDS))


def _pair(value: Any, name: str) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise TemplateError(_("'{name}' must be a pair of numbers like [0, 18]").format(name=name))
    return float(value[0]), float(value[1])


def _parse(data: dict[str, Any], source: Path | None) -> Template:
    if data.get("format", FORMAT) != FORMAT:
        raise TemplateError(_("'format' is {found!r}, expected {expected!r}").format(found=data.get('format'), expected=FORMAT))
    version = data.get("format_version", 1)
    if version not in READABLE_VERSIONS:
        raise TemplateError(
            _("format_version {version!r} is newer than this TeacherDesk reads ({map}); update TeacherDesk").format(version=version, map=', '.join(map(str, READABLE_VERSIONS)))
        )
    page = data.get("page") or {}
    width = float(page.get("width_pt", LETTER[0]))
    height = float(page.get("height_pt", LETTER[1]))
    pages = _page_count(page.get("count", 1))
    if not (72 <= width <= 2000 and 72 <= height <= 2000):
        raise TemplateError(_("page size {width}x{height} pt is not a paper size (points, 1/72 in)").format(width=width, height=height))
    reg_d = data.get("registration") or {}
    method = reg_d.get("method", "aruco")
    if method not in REGISTRATION_METHODS:
        raise TemplateError(_("registration method {method!r} is not one of {registration_methods}").format(method=method, registration_methods=', '.join(REGISTRATION_METHODS)))
    markers = [
        Marker(int(m["id"]), float(m["x"]), float(m["y"]), float(m["size"]), int(m.get("page", 1)),
               str(m.get("shape", "square")), float(m.get("fill", 1.0)), float(m.get("w", 0.0)),
               float(m.get("h", 0.0)))
        for m in reg_d.get("markers", [])
    ]
    for m in markers:
        if m.shape not in MARK_SHAPES:
            raise TemplateError(_("marker {id}: shape {shape!r} is not one of {mark_shapes}").format(id=m.id, shape=m.shape, mark_shapes=', '.join(MARK_SHAPES)))
        if not 0.05 <= m.fill <= 1.0 or m.size <= 0:
            raise TemplateError(_("marker {id}: 'fill' must be 0.05-1 and 'size' positive").format(id=m.id))
    reg = Registration(
        method=method,
        dictionary=reg_d.get("dictionary", "DICT_4X4_50"),
        markers=markers,
        reference=reg_d.get("reference"),
        reference_dpi=float(reg_d.get("reference_dpi", 150.0)),
    )
    if method in ("aruco", "corners", "timing"):
        need = {"aruco": 3, "corners": 4, "timing": 5}[method]
        for p in range(1, pages + 1):
            on_page = [m for m in markers if m.page == p]
            if len(on_page) < need:
                raise TemplateError(
                    _("registration '{method}' needs at least {need} markers on page {p}, found {count}").format(method=method, need=need, p=p, count=len(on_page))
                )
            if method == "corners" and sorted(m.id for m in on_page)[:4] != [0, 1, 2, 3]:
                raise TemplateError(
                    _("registration 'corners' needs markers with ids 0-3 (top-left, top-right, bottom-right, bottom-left) on page {p}").format(p=p)
                )
    if method == "feature" and not reg.reference and reg.reference_image is None:
        raise TemplateError(_("registration 'feature' needs 'reference': a blank scan of the form"))
    blocks: list[Block] = []
    for i, b in enumerate(data.get("blocks", [])):
        kind = b.get("kind")
        if kind not in BLOCK_KINDS:
            raise TemplateError(_("block {i}: kind {kind!r} is not one of {block_kinds}").format(i=i + 1, kind=kind, block_kinds=', '.join(BLOCK_KINDS)))
        choices = [str(c) for c in b.get("choices", [])]
        if kind == "id" and not choices:
            choices = list("0123456789")
        if kind == "letters" and not choices:
            choices = list(LETTERS)
        if len(choices) < 2 or len(set(choices)) != len(choices):
            raise TemplateError(_("block {i}: 'choices' needs at least 2 distinct labels").format(i=i + 1))
        block = Block(
            kind=kind,
            x=float(b["x"]),
            y=float(b["y"]),
            count=int(b.get("count", 1)),
            choices=choices,
            item_step=_pair(b.get("item_step", [0, 0]), "item_step"),
            choice_step=_pair(b["choice_step"], "choice_step"),
            bubble=_pair(b.get("bubble", [11, 11]), "bubble"),
            first=int(b.get("first", 1)),
            page=int(b.get("page", 1)),
            group=int(b.get("group", 0)),
            group_gap=float(b.get("group_gap", 0.0)),
            label=str(b.get("label", "")),
            optional=bool(b.get("optional", False)),
        )
        _check_limits(i, block, blocks, pages)
        blocks.append(block)
    qr = [QrRegion(float(q["x"]), float(q["y"]), float(q["size"]), int(q.get("page", 1))) for q in data.get("qr", [])]
    pol = data.get("policy") or {}
    policy = Policy(
        cancel_full_box=bool(pol.get("cancel_full_box", False)),
        review_threshold=float(pol.get("review_threshold", 0.5)),
    )
    tpl = Template(
        name=str(data.get("name", "")),
        exam_id=str(data.get("exam_id", "")),
        page_width=width,
        page_height=height,
        pages=pages,
        registration=reg,
        blocks=blocks,
        qr=qr,
        policy=policy,
        title=str(data.get("title", "")),
        source=source,
    )
    _check_fields(tpl)
    return tpl


def _check_fields(tpl: Template) -> None:
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for blk in tpl.blocks:
        if blk.kind in ("id", "letters"):
            lab = blk.field_label()
            if labels.setdefault(lab, blk.kind) != blk.kind:
                raise TemplateError(_("label {lab!r} names both an ID grid and a letter grid; rename one").format(lab=lab))
    for f in tpl.fields():
        if f.name in seen and f.kind != "version":
            raise TemplateError(_("field {name} is defined twice; check 'first' of the question blocks").format(name=f.name))
        seen[f.name] = f.page
        for b in f.bubbles:
            if not (0 <= b.x <= tpl.page_width and 0 <= b.y <= tpl.page_height):
                raise TemplateError(
                    _("field {name} bubble {value} at ({x:.0f}, {y:.0f}) pt lies off the {page_width:.0f}x{page_height:.0f} pt page").format(name=f.name, value=b.value, x=b.x, y=b.y, page_width=tpl.page_width, page_height=tpl.page_height)
                )
