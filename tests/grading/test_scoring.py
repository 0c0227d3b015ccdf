"""Keys, scoring rules, drops and re-keys, item analysis checked against hand arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from app.grading.analysis import item_analysis
from app.grading.keys import AnswerKeyError, parse_key_csv
from app.grading.results import FieldRead, PageResult
from app.grading.score import combine_by_student, rescore, score_page

KEY = """version,question,answer,points,partial,dropped
A,1,B,1,,
A,2,B;D,2,,
A,3,A+C,2,,
A,4,C,1,B=0.5,
A,5,D,1,,yes
B,1,C,1,,
B,2,A,2,,
B,3,B+D,2,,
B,4,A,1,,
B,5,A,1,,
"""


def _page(sid: str, version: str | None, answers: dict[int, tuple[list[str], str]]) -> PageResult:
    return PageResult(
        file=f"{sid}.jpg", page=1, status="ok", sheet_page=1, student_id=sid, version=version,
        answers=[FieldRead(f"q{q}", "question", q, m, st, 1.0) for q, (m, st) in answers.items()],
    )


def test_key_csv_rules_and_errors() -> None:
    key = parse_key_csv(KEY)
    a = key.versions["A"]
    assert a[2].correct == ["B", "D"] and a[2].rule == "any" and a[2].points == 2
    assert a[3].correct == ["A", "C"] and a[3].rule == "all"
    assert a[4].partial == {"B": 0.5} and a[5].dropped
    assert parse_key_csv(key.to_csv()).to_dict() == key.to_dict()
    simple = parse_key_csv("question,answer\n1,a\n2,c\n")
    assert simple.for_version(None)[1].correct == ["A"] and simple.for_version("B") is not None
    with pytest.raises(AnswerKeyError, match="row 3: question 1 appears twice"):
        parse_key_csv("question,answer\n1,A\n1,B\n")
    with pytest.raises(AnswerKeyError, match="row 2: question 'x' is not a number"):
        parse_key_csv("question,answer\nx,A\n")
    with pytest.raises(AnswerKeyError, match="first row"):
        parse_key_csv("1,A\n")


def test_scoring_multiple_correct_partial_dropped_and_review() -> None:
    key = parse_key_csv(KEY)
    p = _page("1", "A", {1: (["B"], "ok"), 2: (["D"], "ok"), 3: (["A", "C"], "multiple"),
                         4: (["B"], "ok"), 5: ([], "blank")})
    score_page(p, key)
    assert [a.points for a in p.answers] == [1, 2, 2, 0.5, 0]
    assert p.score == 5.5 and p.max_score == 6  # question 5 dropped
    q = _page("2", "A", {1: (["A", "B"], "multiple"), 2: ([], "review"), 3: (["A"], "ok"),
                         4: (["C"], "ok"), 5: (["D"], "ok")})
    score_page(q, key)
    assert [a.points for a in q.answers] == [0, None, 0, 1, 0]
    assert q.score == 1 and q.max_score == 6
    # Version B uses its own key; an unknown version cannot be scored, and says so.
    b = score_page(_page("3", "B", {1: (["C"], "ok"), 2: (["A"], "ok")}), key)
    assert b.score == 3
    u = score_page(_page("4", None, {1: (["C"], "ok")}), key)
    assert u.status == "review" and u.score is None and "version" in u.reason


def test_drop_and_rekey_rescore_everything() -> None:
    key = parse_key_csv(KEY)
    pages = [_page("1", "A", {1: (["B"], "ok"), 4: (["B"], "ok")}),
             _page("2", "A", {1: (["C"], "ok"), 4: (["C"], "ok")})]
    rescore(pages, key)
    assert [p.score for p in pages] == [1.5, 1]
    key.rekey(1, ["B", "C"], version="A")
    key.drop(4)
    rescore(pages, key)
    assert [p.score for p in pages] == [1, 1] and [p.max_score for p in pages] == [1, 1]


def test_item_analysis_matches_hand_computation() -> None:
    rng = np.random.default_rng(4)
    n, k = 40, 6
    ability = rng.normal(size=n)
    difficulty = np.linspace(-1, 1, k)
    X = (ability[:, None] + rng.normal(scale=0.8, size=(n, k)) > difficulty[None, :]).astype(int)
    key = parse_key_csv("question,answer\n" + "".join(f"{q},A\n" for q in range(1, k + 1)))
    pages = [
        _page(str(i), None, {q + 1: ((["A"] if X[i, q] else ["B"]), "ok") for q in range(k)})
        for i in range(n)
    ]
    rescore(pages, key)
    exams, orphans = combine_by_student(pages)
    assert not orphans and len(exams) == n
    ia = item_analysis(exams)
    X = X[[int(e.student_id) for e in exams]]  # the exams' order (ties in the 27% groups)
    totals = X.sum(axis=1)
    for j, item in enumerate(ia.items):
        assert item.p == pytest.approx(X[:, j].mean())
        rest = totals - X[:, j]
        assert item.point_biserial == pytest.approx(np.corrcoef(X[:, j], rest)[0, 1])
        assert item.counts == {k_: v for k_, v in {"A": int(X[:, j].sum()), "B": int(n - X[:, j].sum())}.items() if v}
        order = np.argsort(totals, kind="stable")
        m = int(np.ceil(0.27 * n))
        assert item.upper_lower == pytest.approx(X[order[-m:], j].mean() - X[order[:m], j].mean())
    p = X.mean(axis=0)
    kr20 = k / (k - 1) * (1 - (p * (1 - p)).sum() / totals.var())
    assert ia.kr20 == pytest.approx(kr20)
    assert sum(c for *_, c in ia.distribution) == n and ia.mean == pytest.approx(totals.mean())


def test_key_from_a_scanned_key_sheet(quiz_template) -> None:  # type: ignore[no-untyped-def]
    from app.grading.keys import key_from_pages
    from app.grading.read import read_page
    from app.grading.synthetic import blank_page, fill_page

    img = blank_page(quiz_template, 1, 150)
    truth = {q: ["ABCD"[q % 4]] for q in range(1, 21)}
    truth[7] = ["A", "C"]
    fill_page(img, quiz_template, 1, 150, np.random.default_rng(2), {q: "fill" for q in truth}, truth,
              version="A", pencil=False)
    key, problems = key_from_pages([read_page(img, quiz_template)])
    assert not problems
    items = key.for_version("A")
    assert {q: i.correct for q, i in items.items()} == truth
