"""What reading a page produces: plain dataclasses with ``to_dict`` / ``from_dict``.

These travel between processes, into JSON/CSV output and (later) into the workspace, so
they hold only numbers, strings and lists. The format is documented in
docs/grading-output.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Page statuses
OK = "ok"
REVIEW = "review"
NOT_A_SHEET = "not_a_sheet"
ERROR = "error"

# Answer statuses (OK and REVIEW as above)
BLANK = "blank"
MULTIPLE = "multiple"


@dataclass
class FieldRead:
    """The reading of one question, ID digit or version field."""

    name: str  # q12 / id3 / version
    kind: str  # question / id_digit / version
    number: int
    marked: list[str]  # the choice letters read as marked (after cancellations)
    status: str  # ok / blank / multiple / review
    confidence: float  # 0..1; below the template's review threshold -> review
    reason: str = ""  # for review: faint / erased / ambiguous / stray mark / crossed out
    fills: dict[str, float] = field(default_factory=dict)  # choice -> fill (0 blank, ~1 filled)
    cancelled: list[str] = field(default_factory=list)  # choices blacked out to cancel them
    points: float | None = None  # set by scoring
    max_points: float | None = None
    correct: bool | None = None
    dropped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FieldRead:
        return cls(**d)


@dataclass
class PageResult:
    """One page of one input file, read against a template (and scored, if a key is given)."""

    file: str
    page: int  # 1-based page in the file
    status: str  # ok / review / not_a_sheet / error
    reason: str = ""
    sheet_page: int | None = None  # which page of the exam's sheet this is
    exam_id: str = ""
    student_id: str | None = None
    student_id_source: str = ""  # qr / grid / ""
    version: str | None = None
    score: float | None = None
    max_score: float | None = None
    confidence: float = 0.0
    answers: list[FieldRead] = field(default_factory=list)
    id_digits: list[FieldRead] = field(default_factory=list)
    version_field: FieldRead | None = None
    qr_text: str | None = None
    homography: list[list[float]] | None = None  # template points -> image pixels
    image_size: tuple[int, int] | None = None  # (width, height) of the decoded image
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    sheet: int = 1  # position of the sheet in the image (two-up scans: 1, 2)
    # How the page was found ("corners", "feature", ...) and why that method.
    registration: str = ""
    registration_note: str = ""
    # Per block: did the printed bubbles confirm the fit (see app/grading/verify.py)?
    verification: list[dict[str, Any]] = field(default_factory=list)
    # Letter grids and extra ID grids: label -> text read ("" if any position is in review).
    grids: dict[str, str] = field(default_factory=dict)
    grid_fields: list[FieldRead] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return self.status == REVIEW

    def review_items(self) -> list[FieldRead]:
        items = [a for a in self.answers if a.status == REVIEW]
        items += [d for d in self.id_digits if d.status == REVIEW]
        items += [g for g in self.grid_fields if g.status == REVIEW]
        if self.version_field and self.version_field.status == REVIEW:
            items.append(self.version_field)
        return items

    def to_dict(self, *, full: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "file": self.file,
            "page": self.page,
            "sheet": self.sheet,
            "status": self.status,
            "reason": self.reason,
            "sheet_page": self.sheet_page,
            "exam_id": self.exam_id,
            "student_id": self.student_id,
            "student_id_source": self.student_id_source,
            "version": self.version,
            "score": self.score,
            "max_score": self.max_score,
            "confidence": round(self.confidence, 3),
            "registration": self.registration,
            "registration_note": self.registration_note,
            "verification": self.verification,
            "grids": self.grids,
            "answers": [
                {
                    "question": a.number,
                    "marked": a.marked,
                    "status": a.status,
                    "confidence": round(a.confidence, 3),
                    "reason": a.reason,
                    **({"fills": a.fills, "cancelled": a.cancelled, "points": a.points,
                        "max_points": a.max_points, "correct": a.correct, "dropped": a.dropped} if full else {}),
                }
                for a in self.answers
            ],
        }
        if full:
            d["id_digits"] = [x.to_dict() for x in self.id_digits]
            d["version_field"] = self.version_field.to_dict() if self.version_field else None
            d["grid_fields"] = [x.to_dict() for x in self.grid_fields]
            d["qr_text"] = self.qr_text
            d["homography"] = self.homography
            d["image_size"] = list(self.image_size) if self.image_size else None
            d["timings"] = {k: round(v, 5) for k, v in self.timings.items()}
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PageResult:
        answers = []
        for a in d.get("answers", []):
            answers.append(
                FieldRead(
                    name=f"q{a['question']}", kind="question", number=a["question"], marked=list(a["marked"]),
                    status=a["status"], confidence=a["confidence"], reason=a.get("reason", ""),
                    fills=a.get("fills", {}), cancelled=a.get("cancelled", []), points=a.get("points"),
                    max_points=a.get("max_points"), correct=a.get("correct"), dropped=a.get("dropped", False),
                )
            )
        vf = d.get("version_field")
        size = d.get("image_size")
        return cls(
            file=d["file"], page=d["page"], status=d["status"], reason=d.get("reason", ""),
            sheet_page=d.get("sheet_page"), exam_id=d.get("exam_id", ""), student_id=d.get("student_id"),
            student_id_source=d.get("student_id_source", ""), version=d.get("version"), score=d.get("score"),
            max_score=d.get("max_score"), confidence=d.get("confidence", 0.0), answers=answers,
            id_digits=[FieldRead.from_dict(x) for x in d.get("id_digits", [])],
            version_field=FieldRead.from_dict(vf) if vf else None, qr_text=d.get("qr_text"),
            homography=d.get("homography"), image_size=tuple(size) if size else None,
            timings=d.get("timings", {}), sheet=d.get("sheet", 1),
            registration=d.get("registration", ""), registration_note=d.get("registration_note", ""),
            verification=list(d.get("verification", [])), grids=dict(d.get("grids", {})),
            grid_fields=[FieldRead.from_dict(x) for x in d.get("grid_fields", [])],
        )
