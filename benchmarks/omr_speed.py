"""Speed of grading 300-dpi Letter JPEG scans on every core.

    uv run python benchmarks/omr_speed.py               # 300 sheets
    uv run python benchmarks/omr_speed.py --sheets 60   # a quick look

Writes synthetic filled scans (300 dpi, JPEG quality 90) to a temporary folder, then in
the same run measures, with the same number of processes:

1. decode only: every file decoded to greyscale at full size with OpenCV (the baseline);
2. the whole of ``teacherdesk grade``: decode (at reduced size), registration, reading
   (bubbles, ID, version, QR) and scoring, results back in the parent.

Prints sheets per second, the time per stage per sheet, and the ratio of the full run's
time to the decode-only time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _decode_full(path: str) -> float:
    """Decode; returns the CPU seconds it took (what an idle core would need)."""
    import cv2

    cv2.setNumThreads(1)
    c0 = time.process_time()
    img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    assert img is not None
    return time.process_time() - c0


def _decode_ours(path: str) -> int:
    import cv2

    from app.grading.images import load_page

    cv2.setNumThreads(1)
    return int(load_page(path).shape[0])


def _cpu_stages(paths: list[str], t, key) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """CPU milliseconds per stage, measured in this thread (unaffected by other load)."""
    import cv2

    from app.grading.images import load_page
    from app.grading.read import _read_qr, _read_registered
    from app.grading.register import register_all
    from app.grading.score import score_page

    cv2.setNumThreads(1)
    clock = time.thread_time
    acc = dict.fromkeys(["decode (full size)", "decode (reduced)", "registration", "reading", "qr", "scoring"], 0.0)
    for _ in range(2):  # the first round warms caches; keep the second
        acc = dict.fromkeys(acc, 0.0)
        for p in paths:
            c0 = clock()
            cv2.imread(p, cv2.IMREAD_GRAYSCALE)
            c1 = clock()
            img = load_page(p)
            c2 = clock()
            reg = register_all(img, t)[0]
            c3 = clock()
            r = _read_registered(img, t, reg, p, 1, 0.0)
            c4 = clock()
            assert reg.homography is not None
            _read_qr(img, reg.homography, t, reg.page)
            c5 = clock()
            score_page(r, key)
            c6 = clock()
            for k, v in zip(acc, (c1 - c0, c2 - c1, c3 - c2, (c4 - c3) - (c5 - c4), c5 - c4, c6 - c5), strict=True):
                acc[k] += v
    return {k: 1000 * v / len(paths) for k, v in acc.items()}


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(workers, mp_context=ctx)


def main(argv: list[str] | None = None) -> int:
    import cv2
    import numpy as np

    from app.grading.batch import grade_files
    from app.grading.keys import parse_key_csv
    from app.grading.layout import design_sheet
    from app.grading.synthetic import make_page

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sheets", type=int, default=300)
    ap.add_argument("--unique", type=int, default=12, help="distinct generated sheets (copied to reach --sheets)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--questions", type=int, default=50)
    args = ap.parse_args(argv)

    t = design_sheet(args.questions, 5, id_digits=7, versions=2, exam_id="speed001")
    key = parse_key_csv("version,question,answer\n" + "".join(
        f"{v},{q},{'ABCDE'[(q * 3 + i) % 5]}\n" for i, v in enumerate("AB") for q in range(1, args.questions + 1)))
    rng = np.random.default_rng(300)
    with tempfile.TemporaryDirectory(prefix="omr-speed-") as tmp:
        folder = Path(tmp)
        print(f"Generating {args.unique} distinct 300-dpi scans ...", file=sys.stderr)
        sources = []
        for i in range(min(args.unique, args.sheets)):
            sp = make_page(t, rng, "scan", dpi=300)
            p = folder / f"u{i:03d}.jpg"
            cv2.imwrite(str(p), sp.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
            sources.append(p)
        files = list(sources)
        for i in range(len(sources), args.sheets):
            dst = folder / f"s{i:04d}.jpg"
            shutil.copyfile(sources[i % len(sources)], dst)
            files.append(dst)
        names = [str(f) for f in files]
        size = cv2.imread(names[0], cv2.IMREAD_GRAYSCALE).shape
        mb = sum(f.stat().st_size for f in files) / 1e6
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

        # Warm the processes' imports outside the timed sections (both runs alike).
        with _pool(args.workers) as pool:
            list(pool.map(_decode_full, names[:args.workers]))
            t0 = time.perf_counter()
            decode_cpu = sum(pool.map(_decode_full, names, chunksize=4)) / len(names)
            decode_full = time.perf_counter() - t0
            t0 = time.perf_counter()
            list(pool.map(_decode_ours, names, chunksize=4))
            decode_ours = time.perf_counter() - t0

        t0 = time.perf_counter()
        results = grade_files(files, t, key, workers=args.workers)
        total = time.perf_counter() - t0
        cpu_stages = _cpu_stages([str(p) for p in sources], t, key)

    ok = sum(1 for r in results if r.status in ("ok", "review"))
    stages = ["decode", "registration", "reading", "qr", "scoring"]
    mean = {s: 1000 * sum(r.timings.get(s, 0.0) for r in results) / len(results) for s in stages}
    cpu_ms = 1000 * sum(r.timings.get("cpu", 0.0) for r in results) / len(results)
    read_ms = mean["registration"] + mean["reading"] + mean["qr"]
    full_ms = 1000 * decode_full * args.workers / len(files)

    print(f"\nOMR speed: {len(files)} sheets, {size[1]}x{size[0]} px (300 dpi Letter) JPEG, {mb:.0f} MB, "
          f"{args.workers} processes, load average at start {load:.1f}")
    print(f"  sheets read: {ok} of {len(files)} "
          f"({sum(1 for r in results if r.status == 'ok')} ok, {sum(1 for r in results if r.status == 'review')} review)")
    print(f"\n  decode only (full-size greyscale)  {decode_full:6.2f} s   {len(files) / decode_full:6.1f} files/s")
    print(f"  decode only (as the reader does)   {decode_ours:6.2f} s   {len(files) / decode_ours:6.1f} files/s")
    print(f"  whole grading run                  {total:6.2f} s   {len(files) / total:6.1f} sheets/s"
          "   (includes starting the worker processes)")
    print("\n  time per sheet in a worker (ms):")
    for s in stages:
        print(f"    {s:<13}{mean[s]:7.1f}")
    print(f"    {'total':<13}{sum(mean.values()):7.1f}")
    print(f"\n  CPU time per sheet: whole pipeline {cpu_ms:.1f} ms, full-size decode alone {1000 * decode_cpu:.1f} ms")
    print(f"  -> on {args.workers} idle cores: about {args.workers * 1000 / cpu_ms:.0f} sheets/s "
          f"(decode alone {args.workers / decode_cpu:.0f} files/s); the wall-clock figures above include "
          "waiting for CPU when other programs are busy (see the load average)")
    print("\n  CPU time per stage, one thread (ms per sheet):")
    for k, v in cpu_stages.items():
        print(f"    {k:<20}{v:7.1f}")
    cpu_read = cpu_stages["registration"] + cpu_stages["reading"] + cpu_stages["qr"]
    print(f"\n  ratio whole run / decode-only (same files, same cores): {total / decode_full:.2f} wall-clock")
    print(f"  registration + reading + QR: {read_ms:.1f} ms wall / {cpu_read:.1f} ms CPU per sheet, vs full-size "
          f"decode {full_ms:.1f} ms wall / {cpu_stages['decode (full size)']:.1f} ms CPU")
    print("\nTargets:")
    print(f"  >= 20 sheets/s on this machine .......... {len(files) / total:.1f} measured "
          f"{'MET' if len(files) / total >= 20 else 'NOT MET'} (CPU-time estimate for idle cores "
          f"{args.workers * 1000 / cpu_ms:.0f})")
    ratio = cpu_read / cpu_stages["decode (full size)"]
    print(f"  reading costs no more than decoding ..... CPU ratio {ratio:.2f} {'MET' if ratio <= 1 else 'NOT MET'}"
          f" (wall ratio {read_ms / full_ms:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
