"""Build a class set or a whole school of progress reports: one PDF per student and
language, plus one combined PDF for printing, on every core, with progress and Cancel.

Workers render in separate processes (app.core.pool: a report whose worker dies is
tried once more, then listed as failed while the rest are written) and write their
files straight into the output folder the user chose; nothing goes to a temp folder.
Chunks are small so Cancel stops within a fraction of a second.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import _
from app.core.pool import default_workers, run_pool
from app.core.progress import IsCancelled, Progress, ProgressSink
from app.reports.model import StudentReport

COMBINED_NAME = "all-reports-for-printing.pdf"
_IN_PROCESS_BELOW = 40  # a class set renders faster than worker processes start
_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L",
                           "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE"})


@dataclass
class BuildResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    languages: Counter[str] = field(default_factory=Counter)
    cancelled: bool = False
    failed: list[tuple[str, str]] = field(default_factory=list)  # (student, why) of reports not written
    cpu_seconds: float = 0.0  # CPU time of the rendering (in the workers)
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.files)


def ascii_slug(text: str) -> str:
    """'Nguyễn Thị' -> 'Nguyen-Thi' for file names that every OS and email client accepts."""
    flat = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    flat = "".join(ch for ch in flat if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9]+", "-", flat).strip("-") or "student"


def file_name(report: StudentReport) -> str:
    family, _, first = report.sort_name.partition(", ")
    return f"{ascii_slug(family)}_{ascii_slug(first)}_{ascii_slug(report.local_id)}_{report.language.lower()}.pdf"


def _render_one(job: tuple[StudentReport, str, str]) -> str:
    """Worker: render one report and write it; returns the path written."""
    from app.reports.progress_pdf import render_report

    report, out_dir, page = job
    path = Path(out_dir) / file_name(report)
    path.write_bytes(render_report(report, page))
    return str(path)


def _init_worker() -> None:
    from app.reports.progress_pdf import prepare

    prepare()


def build_reports(
    reports: Sequence[StudentReport],
    out_dir: Path,
    *,
    combined: bool = True,
    page: str = "letter",
    workers: int | None = None,
    min_parallel: int = _IN_PROCESS_BELOW,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    events: ProgressSink | None = None,
) -> BuildResult:
    """Write every report to ``out_dir`` (and the combined PDF); stops early on cancel.

    Fewer than ``min_parallel`` reports render in this process (starting workers costs
    more than a class set takes). A report that fails (or whose worker dies twice) is
    listed in ``failed``; the others are written.
    """
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BuildResult(out_dir)
    combiner = Combiner() if combined else None
    total = len(reports)
    in_order = _InOrder(reports, result, combiner)

    def show(fraction: float, _message: str) -> None:
        if progress is not None:
            progress(fraction, _("{done} of {total}").format(done=round(fraction * total), total=total))

    try:
        jobs = [(report, str(out_dir), page) for report in reports]
        outcome = run_pool(_render_one, jobs, workers=workers or default_workers(), chunk=_chunk_size(total, workers),
                           in_process_below=min_parallel, initializer=_init_worker, progress=show, events=events,
                           key="reports.report", cancelled=cancelled, on_result=in_order.add,
                           preload=["app.reports.batch", "app.reports.progress_pdf"])
        result.cancelled = outcome.cancelled
        result.cpu_seconds = outcome.cpu_seconds
        result.failed = [(reports[f.index].student_name, f.reason) for f in outcome.failed]
        in_order.rest(combine=not result.cancelled)
        if combiner and result.files and not result.cancelled:
            result.combined = combiner.save(out_dir / COMBINED_NAME)
    finally:
        if combiner:
            combiner.close()
    result.seconds = time.perf_counter() - started
    return result


class _InOrder:
    """Written files go into the result (and the printing PDF) in the order of the input,
    as soon as every earlier one is there."""

    def __init__(self, reports: Sequence[StudentReport], result: BuildResult, combiner: Combiner | None) -> None:
        self.reports, self.result, self.combiner = reports, result, combiner
        self.waiting: dict[int, Path] = {}
        self.next = 0

    def _take(self, index: int, path: Path, combine: bool = True) -> None:
        self.result.files.append(path)
        self.result.languages[self.reports[index].language] += 1
        if self.combiner and combine:
            self.combiner.add([path])

    def add(self, index: int, path: str) -> None:
        self.waiting[index] = Path(path)
        while self.next in self.waiting:
            self._take(self.next, self.waiting.pop(self.next))
            self.next += 1

    def rest(self, *, combine: bool) -> None:
        """After a failure or Cancel: what was written after the gap, in order."""
        for index in sorted(self.waiting):
            self._take(index, self.waiting.pop(index), combine)


def _chunk_size(total: int, workers: int | None) -> int:
    """Small chunks: cheap to pickle, and Cancel waits for one chunk at most."""
    n = workers or default_workers()
    return max(2, min(25, total // (n * 8) or 2))


class Combiner:
    """The printing PDF, assembled page by page while the reports are still being written
    (the parent process would otherwise sit idle waiting for the workers)."""

    def __init__(self) -> None:
        import pypdfium2 as pdfium

        self._pdfium = pdfium
        self.doc = pdfium.PdfDocument.new()

    def add(self, paths: Sequence[Path]) -> None:
        for path in paths:
            source = self._pdfium.PdfDocument(path)
            try:
                self.doc.import_pages(source)
            finally:
                source.close()

    def save(self, target: Path) -> Path:
        self.doc.save(target)
        return target

    def close(self) -> None:
        self.doc.close()


def combine_pdfs(files: Sequence[Path], target: Path, cancelled: IsCancelled | None = None) -> Path | None:
    """One PDF of all reports in order, for printing (each report keeps its own page numbers)."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    try:
        for path in files:
            if cancelled and cancelled():
                return None
            source = pdfium.PdfDocument(path)
            try:
                merged.import_pages(source)
            finally:
                source.close()
        merged.save(target)
    finally:
        merged.close()
    return target
