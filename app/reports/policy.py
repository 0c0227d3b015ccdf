"""A class's grading policy: the schema of ``Section.policy`` (a JSON dict).

Every field has a default, so an empty dict (a new class) is a valid policy, and unknown
keys written by a newer version are kept when the policy is saved again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Letter grades with +/-: (letter, lowest percent that earns it), highest first.
DEFAULT_SCALE: tuple[tuple[str, float], ...] = (
    ("A+", 97.0),
    ("A", 93.0),
    ("A-", 90.0),
    ("B+", 87.0),
    ("B", 83.0),
    ("B-", 80.0),
    ("C+", 77.0),
    ("C", 73.0),
    ("C-", 70.0),
    ("D+", 67.0),
    ("D", 63.0),
    ("D-", 60.0),
    ("F", 0.0),
)

SIMPLE_SCALE: tuple[tuple[str, float], ...] = (
    ("A", 90.0),
    ("B", 80.0),
    ("C", 70.0),
    ("D", 60.0),
    ("F", 0.0),
)

# Standards-based marks: a 1-4 mark from the average on a 4-point scale.
STANDARDS_LEVELS: tuple[tuple[int, float], ...] = ((4, 3.5), (3, 2.5), (2, 1.5), (1, 0.0))

MODES = ("weighted", "points")
MISSING_RULES = ("zero", "exclude")
STANDARDS_METHODS = ("mean", "recent", "highest")


@dataclass
class GradingPolicy:
    """How a class turns scores into a grade.

    - ``mode``: "weighted" (category weights in percent, renormalised over the
      categories that have grades so far) or "points" (total points earned / possible).
    - ``missing``: "zero" (a missing assignment counts as 0) or "exclude" (left out
      until it is turned in).
    - ``late_penalty_percent``: a late score loses this percent of the points possible
      (never below zero), as Canvas' late policy does.
    - ``scale``: letters with their lowest percent, highest first; the grade is rounded
      to ``decimals`` before it is compared, so 89.95 shows as 90.0 and earns an A-.
    - ``standards_based``: report 1-4 marks per category (standard) instead of letters;
      ``standards_method`` picks the mark from a standard's scores.
    - ``term_weights``: for the year grade, a weight per term id (as text); terms
      without an entry weigh 1.
    """

    mode: str = "weighted"
    missing: str = "zero"
    late_penalty_percent: float = 0.0
    scale: list[tuple[str, float]] = field(default_factory=lambda: list(DEFAULT_SCALE))
    decimals: int = 1
    standards_based: bool = False
    standards_method: str = "mean"
    term_weights: dict[str, float] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"grading mode must be one of {MODES}, not {self.mode!r}")
        if self.missing not in MISSING_RULES:
            raise ValueError(f"missing rule must be one of {MISSING_RULES}, not {self.missing!r}")
        if self.standards_method not in STANDARDS_METHODS:
            raise ValueError(f"standards method must be one of {STANDARDS_METHODS}")
        if not 0.0 <= self.late_penalty_percent <= 100.0:
            raise ValueError("late penalty must be between 0 and 100 percent")
        scale = [(str(letter), float(cut)) for letter, cut in self.scale]
        scale.sort(key=lambda item: item[1], reverse=True)
        if not scale:
            raise ValueError("a grading scale needs at least one letter")
        self.scale = scale

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> GradingPolicy:
        data = dict(data or {})
        known = {f.name for f in fields(cls)} - {"extras"}
        kwargs = {k: data.pop(k) for k in list(data) if k in known}
        if "scale" in kwargs:
            kwargs["scale"] = [tuple(item) for item in kwargs["scale"]]
        return cls(**kwargs, extras=data)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        extras = out.pop("extras")
        out["scale"] = [[letter, cut] for letter, cut in self.scale]
        return {**extras, **out}
