"""Progress-report benchmark: a whole school's reports, against ReportLab's own floor.

    uv run python benchmarks/reports.py [--students 1000] [--workers N] [--keep DIR]

Builds a demo workspace of N students (encrypted, in a temporary folder), loads every
student's report data for the fall term, then in the same run:

1. the floor: a minimal one-page ReportLab document per student (name on a page,
   Helvetica, no tables, no chart), written on the same worker processes;
2. our reports: the full progress report per student and family language, plus the
   combined printing PDF, through ``app.reports.batch.build_reports``.

Prints reports per second for both and their ratio. Target: 1,000 reports in under 20 s
on a 2-core machine (the whole build, combined PDF included).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _minimal_one(item: tuple[str, str, str]) -> str:
    """The floor: ReportLab's cheapest one-page PDF for one student."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen.canvas import Canvas

    name, file_name, out_dir = item
    canvas = Canvas(str(Path(out_dir) / file_name), pagesize=LETTER)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, name)
    canvas.showPage()
    canvas.save()
    return file_name


def minimal_floor(reports: list, out_dir: Path, workers: int) -> tuple[float, float]:  # type: ignore[type-arg]
    """(wall seconds, CPU seconds in the workers) for the floor."""
    from app.core.pool import run_pool
    from app.reports.batch import _chunk_size, file_name

    out_dir.mkdir(parents=True, exist_ok=True)
    items = [(r.student_name.encode("latin-1", "replace").decode("latin-1"), file_name(r), str(out_dir))
             for r in reports]
    started = time.perf_counter()
    # The same pool as the reports (app.core.pool), so the ratio compares rendering only.
    out = run_pool(_minimal_one, items, workers=workers, chunk=_chunk_size(len(items), workers))
    assert not out.failed and all(out.results)
    return time.perf_counter() - started, out.cpu_seconds


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="keep the PDFs in this folder")
    args = ap.parse_args()

    workers = args.workers or os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(prefix="td-bench-reports-"))
    os.environ["TEACHERDESK_HOME"] = str(tmp / "home")
    os.environ.pop("TEACHERDESK_PASSPHRASE", None)
    try:
        from app.reports.batch import build_reports
        from app.reports.data import load_reports
        from app.scheduling.demo import build_demo
        from app.store import open_workspace

        t0 = time.perf_counter()
        created = build_demo(tmp / "bench.tdw", students=args.students, seed=11, keyless=True)
        created.workspace.close()
        print(f"demo workspace: {args.students} students in {time.perf_counter() - t0:.1f} s")

        ws = open_workspace(tmp / "bench.tdw", daily_backup=False)
        t0, c0 = time.perf_counter(), time.process_time()
        with ws.read() as session:
            found = load_reports(session, term="Fall Semester")
        load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
        reports = found.reports
        ws.close()
        langs: dict[str, int] = {}
        for r in reports:
            langs[r.language] = langs.get(r.language, 0) + 1
        print(f"report data: {len(reports)} reports ({', '.join(f'{n} {k}' for k, n in sorted(langs.items()))}) "
              f"loaded and graded in {load_s:.2f} s")

        cpu0 = _cpu()
        floor_s, floor_worker_cpu = minimal_floor(reports, tmp / "floor", workers)
        cpu1 = _cpu()
        out = args.keep or (tmp / "reports")
        result = build_reports(reports, out, workers=workers, combined=True)
        cpu2 = _cpu()
        assert result.count == len(reports) and result.combined is not None
        pages = 0
        import pypdfium2 as pdfium

        combined = pdfium.PdfDocument(result.combined)
        pages = len(combined)
        combined.close()
        total = load_s + result.seconds
        n = len(reports)
        print(f"workers: {workers} ({_cpu_note()})")
        print(f"floor (minimal 1-page ReportLab PDF each): {floor_s:6.2f} s  {n / floor_s:7.1f} per second")
        print(f"progress reports + combined PDF          : {result.seconds:6.2f} s  {n / result.seconds:7.1f} per second"
              f"  ({pages} pages)")
        print(f"ratio to the floor: {result.seconds / floor_s:.1f}x")
        # The workers' CPU comes from the pool (they are not this process's direct children).
        floor_cpu, build_cpu = cpu1 - cpu0 + floor_worker_cpu, cpu2 - cpu1 + result.cpu_seconds
        print(f"CPU time: loading {load_cpu:.1f} s, floor {floor_cpu:.1f} s, reports {build_cpu:.1f} s "
              f"({1000 * build_cpu / n:.1f} ms per report)")
        print(f"on {workers} idle cores that is about {load_cpu + build_cpu / workers:.1f} s for load + build "
              "(this machine is shared; wall times above include waiting for other work)")
        verdict = "meets" if total < 20 * n / 1000 else "misses"
        print(f"load + build for {n} reports: {total:.1f} s — {verdict} the target of 20 s per 1,000 reports")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            print(f"PDFs kept in {args.keep}")


def _cpu_note() -> str:
    try:
        load = os.getloadavg()[0]
        return f"{os.cpu_count()} cores, load average {load:.1f} at the end"
    except OSError:
        return f"{os.cpu_count()} cores"


if __name__ == "__main__":
    main()
