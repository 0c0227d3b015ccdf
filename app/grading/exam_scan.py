"""Reading a batch of scans for an exam, with the scans themselves kept for review.

Like the engine's ``grade_files`` (one page per unit of work, on every core), but each
result comes back *as it is read* (``partial``), together with the page image as
compressed bytes so it can be stored encrypted in the workspace and shown with overlays
later. Camera frames (arrays in memory) go through :func:`read_frame` and never touch
the disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.core.i18n import _
from app.core.pool import run_pool
from app.core.progress import IsCancelled, Progress, ProgressEvent, ProgressSink
from app.grading.batch import expand, grade_page
from app.grading.images import PageRef, load_page
from app.grading.keys import AnswerKey
from app.grading.read import read_page
from app.grading.register_pages import assign_sheet_pages, link_form_pages, pages_by_content
from app.grading.results import ERROR, PageResult
from app.grading.score import score_page
from app.grading.template import Template

SMALL_BATCH = 60  # fewer pages are read on the calling thread: starting workers costs 1-5 s


@dataclass
class ReadPage:
    """One page read: the result, the scan as compressed (JPEG) bytes and where it came from."""

    result: PageResult
    image: bytes | None
    source: str
    image_format: str = "jpg"
    size: tuple[int, int] | None = None


def read_ref(ref: PageRef, template: Template, key: AnswerKey | None) -> ReadPage:
    from app.grading.exam_store import encode_image

    result = grade_page(ref, template, key)
    data: bytes | None = None
    size = None
    if result.status != ERROR:
        try:
            img = load_page(ref.path, ref.index)  # the very image the homography refers to
            data = encode_image(img)
            size = (int(img.shape[1]), int(img.shape[0]))
        except Exception:  # the result already says what went wrong with this file
            data = None
    return ReadPage(result, data, Path(ref.path).name, "jpg", size)


def read_frame(image: np.ndarray, template: Template, key: AnswerKey | None, source: str = "camera") -> ReadPage:
    """Read a camera frame (greyscale or BGR) held in memory."""
    import cv2

    from app.grading.exam_store import encode_image

    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    result = read_page(grey, template, file=source, page=1)
    if key is not None:
        score_page(result, key)
    return ReadPage(result, encode_image(grey), source, "jpg", (int(grey.shape[1]), int(grey.shape[0])))


_WORKER: dict[str, Any] = {}


def _init(template_dict: dict[str, Any], key_dict: dict[str, Any] | None) -> None:
    import cv2

    cv2.setNumThreads(1)
    _WORKER["template"] = Template.from_dict(template_dict)
    _WORKER["key"] = AnswerKey.from_dict(key_dict) if key_dict is not None else None


def _work(ref: PageRef) -> ReadPage:
    return read_ref(ref, _WORKER["template"], _WORKER["key"])


def read_files(
    paths: Iterable[Path | str],
    template: Template,
    key: AnswerKey | None = None,
    *,
    workers: int | None = None,
    partial: Callable[[ReadPage], None] | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    events: ProgressSink | None = None,
) -> list[ReadPage]:
    """Read every page of the files and folders; ``partial`` gets each page as it is read
    (a form of several pages without page marks: every page at the end, in batch order,
    once put together per student).

    A page takes ~0.1-0.3 s on one core, so fewer than :data:`SMALL_BATCH` pages are read
    in this process; bigger batches go to worker processes (app.core.pool).
    """
    refs, errors = expand(list(paths))
    refs = assign_sheet_pages(refs, template)  # multi-page forms: the page tried first
    total = len(refs) + len(errors)
    out: list[ReadPage] = []
    by_ref: dict[int, ReadPage] = {}
    # A form of several pages is put together per student once the whole batch is read
    # (link_form_pages): its pages are handed on only then, linked or flagged.
    hold = pages_by_content(template)

    def emit(rp: ReadPage) -> None:
        out.append(rp)
        if partial and not hold:
            partial(rp)
        message = _("{done} of {total} pages").format(done=len(out), total=total)
        if progress:
            progress(len(out) / max(total, 1), message)
        if events:
            events(ProgressEvent(len(out) / max(total, 1), "grading.page", message,
                                 {"done": len(out), "total": total}))

    if progress:
        progress(0.0, _("0 of {total} pages").format(total=total))
    for e in errors:
        emit(ReadPage(e, None, Path(e.file).name))
    result = run_pool(
        _work, refs, workers=workers, in_process_below=SMALL_BATCH, initializer=_init,
        initargs=(template.to_dict(), key.to_dict() if key else None),
        cancelled=cancelled, on_result=lambda i, rp: emit(by_ref.setdefault(i, rp)),
        preload=["app.grading.exam_scan"],
    )
    for failed in result.failed:
        ref = refs[failed.index]
        emit(by_ref.setdefault(failed.index, ReadPage(
            PageResult(ref.path, ref.index + 1, ERROR, f"reader stopped: {failed.reason}"), None, Path(ref.path).name)))
    batch = [by_ref[i] for i in sorted(by_ref)]
    link_form_pages([rp.result for rp in batch], template)
    if hold and partial:
        for rp in out[: len(errors)] + batch:
            partial(rp)
    return out
