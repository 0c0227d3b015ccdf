"""Third-party-style forms: templates built by the builder alone, then read and checked.

    uv run python benchmarks/omr_forms.py                # 5 forms x 5 kinds x 6 pages
    uv run python benchmarks/omr_forms.py --pages 2      # a quick look

For each form of app/grading/synthetic_forms.py (L-marks with name and two ID grids,
a 200-question scanner form with a timing track, a plain form with no marks, a form with
triangle marks, and a form of two pages with L-marks, read in order) the blank is printed
as a PDF and handed to the template builder — no hand-edited JSON. Filled pages are then generated per kind (flatbed scan without a border,
the colour print 1.5% larger, a photocopy, faint stippled pencil on a photocopy, a phone
photo at an angle) with pen, pencil, erasures, scribbles and stray marks, read, and
compared with the truth. Per kind it prints: SILENT misreads (wrong and not sent to
review: the target is 0), answers sent to review (all, and clear marks only: target <= 3%
on clean scans), pages refused, and seconds per page. Then the same clean pages are read
with every template shifted by half a row: verification must refuse every block.
Finally the registration time of feature alignment against marker registration on
300-dpi scans.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_DIR = Path(tempfile.gettempdir()) / "teacherdesk-omr-forms"


def build_templates(out: Path) -> dict[str, Path]:
    """Print each blank form as a PDF and build its template with the builder alone."""
    from app.grading.builder import build_from_blank, save_built
    from app.grading.synthetic_forms import render_pdf

    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for d in corpus():
        pdf = out / f"{d.name}.pdf"
        pdf.write_bytes(render_pdf(d))
        built = build_from_blank(pdf)
        save_built(built, out / f"{d.name}.json")
        paths[d.name] = out / f"{d.name}.json"
        print(f"  {d.name}: {built.summary().splitlines()[0]}", file=sys.stderr)
    return paths


def corpus():  # type: ignore[no-untyped-def]
    """The forms: one page each, and a form of two pages (read as pages 1, 2, 1, 2, ...)."""
    from app.grading.synthetic_forms import designs, two_page_design

    return designs() + [two_page_design()]


def _one(job: tuple[str, str, int, str, float, int]):  # type: ignore[no-untyped-def]
    import cv2
    import numpy as np

    from app.grading.read import read_page
    from app.grading.synthetic import compare
    from app.grading.synthetic_forms import make_form_page
    from app.grading.template import load_template

    cv2.setNumThreads(1)
    form, kind, seed, tpath, shift, page = job
    d = next(x for x in corpus() if x.name == form)
    t = load_template(tpath)
    if shift:
        for b in t.blocks:  # half a row along the item direction
            b.x += shift * b.item_step[0]
            b.y += shift * b.item_step[1] if b.item_step[1] else shift * b.choice_step[1]
            if not b.item_step[1] and not b.choice_step[1]:
                b.y += shift * 14
    sp = make_form_page(d, np.random.default_rng(seed), kind, page=page)
    t0 = time.perf_counter()
    r = read_page(sp.image, t, sheet_page=page)
    dt = time.perf_counter() - t0
    tally = compare(sp, r)
    unverified = sum(1 for v in r.verification if not v["verified"])
    return form, kind, tally, dt, r.status, unverified, len(r.verification)


def main(argv: list[str] | None = None) -> int:
    from app.grading.synthetic import Tally
    from app.grading.synthetic_forms import FORM_KINDS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=6, help="pages per form and kind")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--examples", type=int, default=8)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    print("Building templates from the blank forms (builder only):", file=sys.stderr)
    paths = build_templates(_DIR)
    pages_of = {d.name: d.pages() for d in corpus()}
    forms = list(pages_of)
    jobs = [(f, k, args.seed * 10_000 + i * 97 + j, str(paths[f]), 0.0, j % pages_of[f] + 1)
            for i, f in enumerate(forms) for k in FORM_KINDS for j in range(args.pages)]
    shifted = [(f, "scan", args.seed * 10_000 + 5000 + i, str(paths[f]), 0.5, j % pages_of[f] + 1)
               for i, f in enumerate(forms) for j in range(max(1, args.pages // 2))]
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(args.workers, mp_context=ctx) as pool:
        results = list(pool.map(_one, jobs + shifted, chunksize=2))
    normal, half = results[: len(jobs)], results[len(jobs) :]

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:6.2f}%" if b else "     -"

    print(f"\nThird-party forms: {len(forms)} forms x {len(FORM_KINDS)} kinds x {args.pages} pages, "
          f"templates built from the blanks by the builder; {time.perf_counter() - t0:.0f} s\n")
    head = (f"{'form':<16}{'kind':<11}{'pages':>6}{'answers':>8}{'SILENT':>8}{'review':>9}"
            f"{'review(clear)':>14}{'refused':>9}{'s/page':>8}")
    print(head)
    print("-" * len(head))
    by_kind: dict[str, Tally] = {k: Tally() for k in FORM_KINDS}
    secs: dict[str, list[float]] = {k: [] for k in FORM_KINDS}
    total = Tally()
    for f in forms:
        for k in FORM_KINDS:
            rows = [r for r in normal if r[0] == f and r[1] == k]
            t = Tally()
            for r in rows:
                t.add(r[2])
            by_kind[k].add(t)
            total.add(t)
            secs[k] += [r[3] for r in rows]
            sp = sum(r[3] for r in rows) / max(len(rows), 1)
            print(f"{f:<16}{k:<11}{t.pages:>6}{t.answers:>8}{t.silent + t.id_silent:>8}{pct(t.review, t.answers):>9}"
                  f"{pct(t.clear_review, t.clear):>14}{t.pages_rejected:>9}{sp:>8.2f}")
    print("-" * len(head))
    for k in FORM_KINDS:
        t = by_kind[k]
        sp = sum(secs[k]) / max(len(secs[k]), 1)
        print(f"{'all forms':<16}{k:<11}{t.pages:>6}{t.answers:>8}{t.silent + t.id_silent:>8}{pct(t.review, t.answers):>9}"
              f"{pct(t.clear_review, t.clear):>14}{t.pages_rejected:>9}{sp:>8.2f}")
    print(f"\nsilent misreads, all pages: {total.silent + total.id_silent} "
          f"({'MET' if total.silent + total.id_silent == 0 else 'NOT MET'}: target 0)")
    clean = by_kind["scan"]
    print(f"answers sent to review on clean scans: {pct(clean.review, clean.answers).strip()} "
          f"(clear marks only {pct(clean.clear_review, clean.clear).strip()}; target <= 3%)")
    loud = sum(1 for r in half if r[5] == r[6] or r[4] == "not_a_sheet")
    blocks_bad = sum(r[5] for r in half)
    blocks = sum(r[6] for r in half)
    h_silent = sum(r[2].silent + r[2].id_silent for r in half)
    decided_right = sum(r[2].correct for r in half)
    print(f"\nhalf-row shift test: {len(half)} clean pages read with every template shifted half a row: "
          f"{loud} pages refused or every block unverified, {blocks_bad}/{blocks} blocks unverified, "
          f"{h_silent} silent misreads, {decided_right} answers decided "
          f"({'LOUD' if h_silent == 0 and decided_right == 0 else 'NOT LOUD'})")
    if args.examples:
        ex = [e for r in normal for e in r[2].examples if "SILENT" in e or "rejected" in e]
        for e in ex[: args.examples]:
            print("  " + e[:160])
    _speed()
    return 0


def _speed() -> None:
    """Registration time on 300-dpi scans: feature alignment against corner marks."""
    import numpy as np

    from app.grading.builder import build_from_image, save_built
    from app.grading.register import register
    from app.grading.synthetic_forms import designs, make_form_page, render_blank
    from app.grading.template import load_template

    d = next(x for x in designs() if x.name == "district-L")
    blank = render_blank(d, 150.0)
    marks = build_from_image(blank, (612.0, 792.0), name="marks")
    feat = build_from_image(blank, (612.0, 792.0), name="feature", registration="feature")
    save_built(marks, _DIR / "speed-marks.json")
    save_built(feat, _DIR / "speed-feature.json")
    tm, tf = load_template(_DIR / "speed-marks.json"), load_template(_DIR / "speed-feature.json")
    pages = [make_form_page(d, np.random.default_rng(i), "scan", dpi=300.0).image for i in range(4)]
    out: dict[str, list[float]] = {"corner marks": [], "feature": []}
    ok = {"corner marks": 0, "feature": 0}
    register(pages[0], tf)  # warm caches (the reference's features)
    for _round in range(3):  # interleaved, medians: the machine may be busy
        for p in pages:
            for name, t in (("corner marks", tm), ("feature", tf)):
                t0 = time.perf_counter()
                ok[name] += register(p, t).ok
                out[name].append(time.perf_counter() - t0)
    med = {k: float(np.median(v)) for k, v in out.items()}
    for name in out:
        print(f"registration on 300-dpi scans, {name}: {1000 * med[name]:.0f} ms/page (median; "
              f"{ok[name]}/{len(out[name])} found)")
    print(f"feature / marker registration time: {med['feature'] / med['corner marks']:.2f}x (target <= 2x)")


if __name__ == "__main__":
    sys.exit(main())
