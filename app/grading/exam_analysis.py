"""Item analysis of an exam in the workspace, with questions that look mis-keyed.

The statistics are the engine's (``item_analysis``); this adds the exam's students and a
mis-key check: a question where the strongest students (top 27% of totals) mostly chose
one other answer, more often than the keyed one, is probably keyed wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.grading.analysis import ItemAnalysis, item_analysis
from app.grading.exam_gradebook import StudentResult, student_results
from app.grading.keys import AnswerKey
from app.grading.score import StudentExam
from app.store import Workspace


@dataclass
class ExamAnalysis:
    analysis: ItemAnalysis
    key: dict[int, list[str]]  # question -> keyed answers (first version)
    suspects: dict[int, str] = field(default_factory=dict)  # question -> the answer top scorers chose


def to_student_exams(results: list[StudentResult]) -> list[StudentExam]:
    return [StudentExam(r.local_id, r.version or None, r.score, r.max_score, dict(r.answers)) for r in results]


def suspected_miskeys(exams: list[StudentExam], key: AnswerKey) -> dict[int, str]:
    if len(exams) < 4:
        return {}
    ranked = sorted(exams, key=lambda e: e.score, reverse=True)
    top = ranked[: max(2, math.ceil(0.27 * len(ranked)))]
    out: dict[int, str] = {}
    questions = sorted({q for e in exams for q in e.answers})
    for q in questions:
        counts: dict[str, int] = {}
        keyed = 0
        for e in top:
            a = e.answers.get(q)
            if a is None or a.dropped or a.status != "ok" or len(a.marked) != 1:
                continue
            items = key.for_version(e.version)
            item = items.get(q) if items else None
            if item is None or not item.correct:
                continue
            if a.correct:
                keyed += 1
            else:
                counts[a.marked[0]] = counts.get(a.marked[0], 0) + 1
        if counts:
            choice, n = max(counts.items(), key=lambda kv: kv[1])
            if n > keyed and n >= max(2, len(top) // 2):
                out[q] = choice
    return out


def exam_analysis(ws: Workspace, exam_id: int) -> ExamAnalysis:
    from app.grading.exam_store import load_exam

    info = load_exam(ws, exam_id)
    exams = to_student_exams(student_results(ws, exam_id))
    first = info.key.versions.get(info.version_labels[0], {})
    keyed = {q: list(i.correct) for q, i in first.items()}
    analysis = item_analysis(exams)
    for item in analysis.items:
        item.correct = keyed.get(item.question, [])
    return ExamAnalysis(analysis, keyed, suspected_miskeys(exams, info.key))
