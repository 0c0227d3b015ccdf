"""Plain-CSV (SIS export) roster import time against the number of students.

    uv run python benchmarks/roster_plain_csv.py [--students 12500 25000 50000]

Writes an SIS-style CSV (student, guardian, one class per row) for each size, imports it
into a new encrypted workspace and prints seconds and rows per second: linear growth
means the seconds double with the rows. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("Student ID,First Name,Last Name,Grade,Guardian Name,Guardian Email,Course,Teacher,Period\n")
        for i in range(n):
            f.write(f"{100000 + i},José{i},Ramírez{i},{6 + i % 3},Rosa Ramírez{i},rosa{i}@example.org,"
                    f"Math {i % 40},Teacher {i % 40},{i % 6 + 1}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", type=int, nargs="+", default=[12_500, 25_000, 50_000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="td-plain-") as tmp:
        os.environ["TEACHERDESK_HOME"] = tmp
        os.environ["TEACHERDESK_PASSPHRASE"] = "benchmark passphrase"
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        from app.store import create_workspace
        from app.store.roster import guess_mapping, import_plain_csv, preview

        print(f"{'students':>9} {'seconds':>8} {'rows/s':>8}  result")
        for n in args.students:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            csv_path = folder / "export.csv"
            write_csv(csv_path, n)
            ws = create_workspace(folder / "w.tdw", school_name="Benchmark").workspace
            mapping = guess_mapping(preview(csv_path, n=0).headers)
            start = time.perf_counter()
            report = import_plain_csv(ws, csv_path, mapping)
            seconds = time.perf_counter() - start
            ws.close()
            students = report.counts().get("students", {}).get("created", 0)
            print(f"{n:>9,} {seconds:>8.1f} {n / seconds:>8.0f}  {students:,} students created"
                  f"{'' if report.applied else ' (NOT applied: ' + '; '.join(map(str, report.errors[:2])) + ')'}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
