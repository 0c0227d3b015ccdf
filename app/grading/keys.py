"""Answer keys: per version, several correct answers, partial credit, points, drops.

CSV format (header required; column order free; see docs/grading-output.md)::

    version,question,answer,points,partial,dropped
    A,1,B,1,,
    A,2,B;D,2,,          # B or D is right ("any" of them)
    A,3,A+C,2,,          # both A and C must be marked ("all")
    A,4,C,1,B=0.5,       # B earns half the points
    A,5,D,1,,yes         # dropped: counts for nobody

``version`` may be left out (one key for everyone); ``points`` defaults to 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.grading.results import MULTIPLE, OK, PageResult

N = TypeVar("N", int, float)
MAX_KEY_BYTES = 4 * 1024 * 1024
MAX_QUESTION = 10_000
MAX_POINTS = 10_000.0


class AnswerKeyError(UserFacingError, ValueError):
    """A key file with a problem; the message names the file, the row and the fix."""


@dataclass
class KeyItem:
    question: int
    correct: list[str]
    points: float = 1.0
    rule: str = "any"  # any: one of `correct` earns the points; all: exactly the set
    partial: dict[str, float] = field(default_factory=dict)  # choice -> fraction of points
    dropped: bool = False


@dataclass
class AnswerKey:
    """Items by version label; the label ``""`` is the key for sheets without versions."""

    versions: dict[str, dict[int, KeyItem]] = field(default_factory=dict)

    def labels(self) -> list[str]:
        return sorted(self.versions)

    def for_version(self, version: str | None) -> dict[int, KeyItem] | None:
        if len(self.versions) == 1:
            return next(iter(self.versions.values()))
        if version is None:
            return None
        return self.versions.get(version)

    def drop(self, question: int, version: str | None = None) -> None:
        for label, items in self.versions.items():
            if (version is None or label == version) and question in items:
                items[question].dropped = True

    def rekey(self, question: int, correct: list[str], version: str | None = None) -> None:
        for label, items in self.versions.items():
            if (version is None or label == version) and question in items:
                items[question].correct = list(correct)
                items[question].dropped = False

    def to_dict(self) -> dict[str, Any]:
        return {v: [asdict(i) for i in sorted(items.values(), key=lambda i: i.question)]
                for v, items in self.versions.items()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnswerKey:
        return cls({v: {int(i["question"]): KeyItem(**i) for i in items} for v, items in d.items()})

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["version", "question", "answer", "points", "partial", "dropped"])
        for v in self.labels():
            for item in sorted(self.versions[v].values(), key=lambda i: i.question):
                sep = "+" if item.rule == "all" else ";"
                w.writerow([
                    v, item.question, sep.join(item.correct), f"{item.points:g}",
                    ";".join(f"{c}={f:g}" for c, f in item.partial.items()), "yes" if item.dropped else "",
                ])
        return buf.getvalue()


def load_key_csv(path: Path | str) -> AnswerKey:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_BYTES:
            raise AnswerKeyError(_("{path}: {st_size:,} bytes is far larger than any answer key").format(path=path, st_size=path.stat().st_size),
                                 fix=_("Check that this is the right file."))
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AnswerKeyError(_("{path}: no such key file").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswerKeyError(_("{path}: cannot read the key ({exc})").format(path=path, exc=exc)) from None
    return parse_key_csv(text, str(path))


def _number(text: str, kind: type[N], low: float, high: float, message: str) -> N:
    """``text`` as a finite number in [low, high], else one AnswerKeyError with ``message``."""
    try:
        value = kind(text.strip()[:32])
        if not low <= value <= high:  # also refuses nan and inf
            raise ValueError(value)
    except ValueError:
        raise AnswerKeyError(message) from None
    return value


def parse_key_csv(text: str, where: str = "key") -> AnswerKey:
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:  # a NUL byte, a cell over 128 KB, an unclosed quote
        raise AnswerKeyError(_("{where} row {line_num}: not a readable CSV row ({exc})").format(where=where, line_num=reader.line_num, exc=exc),
                             fix=_("Open the key in a spreadsheet and save it as CSV again.")) from None
    rows = [r for r in rows if any(c.strip() for c in r) and not r[0].lstrip().startswith("#")]
    if not rows:
        raise AnswerKeyError(_("{where}: the key is empty").format(where=where))
    header = [c.strip().lower() for c in rows[0]]
    if "question" not in header or "answer" not in header:
        raise AnswerKeyError(_("{where}: the first row must name the columns, at least 'question,answer'").format(where=where))
    col = {name: header.index(name) for name in header}
    key = AnswerKey()
    for n, row in enumerate(rows[1:], start=2):
        def get(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].split("#")[0].strip() if i is not None and i < len(row) else ""

        question = _number(get("question"), int, 1, MAX_QUESTION,
                           _("{where} row {n}: question {text!r} is not a number from 1 to {max_question}").format(where=where, n=n, text=get('question')[:20], max_question=MAX_QUESTION))
        answer = get("answer").upper().replace(" ", "")
        rule = "all" if "+" in answer else "any"
        correct = [a for a in answer.replace("+", ";").replace("|", ";").replace(",", ";").split(";") if a]
        dropped = get("dropped").lower() in ("yes", "y", "true", "1", "x")
        if not correct and not dropped:
            raise AnswerKeyError(_("{where} row {n}: question {question} has no answer (use dropped=yes to drop it)").format(where=where, n=n, question=question))
        points = _number(get("points") or "1", float, 0, MAX_POINTS,
                         _("{where} row {n}: points {text!r} is not a number from 0 to {max_points:g}").format(where=where, n=n, text=get('points')[:20], max_points=MAX_POINTS))
        partial: dict[str, float] = {}
        for part in filter(None, get("partial").replace(",", ";").split(";")):
            choice, _eq, frac = part.partition("=")
            partial[choice.strip().upper()] = _number(
                frac, float, 0, 1, _("{where} row {n}: partial credit {part!r} should look like B=0.5").format(where=where, n=n, part=part))
        version = get("version").upper()
        items = key.versions.setdefault(version, {})
        if question in items:
            raise AnswerKeyError(_("{where} row {n}: question {question} appears twice for version {value}").format(where=where, n=n, question=question, value=version or '(all)'))
        items[question] = KeyItem(question, correct, points, rule, partial, dropped)
    return key


def key_from_pages(pages: list[PageResult], version: str | None = None) -> tuple[AnswerKey, list[str]]:
    """A key read from a teacher's filled-in sheet (all its pages); returns (key, problems).

    A question the teacher left blank or that needs review is listed as a problem rather
    than guessed; several marks make a multiple-correct ("any") item.
    """
    items: dict[int, KeyItem] = {}
    problems: list[str] = []
    label = version
    for p in pages:
        if p.status not in (OK, "review"):
            problems.append(f"{p.file} page {p.page}: {p.reason or p.status}")
            continue
        label = label or p.version or ""
        for a in p.answers:
            if a.status == OK or a.status == MULTIPLE:
                items[a.number] = KeyItem(a.number, list(a.marked))
            elif a.status == "review":
                problems.append(f"question {a.number}: {a.reason}")
    return AnswerKey({label or "": items}), problems
