"""Item analysis of a scored exam: difficulty, discrimination, distractors, KR-20.

* difficulty ``p``: the share of students who earned the item's full points;
* point-biserial: correlation of the item (0/1) with the rest of the test (total minus
  the item, so an item does not correlate with itself);
* upper-lower ``D``: ``p`` in the top 27% of totals minus ``p`` in the bottom 27%;
* counts per choice, plus blank / multiple / review;
* KR-20 reliability over students with every item decided; score distribution in bins.

Answers still waiting for review are left out of the item's statistics.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from app.grading.results import BLANK, MULTIPLE, REVIEW
from app.grading.score import StudentExam


@dataclass
class ItemStats:
    question: int
    n: int
    p: float | None
    point_biserial: float | None
    upper_lower: float | None
    counts: dict[str, int] = field(default_factory=dict)
    correct: list[str] = field(default_factory=list)


@dataclass
class ItemAnalysis:
    n_students: int
    items: list[ItemStats]
    mean: float | None
    sd: float | None
    kr20: float | None
    max_score: float
    distribution: list[tuple[float, float, int]]  # (from, to, students)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _corr(x: np.ndarray, y: np.ndarray) -> float | None:
    if len(x) < 3 or x.std() == 0 or y.std() == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def item_analysis(exams: list[StudentExam], bins: int = 10) -> ItemAnalysis:
    questions = sorted({q for e in exams for q in e.answers})
    n = len(exams)
    totals = np.array([e.score for e in exams], float)
    max_score = max((e.max_score for e in exams), default=0.0)
    # correctness matrix: 1 full credit, 0 otherwise, nan = review / dropped / missing
    M = np.full((n, len(questions)), np.nan)
    items: list[ItemStats] = []
    order = np.argsort(totals, kind="stable")
    k27 = max(1, int(math.ceil(0.27 * n))) if n else 0
    lower, upper = order[:k27], order[n - k27 :]
    for j, q in enumerate(questions):
        counts: dict[str, int] = {}
        for i, e in enumerate(exams):
            a = e.answers.get(q)
            if a is None:
                continue
            if a.status == REVIEW:
                counts["review"] = counts.get("review", 0) + 1
                continue
            if a.status == BLANK:
                counts["blank"] = counts.get("blank", 0) + 1
            elif a.status == MULTIPLE:
                counts["multiple"] = counts.get("multiple", 0) + 1
            else:
                for c in a.marked:
                    counts[c] = counts.get(c, 0) + 1
            if not a.dropped and a.max_points:
                M[i, j] = 1.0 if a.correct else 0.0
        col = M[:, j]
        have = ~np.isnan(col)
        p = float(col[have].mean()) if have.any() else None
        pb = _corr(col[have], totals[have] - col[have] * _item_points(exams, q)[have]) if have.any() else None
        ul = None
        if n >= 4 and p is not None:
            up, lo = col[upper], col[lower]
            if (~np.isnan(up)).any() and (~np.isnan(lo)).any():
                ul = float(np.nanmean(up) - np.nanmean(lo))
        items.append(ItemStats(q, int(have.sum()), p, pb, ul, dict(sorted(counts.items())), []))
    scored = [j for j in range(len(questions)) if not np.isnan(M[:, j]).all()]
    complete = ~np.isnan(M[:, scored]).any(axis=1) if scored else np.zeros(n, bool)
    kr20 = None
    if len(scored) >= 2 and complete.sum() >= 3:
        X = M[complete][:, scored]
        var = X.sum(axis=1).var()
        if var > 0:
            pq = (X.mean(axis=0) * (1 - X.mean(axis=0))).sum()
            k = len(scored)
            kr20 = float(k / (k - 1) * (1 - pq / var))
    dist: list[tuple[float, float, int]] = []
    if n and max_score > 0:
        edges = np.linspace(0, max_score, bins + 1)
        hist, _ = np.histogram(np.clip(totals, 0, max_score), bins=edges)
        dist = [(float(edges[i]), float(edges[i + 1]), int(hist[i])) for i in range(bins)]
    return ItemAnalysis(
        n_students=n,
        items=items,
        mean=float(totals.mean()) if n else None,
        sd=float(totals.std()) if n else None,
        kr20=kr20,
        max_score=max_score,
        distribution=dist,
    )


def _item_points(exams: list[StudentExam], q: int) -> np.ndarray:
    return np.array([(e.answers[q].max_points or 0.0) if q in e.answers else 0.0 for e in exams], float)
