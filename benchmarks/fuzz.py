"""Fuzz every parser and importer with mutated files; print tracebacks, hangs, time, memory.

    uv run python benchmarks/fuzz.py                 # 10,000 inputs per parser
    uv run python benchmarks/fuzz.py --count 500 --only ics pdf

Each parser runs in its own process (so its peak memory is its own) over its seed files,
a few known-hostile files (a zip bomb, a PDF image bomb, runaway .ics rules) and
``--count`` mutations of them (bit flips, truncation, repeated spans, hostile numbers such
as ``1e999`` or 5,000 digits, separator storms, random bytes). An input passes when the
parser returns or raises a user-facing error; anything else is a traceback. An input that
takes over 10 s is a hang (it is stopped at 60 s). Failing inputs are saved under
``benchmarks/out/fuzz-failures`` to replay. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HANG_SECONDS = 10.0
KILL_SECONDS = 60


class _Stuck(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Stuck()


def hostile_inputs(name: str) -> list[bytes]:
    """The files that once broke each parser, run before the random ones."""
    from tests.fuzz import targets

    if name == "oneroster_zip":
        return [targets.zip_bomb(300)]
    if name == "pdf":
        return [targets.pdf_image_bomb()]
    if name == "ics":
        seed = targets.ics_seeds()[1]
        return [seed.replace(b"FREQ=DAILY", f.encode()) for f in
                ("FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=DAILY;INTERVAL=0", "FREQ=HOURLY;BYMINUTE=1,2,3,4,5,6,7")]
    if name == "template":
        seed = json.loads(targets.template_seeds()[0])
        seed["blocks"][0]["count"] = 1_000_000
        return [json.dumps(seed).encode(), b"[" * 100_000, b'{"page": {"count": 1e999}}']
    if name == "answer_key":
        return [b"question,answer\n1," + b"B" * 200_000 + b"\n"]
    if name == "fet":
        return [targets.fet_seeds()[0].replace(b"<Duration>1</Duration>", b"<Duration>1e999</Duration>")]
    return []


def run_worker(name: str, count: int, seed: int, out_dir: Path) -> dict[str, object]:
    from app.core.errors import UserFacingError
    from tests.fuzz import targets

    target = targets.TARGETS[name]
    seeds = target.seeds()
    hostile = hostile_inputs(name)
    warm = Path(tempfile.mkdtemp(prefix=f"td-fuzz-{name}-warm-"))
    try:  # import the parser's libraries before timing anything
        target.run(seeds[0], warm)
    except UserFacingError:
        pass
    finally:
        shutil.rmtree(warm, ignore_errors=True)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix=f"td-fuzz-{name}-"))
    signal.signal(signal.SIGALRM, _alarm)
    stats = {"inputs": 0, "user_errors": 0, "accepted": 0, "tracebacks": 0, "hangs": 0}
    slowest = (0.0, "")
    failures: list[str] = []
    kinds: dict[str, int] = {}
    try:
        for i in range(len(hostile) + count):
            if i < len(hostile):
                data, how = hostile[i], f"hostile #{i + 1}"
            elif rng.random() < 0.05:
                data, how = rng.randbytes(rng.randint(0, 4096)), "random bytes"
            else:
                data = rng.choice(seeds)
                for _ in range(rng.randint(1, 3)):
                    data = targets.mutate(data, rng, target.tokens)
                how = "mutated seed"
            folder = work / str(i)
            folder.mkdir()
            start = time.perf_counter()
            signal.alarm(KILL_SECONDS)
            try:
                target.run(data, folder)
                stats["accepted"] += 1
            except UserFacingError:
                stats["user_errors"] += 1
            except _Stuck:
                stats["hangs"] += 1
                failures.append(f"hang > {KILL_SECONDS} s on {how} ({len(data)} bytes)")
                _save(out_dir, name, i, data)
            except Exception as exc:  # a traceback a teacher would have seen
                stats["tracebacks"] += 1
                kind = f"{type(exc).__name__} at {traceback.extract_tb(exc.__traceback__)[-1].name}"
                kinds[kind] = kinds.get(kind, 0) + 1
                if kinds[kind] <= 3:
                    failures.append(f"{kind}: {str(exc)[:120]} ({how}, {len(data)} bytes)")
                    _save(out_dir, name, i, data)
            finally:
                signal.alarm(0)
                shutil.rmtree(folder, ignore_errors=True)
            elapsed = time.perf_counter() - start
            if elapsed > HANG_SECONDS:
                stats["hangs"] += 1
                failures.append(f"took {elapsed:.1f} s on {how} ({len(data)} bytes)")
                _save(out_dir, name, i, data)
            if elapsed > slowest[0]:
                slowest = (elapsed, f"{how}, {len(data):,} bytes")
            stats["inputs"] += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {**stats, "slowest_s": round(slowest[0], 3), "slowest_input": slowest[1],
            "peak_mb": round(peak / 1024), "baseline_mb": round(rss_before / 1024),
            "failures": failures, "kinds": kinds}


def _save(out_dir: Path, name: str, i: int, data: bytes) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{name}-{i}.bin").write_bytes(data)


def main() -> int:
    from tests.fuzz.targets import TARGETS

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10_000, help="mutated inputs per parser (default 10,000)")
    ap.add_argument("--only", nargs="*", default=None, choices=sorted(TARGETS), help="these parsers only")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "fuzz-failures")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(run_worker(args.worker, args.count, args.seed, args.out)))
        return 0
    names = args.only or sorted(TARGETS)
    print(f"fuzz: {args.count:,} mutated inputs per parser (+ known hostile files), seed {args.seed}")
    header = (f"{'parser':<18}{'inputs':>8}{'traceback':>10}{'hangs':>7}{'refused':>9}{'accepted':>9}"
              f"{'slowest s':>10}{'peak MB':>9}  slowest input")
    print(header)
    print("-" * len(header))
    total_fail = 0
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for name in names:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", name,
                               "--count", str(args.count), "--seed", str(args.seed), "--out", str(args.out)],
                              capture_output=True, text=True, env=env, cwd=ROOT)
        if proc.returncode != 0 or not proc.stdout.strip():
            print(f"{name:<18} worker died (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
            total_fail += 1
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        total_fail += int(r["tracebacks"]) + int(r["hangs"])
        print(f"{name:<18}{r['inputs']:>8,}{r['tracebacks']:>10}{r['hangs']:>7}{r['user_errors']:>9,}"
              f"{r['accepted']:>9,}{r['slowest_s']:>10.2f}{r['peak_mb']:>9}  {r['slowest_input']}"
              f"  [{time.perf_counter() - started:.0f} s]")
        for line in r["failures"]:
            print(f"    ! {line}")
    print(f"total tracebacks + hangs: {total_fail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
