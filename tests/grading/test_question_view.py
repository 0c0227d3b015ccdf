"""A student's answers question by question: read value, key, decision, points, outcome."""

from __future__ import annotations

from types import SimpleNamespace

from app.grading.keys import KeyItem
from app.grading.question_view import question_lines
from app.grading.results import FieldRead


def _a(n: int, marked: list[str], status: str = "ok", points: float | None = 0.0, correct: bool | None = False,
       reason: str = "") -> FieldRead:
    return FieldRead(f"q{n}", "question", n, marked, status, 1.0, reason, points=points, max_points=1.0,
                     correct=correct)


def test_each_question_says_what_was_read_the_key_and_the_decision() -> None:
    key = {1: KeyItem(1, ["B"]), 2: KeyItem(2, ["A"]), 3: KeyItem(3, ["C"], points=2.0),
           4: KeyItem(4, ["B", "D"]), 5: KeyItem(5, ["A"], partial={"B": 0.5}), 6: KeyItem(6, ["D"], dropped=True),
           7: KeyItem(7, ["A"])}
    answers = {1: _a(1, ["B"], points=1.0, correct=True),
               2: _a(2, ["A", "C"], status="multiple"),  # a clean double mark
               3: _a(3, ["D"], points=2.0, correct=True, reason="teacher"),  # the teacher decided D
               4: _a(4, ["B", "D"], status="multiple", points=1.0, correct=True),  # "B or D": both fine
               5: _a(5, ["B"], points=0.5),
               6: _a(6, ["A"], points=0.0, correct=None),
               7: _a(7, ["A"], status="review", points=None, correct=None, reason="faint")}
    decision = SimpleNamespace(target="q3", engine_value={"marked": ["C", "D"], "status": "review",
                                                          "reason": "erased"},
                               chosen_value={"marked": ["D"]})
    lines = {line.number: line for line in question_lines(answers, key, [decision])}
    assert (lines[1].read, lines[1].key, lines[1].points, lines[1].outcome) == ("B", "B", "1 / 1", "right")
    assert lines[2].read == "A + C (double mark)" and lines[2].outcome == "double mark"
    assert lines[2].points == "0 / 1"
    assert (lines[3].read, lines[3].decision, lines[3].note, lines[3].key) == ("C + D", "D", "erased", "C")
    assert lines[4].outcome == "right" and lines[4].key == "B or D"
    assert lines[5].outcome == "partial" and lines[5].key == "A (B = 0.5)"
    assert lines[6].outcome == "dropped"
    assert (lines[7].read, lines[7].outcome, lines[7].note) == ("A", "to review", "faint")
    # A question in the key the student never answered is listed, as blank.
    lines = question_lines({}, {1: KeyItem(1, ["A"])})
    assert (lines[0].read, lines[0].outcome, lines[0].points) == ("blank", "blank", "– / 1")
