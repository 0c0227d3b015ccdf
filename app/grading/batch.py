"""Grading many files at once on every core; one bad file never stops the batch.

Work is split per page (a 500-page PDF spreads over all processes), sent in small
chunks, and comes back as plain :class:`PageResult` objects in input order.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from app.grading.images import ImageError, PageRef, collect_inputs, load_page, page_refs
from app.grading.keys import AnswerKey
from app.grading.read import read_sheets
from app.grading.results import ERROR, PageResult
from app.grading.score import score_page
from app.grading.template import Template

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


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
        results = read_sheets(image, template, file=ref.path, page=ref.index + 1)
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


def _work(refs: list[PageRef]) -> list[PageResult]:
    return [res for r in refs for res in grade_page_sheets(r, _WORKER["template"], _WORKER["key"])]


def _context():  # type: ignore[no-untyped-def]
    """Never plain fork: a forked copy of a process that already ran OpenCV's (or Qt's)
    threads can deadlock. A fork server started clean, with our modules preloaded, starts
    workers nearly as fast."""
    import multiprocessing as mp

    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["app.grading.batch"])
        return ctx
    return mp.get_context("spawn")


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
    cancelled: Cancelled | None = None,
    chunk: int = 4,
) -> list[PageResult]:
    """Read (and score, with a key) every page of every file or folder in ``paths``."""
    paths = list(paths)
    refs, errors = expand(paths)
    order = {str(p): i for i, p in enumerate(collect_inputs(paths))}
    total = len(refs)
    results: list[PageResult] = list(errors)
    workers = workers or os.cpu_count() or 1
    if progress:
        progress(0.0, f"0 of {total} pages")
    if workers <= 1 or total <= 2:
        for n, ref in enumerate(refs):
            if cancelled and cancelled():
                break
            results.extend(grade_page_sheets(ref, template, key))
            if progress:
                progress((n + 1) / max(total, 1), f"{n + 1} of {total} pages")
    else:
        chunks = [refs[i : i + chunk] for i in range(0, total, chunk)]
        done = 0
        with ProcessPoolExecutor(
            max_workers=min(workers, len(chunks)),
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(template.to_dict(), str(template.source) if template.source else None,
                      key.to_dict() if key else None),
        ) as pool:
            pending: set[Future[list[PageResult]]] = set()
            chunk_of: dict[Future[list[PageResult]], list[PageRef]] = {}
            it = iter(chunks)

            def top_up() -> None:
                # A bounded queue, so Cancel takes effect quickly.
                for c in it:
                    fut = pool.submit(_work, c)
                    chunk_of[fut] = c
                    pending.add(fut)
                    if len(pending) >= workers * 3:
                        break

            top_up()
            while pending:
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for fut in finished:
                    try:
                        part = fut.result()
                    except Exception as exc:  # a crashed worker: report its pages
                        part = [PageResult(r.path, r.index + 1, ERROR, f"reader crashed: {exc}") for r in chunk_of[fut]]
                    results.extend(part)
                    done += len(part)
                    if progress:
                        progress(done / max(total, 1), f"{done} of {total} pages")
                if cancelled and cancelled():
                    for fut in pending:
                        fut.cancel()
                    break
                top_up()
    results.sort(key=lambda r: (order.get(r.file, len(order)), r.file, r.page, r.sheet))
    return results
