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


def _decode_full(path: str) -> int:
    import cv2

    cv2.setNumThreads(1)
    img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    return int(img.shape[0])


def _decode_ours(path: str) -> int:
    import cv2

    from app.grading.images import load_page

    cv2.setNumThreads(1)
    return int(load_page(path).shape[0])


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
            list(pool.map(_decode_full, names, chunksize=4))
            decode_full = time.perf_counter() - t0
            t0 = time.perf_counter()
            list(pool.map(_decode_ours, names, chunksize=4))
            decode_ours = time.perf_counter() - t0

        t0 = time.perf_counter()
        results = grade_files(files, t, key, workers=args.workers)
        total = time.perf_counter() - t0

    ok = sum(1 for r in results if r.status in ("ok", "review"))
    stages = ["decode", "registration", "reading", "qr", "scoring"]
    mean = {s: 1000 * sum(r.timings.get(s, 0.0) for r in results) / len(results) for s in stages}
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
    print(f"\n  ratio whole run / decode-only (same files, same cores): {total / decode_full:.2f}")
    print(f"  registration + reading + QR per sheet {read_ms:.1f} ms vs full-size decode {full_ms:.1f} ms "
          f"(ratio {read_ms / full_ms:.2f})")
    print("\nTargets:")
    print(f"  >= 20 sheets/s on this machine .......... {len(files) / total:.1f} "
          f"{'MET' if len(files) / total >= 20 else 'NOT MET'}")
    print(f"  reading costs no more than decoding ..... {read_ms / full_ms:.2f} "
          f"{'MET' if read_ms <= full_ms else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
