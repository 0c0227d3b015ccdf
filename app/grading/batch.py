"""Grading many files at once on every core; one bad file never stops the batch.

Work is split per page (a 500-page PDF spreads over all processes), sent in small
chunks, and comes back as plain :class:`PageResult` objects in input order.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from app.core.i18n import _
from app.core.pool import run_pool
from app.core.progress import IsCancelled, Progress, ProgressSink
from app.grading.images import ImageError, PageRef, collect_inputs, load_page, page_refs
from app.grading.keys import AnswerKey
from app.grading.read import read_sheets
from app.grading.register_pages import assign_sheet_pages, link_form_pages
from app.grading.results import ERROR, PageResult
from app.grading.score import score_page
from app.grading.template import Template


def grade_page(ref: PageRef, template: Template, key: AnswerKey | None = None) -> PageResult:
    """Decode, read and score one page (the first sheet on it); never raises."""
    return grade_page_sheets(ref, template, key)[0]


def grade_page_sheets(ref: PageRef, template: Template, key: AnswerKey | None = None) -> list[PageResult]:
    """Decode, read and score one page (one result per sheet on it, usually one).

    Never raises: every failure becomes a result with status 'error'.
    """
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    try:
        image = load_page(ref.path, ref.index)
    except ImageError as exc:
        return [PageResult(ref.path, ref.index + 1, ERROR, str(exc), timings={"decode": time.perf_counter() - t0})]
    except MemoryError:
        return [PageResult(ref.path, ref.index + 1, ERROR, "not enough memory to decode this image")]
    t1 = time.perf_counter()
    try:
        results = read_sheets(image, template, file=ref.path, page=ref.index + 1, sheet_page=ref.sheet_page)
        for result in results:
            t2 = time.perf_counter()
            if key is not None:
                score_page(result, key)
            result.timings["scoring"] = time.perf_counter() - t2
            result.timings["decode"] = (t1 - t0) / len(results)
            result.timings["cpu"] = (time.process_time() - cpu0) / len(results)
    except Exception as exc:  # a reader bug must not cost the teacher the batch
        return [PageResult(ref.path, ref.index + 1, ERROR, f"internal error while reading: {type(exc).__name__}: {exc}")]
    return results


# -- worker process state -------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(template_dict: dict[str, Any], source: str | None, key_dict: dict[str, Any] | None) -> None:
    import cv2

    cv2.setNumThreads(1)  # one process per core already
    _WORKER["template"] = Template.from_dict(template_dict, Path(source) if source else None)
    _WORKER["key"] = AnswerKey.from_dict(key_dict) if key_dict is not None else None


def _work(ref: PageRef) -> list[PageResult]:
    return grade_page_sheets(ref, _WORKER["template"], _WORKER["key"])


def expand(paths: Iterable[Path | str]) -> tuple[list[PageRef], list[PageResult]]:
    """The pages to read, and an error result for each file that cannot even be opened."""
    refs: list[PageRef] = []
    errors: list[PageResult] = []
    for f in collect_inputs(list(paths)):
        try:
            refs.extend(page_refs(f))
        except ImageError as exc:
            errors.append(PageResult(str(f), 1, ERROR, str(exc)))
    return refs, errors


def grade_files(
    paths: Iterable[Path | str],
    template: Template,
    key: AnswerKey | None = None,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    events: ProgressSink | None = None,
    chunk: int = 4,
) -> list[PageResult]:
    """Read (and score, with a key) every page of every file or folder in ``paths``.

    Pages go to worker processes (app.core.pool) in small chunks; a page whose worker
    dies twice comes back as an error result and the batch goes on.
    """
    paths = list(paths)
    refs, errors = expand(paths)
    refs = assign_sheet_pages(refs, template)  # multi-page forms: the page tried first
    order = {str(p): i for i, p in enumerate(collect_inputs(paths))}
    results: list[PageResult] = list(errors)
    total = len(refs)

    def show(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, _("{done} of {total} pages").format(done=round(fraction * total), total=total))

    out = run_pool(
        _work, refs, workers=workers, chunk=chunk, in_process_below=3,
        initializer=_init_worker,
        initargs=(template.to_dict(), str(template.source) if template.source else None,
                  key.to_dict() if key else None),
        progress=show, events=events, key="grading.page", cancelled=cancelled, preload=["app.grading.batch"],
    )
    for part in out.results:
        if part is not None:
            results.extend(part)
    for failed in out.failed:
        ref = refs[failed.index]
        results.append(PageResult(ref.path, ref.index + 1, ERROR, f"reader stopped: {failed.reason}"))
    results.sort(key=lambda r: (order.get(r.file, len(order)), r.file, r.page, r.sheet))
    link_form_pages(results, template)  # pages of multi-page forms put together per student
    return results
