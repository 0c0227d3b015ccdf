"""Build a class set or a whole school of progress reports: one PDF per student and
language, plus one combined PDF for printing, on every core, with progress and Cancel.

Workers render in separate processes (``ProcessPoolExecutor``) and write their files
straight into the output folder the user chose; nothing goes to a temp folder. Chunks
are small so Cancel stops within a fraction of a second.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from app.reports.model import StudentReport

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

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


def _render_chunk(reports: Sequence[StudentReport], out_dir: str, page: str) -> list[str]:
    """Worker: render and write each report; returns the paths written."""
    from app.reports.progress_pdf import render_report

    written = []
    for report in reports:
        path = Path(out_dir) / file_name(report)
        path.write_bytes(render_report(report, page))
        written.append(str(path))
    return written


def _init_worker() -> None:
    from app.reports.progress_pdf import prepare

    prepare()


def _start_method() -> str:
    """'fork' (workers start at once, fonts already loaded) only where it is safe: Linux,
    a process with a single OS thread (a lock held by another thread would stay locked
    forever in the child), no Qt. Otherwise 'spawn' (Windows, macOS, the app, pytest-xdist
    workers)."""
    import sys

    if sys.platform != "linux" or "PySide6" in sys.modules:
        return "spawn"
    try:
        threads = len(os.listdir("/proc/self/task"))  # every OS thread, not only Python's
    except OSError:
        return "spawn"
    return "fork" if threads == 1 else "spawn"


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def build_reports(
    reports: Sequence[StudentReport],
    out_dir: Path,
    *,
    combined: bool = True,
    page: str = "letter",
    workers: int | None = None,
    min_parallel: int = _IN_PROCESS_BELOW,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BuildResult:
    """Write every report to ``out_dir`` (and the combined PDF); stops early on cancel.

    Fewer than ``min_parallel`` reports render in this process (starting workers costs
    more than a class set takes)."""
    started = time.perf_counter()
    report_progress = progress or (lambda _f, _m: None)
    is_cancelled = cancelled or (lambda: False)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BuildResult(out_dir)
    total = len(reports)
    workers = workers or default_workers()
    combiner = Combiner() if combined else None
    try:
        if total < min_parallel or workers == 1:
            for i, report in enumerate(reports):
                if is_cancelled():
                    result.cancelled = True
                    break
                paths = [Path(p) for p in _render_chunk([report], str(out_dir), page)]
                result.files += paths
                if combiner:
                    combiner.add(paths)
                report_progress((i + 1) / total, f"{i + 1} / {total}")
        else:
            result.cancelled = _render_parallel(
                reports, out_dir, page, workers, result, combiner, report_progress, is_cancelled)
        if combiner and result.files and not result.cancelled:
            result.combined = combiner.save(out_dir / COMBINED_NAME)
    finally:
        if combiner:
            combiner.close()
    for report in reports[: len(result.files)]:
        result.languages[report.language] += 1
    result.seconds = time.perf_counter() - started
    return result


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


def _render_parallel(
    reports: Sequence[StudentReport], out_dir: Path, page: str, workers: int,
    result: BuildResult, combiner: Combiner | None, report_progress: Progress, is_cancelled: Cancelled,
) -> bool:
    import multiprocessing

    total = len(reports)
    # Small chunks: cheap to pickle, and Cancel waits for one chunk at most.
    size = max(2, min(25, total // (workers * 8) or 2))
    chunks = [list(reports[i : i + size]) for i in range(0, total, size)]
    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "fork":
        _init_worker()  # load fonts once here; the forked workers inherit them
    done_paths: dict[int, list[Path]] = {}
    next_in_order = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
        pending: dict[Future[list[str]], int] = {
            pool.submit(_render_chunk, chunk, str(out_dir), page): i for i, chunk in enumerate(chunks)
        }
        finished = 0
        while pending:
            done, _rest = wait(list(pending), timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                index = pending.pop(future)
                done_paths[index] = [Path(p) for p in future.result()]
                finished += len(done_paths[index])
                report_progress(finished / total, f"{finished} / {total}")
            # Files go into the result (and the printing PDF) in the order of the input.
            while next_in_order in done_paths:
                paths = done_paths.pop(next_in_order)
                result.files += paths
                if combiner:
                    combiner.add(paths)
                next_in_order += 1
            if is_cancelled():
                for future in pending:
                    future.cancel()
                pool.shutdown(wait=True, cancel_futures=True)
                for index in sorted(done_paths):
                    result.files += done_paths[index]
                return True
    return False


def combine_pdfs(files: Sequence[Path], target: Path, cancelled: Cancelled | None = None) -> Path | None:
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
