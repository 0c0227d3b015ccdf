"""One student's sheet question by question: what was read, the key, the teacher's decision.

The Results tab used to show only a total and the scan; a teacher asked by a family
"why is question 7 wrong?" had to find the bubble row by eye. ``question_lines`` lists
every question of a student's exam as plain rows for the app (and scripts): the marks
the scanner read (before any decision), the key, what the teacher decided, the points,
and an outcome word. Two bubbles filled on a one-answer question are a double mark and
say so — never shown as if the right one alone had been marked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.stored_text import localized
from app.grading.keys import KeyItem
from app.grading.results import BLANK, MULTIPLE, REVIEW, FieldRead

RIGHT, WRONG, PARTIAL, DOUBLE, BLANK_OUTCOME, TO_REVIEW, DROPPED, NO_KEY = (
    "right", "wrong", "partial", "double mark", "blank", "to review", "dropped", "no key")


@dataclass(frozen=True)
class QuestionLine:
    number: int
    read: str  # "B", "A + C", "blank", "?" (what the scanner saw, before a decision)
    key: str  # "B", "B or D", "A and C", "" (no key)
    decision: str  # "" or what the teacher chose ("D", "blank")
    points: str  # "1 / 1", "0 / 2", "– / 1"
    outcome: str  # one of the constants above
    note: str = ""  # the scanner's reason for a doubt (faint, erased, …)


def _letters(marks: Iterable[str]) -> str:
    return " + ".join(marks)


def _key_text(item: KeyItem | None) -> str:
    if item is None:
        return ""
    joiner = " and " if item.rule == "all" else " or "
    text = joiner.join(item.correct)
    if item.partial:
        text += " (" + ", ".join(f"{c} = {v:g}" for c, v in sorted(item.partial.items())) + ")"
    return text


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def outcome_of(answer: FieldRead | None, item: KeyItem | None) -> str:
    """right / wrong / partial / double mark / blank / to review / dropped / no key."""
    if item is not None and item.dropped:
        return DROPPED
    if answer is None or answer.status == BLANK or not answer.marked and answer.status != REVIEW:
        return BLANK_OUTCOME
    if answer.status == REVIEW:
        return TO_REVIEW
    if item is None:
        return NO_KEY
    if answer.correct:
        return RIGHT
    if answer.status == MULTIPLE and len(answer.marked) > 1:
        return DOUBLE
    if answer.points:
        return PARTIAL
    return WRONG


def question_lines(
    answers: Mapping[int, FieldRead],
    key: Mapping[int, KeyItem] | None,
    decisions: Iterable[Any] = (),
) -> list[QuestionLine]:
    """Every question in the key (and any answered beyond it), in order.

    ``decisions`` are the teacher's review decisions on the student's pages (objects with
    ``target`` "q12", ``engine_value`` and ``chosen_value`` dicts, oldest first).
    """
    decided: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
    for d in decisions:
        target = getattr(d, "target", "")
        if target.startswith("q") and target[1:].isdigit():
            number = int(target[1:])
            first = decided.get(number, (d.engine_value or {}, {}))[0]  # what the scanner read first
            decided[number] = (first, d.chosen_value or {})
    numbers = sorted(set(key or {}) | set(answers))
    lines = []
    for n in numbers:
        answer = answers.get(n)
        item = (key or {}).get(n)
        if n in decided:
            engine, chosen = decided[n]
            read_marks = list(engine.get("marked", []))
            read_status = engine.get("status", "")
            decision = _letters(chosen.get("marked", [])) or "blank"
            note = localized(engine.get("reason", "") or "")
        else:
            read_marks = list(answer.marked) if answer else []
            read_status = answer.status if answer else BLANK
            decision = ""
            note = localized(answer.reason) if answer and answer.status == REVIEW else ""
        read = _letters(read_marks) or ("?" if read_status == REVIEW else "blank")
        if read_status == MULTIPLE and len(read_marks) > 1:
            read += " (double mark)"
        points = f"{_number(answer.points if answer else None)} / {_number(item.points if item else None)}"
        lines.append(QuestionLine(n, read, _key_text(item), decision, points, outcome_of(answer, item), note))
    return lines
