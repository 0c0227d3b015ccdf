"""Accuracy of the bubble-sheet reader on generated pages that know the truth.

    uv run python benchmarks/omr_accuracy.py            # 2,100 pages (300 per degradation)
    uv run python benchmarks/omr_accuracy.py --pages 70 # a quick look

Each page is a sheet design filled by a simulated student (pen or pencil; fills, partial
fills, light marks, check marks, crosses, erasures, stray marks, double marks, cancelled
bubbles, blanks; see app/grading/synthetic.py) and degraded like a scanner, photocopier,
black-and-white fax or phone photo would. Per degradation it prints, over all answers:
read correctly without review, sent to review, SILENT MISREADS (wrong and not sent to
review — the number that must be 0), and pages rejected; and, over the "clear" marks
only (fills, partial fills, doubles, blanks — marks any teacher reads at a glance), the
share read without review.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DESIGNS = [
    dict(questions=50, choices=5, id_digits=6, versions=2, paper="letter"),
    dict(questions=40, choices=4, id_digits=8, versions=0, paper="a4"),
    dict(questions=30, choices="TF", id_digits=5, versions=0, paper="letter"),
    dict(questions=100, choices=4, id_digits=7, versions=4, paper="letter"),
]

_TEMPLATES: list = []


def _templates():  # type: ignore[no-untyped-def]
    from app.grading.layout import design_sheet

    if not _TEMPLATES:
        for i, d in enumerate(DESIGNS):
            _TEMPLATES.append(design_sheet(d["questions"], d["choices"], id_digits=d["id_digits"],
                                           versions=d["versions"], paper=d["paper"], exam_id=f"bench{i}"))
    return _TEMPLATES


def _one(job: tuple[int, int, str, int, float]):  # type: ignore[no-untyped-def]
    import cv2
    import numpy as np

    from app.grading.read import read_page
    from app.grading.synthetic import compare, make_page

    cv2.setNumThreads(1)
    seed, design, degradation, page, dpi = job
    t = _templates()[design]
    page = min(page, t.pages)
    sp = make_page(t, np.random.default_rng(seed), degradation, page=page, dpi=dpi)
    r = read_page(sp.image, t)
    return degradation, compare(sp, r)


def main(argv: list[str] | None = None) -> int:
    from app.grading.synthetic import DEGRADATIONS, SCANNER_LIKE, Tally

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2100, help="pages in total (spread over the degradations)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--dpi", type=float, default=200.0, help="resolution the pages are generated at")
    ap.add_argument("--examples", type=int, default=8, help="problem examples to print")
    args = ap.parse_args(argv)

    jobs = [(args.seed * 100_000 + i, i // len(DEGRADATIONS) % len(DESIGNS), DEGRADATIONS[i % len(DEGRADATIONS)],
             1 + (i // (len(DEGRADATIONS) * len(DESIGNS))) % 2, args.dpi) for i in range(args.pages)]
    totals = {d: Tally() for d in DEGRADATIONS}
    t0 = time.perf_counter()
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(args.workers, mp_context=ctx) as pool:
        for n, (kind, tally) in enumerate(pool.map(_one, jobs, chunksize=4), start=1):
            totals[kind].add(tally)
            if n % 100 == 0 or n == len(jobs):
                print(f"  {n}/{len(jobs)} pages, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:6.2f}%" if b else "     -"

    from app.grading.synthetic import MARK_KINDS

    mix = ", ".join(f"{k} {100 * v / sum(MARK_KINDS.values()):.1f}%" for k, v in MARK_KINDS.items())
    print(f"\nMark mixture per answer: {mix}")
    print(f"OMR accuracy: {args.pages} generated pages, {len(DESIGNS)} sheet designs, {args.dpi:.0f} dpi, "
          f"seed {args.seed}, {time.perf_counter() - t0:.0f} s\n")
    head = (f"{'degradation':<13}{'pages':>6}{'answers':>9}{'read ok':>10}{'review':>9}{'SILENT':>8}"
            f"{'rejected':>10}{'clear marks: no review':>24}")
    print(head)
    print("-" * len(head))
    groups = {"scanner-like": Tally(), "photo-like": Tally(), "all": Tally()}
    for kind in DEGRADATIONS:
        t = totals[kind]
        groups["all"].add(t)
        groups["scanner-like" if kind in SCANNER_LIKE else "photo-like"].add(t)
        print(f"{kind:<13}{t.pages:>6}{t.answers:>9}{pct(t.correct, t.answers):>10}{pct(t.review, t.answers):>9}"
              f"{t.silent:>8}{t.pages_rejected:>10}{pct(t.clear_correct, t.clear):>24}")
    print("-" * len(head))
    for name, t in groups.items():
        print(f"{name:<13}{t.pages:>6}{t.answers:>9}{pct(t.correct, t.answers):>10}{pct(t.review, t.answers):>9}"
              f"{t.silent:>8}{t.pages_rejected:>10}{pct(t.clear_correct, t.clear):>24}")
    a = groups["all"]
    print(f"\nstudent ID / version read wrong without review: {a.id_silent}")
    print(f"marks wiped out by black-and-white thresholding (invisible, read blank): {a.invisible}")
    s, p = groups["scanner-like"], groups["photo-like"]
    print("\nTargets:")
    print(f"  silent misreads = 0 ............................ {a.silent + a.id_silent} "
          f"{'MET' if a.silent + a.id_silent == 0 else 'NOT MET'}")
    print(f"  scanner-like read without review >= 99.9% ...... all answers {pct(s.correct, s.answers).strip()}, "
          f"clear marks {pct(s.clear_correct, s.clear).strip()}")
    print(f"  photo-like sent to review <= 2% ................ all answers {pct(p.review, p.answers).strip()}, "
          f"clear marks {pct(p.clear_review, p.clear).strip()}")
    if a.examples and args.examples:
        print("\nExamples of silent misreads, rejections and clear marks sent to review:")
        for e in a.examples[: args.examples]:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
