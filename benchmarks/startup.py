"""How long from launching ``teacherdesk`` to a usable main window.

Runs the real command in a fresh process (so interpreter start and imports count),
against a demo workspace made once beforehand, and prints the figures. Target: < 1.5 s.

    uv run python benchmarks/startup.py [--runs 5] [--students 75]
    uv run python benchmarks/startup.py --exe dist/TeacherDesk/TeacherDesk   # an installed build

With ``--exe`` it times the PyInstaller build (installer/teacherdesk.spec) the way a
district installs it, instead of ``python -m app.cli`` from the source tree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--students", type=int, default=75)
    parser.add_argument("--exe", type=Path, default=None, help="a built TeacherDesk executable to time")
    args = parser.parse_args()
    command = [str(args.exe)] if args.exe else [sys.executable, "-m", "app.cli"]
    with tempfile.TemporaryDirectory(prefix="td-startup-") as tmp:
        env = dict(os.environ, TEACHERDESK_HOME=tmp, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   TEACHERDESK_EXIT_AFTER_SHOW="1", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
        ws = Path(tmp) / "school.tdw"
        subprocess.run([*command, "demo", "--workspace", str(ws),
                        "--students", str(args.students)], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        for label, extra in (("existing workspace", ["--workspace", str(ws)]), ("--demo (builds a demo first)", ["--demo"])):
            times = []
            for _ in range(args.runs):
                start = time.time()
                out = subprocess.run([*command, *extra], cwd=ROOT, env=env,
                                     capture_output=True, text=True, check=True).stdout
                ready = float(next(line for line in out.splitlines() if line.startswith("ready_unix_time="))
                              .split("=")[1])
                times.append(ready - start)
            print(f"launch to usable window ({'built app' if args.exe else 'from source'}), {label}: median {statistics.median(times):.2f} s, "
                  f"best {min(times):.2f} s, worst {max(times):.2f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
