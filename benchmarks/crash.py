"""Kill the CLI with SIGKILL at random moments; check nothing is lost, half-done or left running.

    uv run python benchmarks/crash.py               # 10 kills per scenario
    uv run python benchmarks/crash.py --runs 30 --only import backup

Scenarios: workspace creation (``demo``), ``roster import``, ``backup``, ``restore``,
``grade`` (with 2 worker processes), ``reports build`` (with 2 workers) and ``make-real``
(a demo made a real workspace: afterwards the demo or the real one, never neither). Each run starts
the real command in its own session, kills it after a random delay (some runs finish
first, which checks "reported done" writes), waits 5 s, then checks:

* the workspace opens and ``PRAGMA integrity_check`` is ok;
* a write the command reported as done is there (exit 0 => present);
* no half-import: the student count is the before or the after count, never between;
* every backup that ``teacherdesk backups`` lists opens, passes the check and has a school;
* no process of the killed command's session is still alive after 5 s (orphans);
* after the next open and close, no ``-wal``/``-shm``/``-journal`` or half-made file is left;
* a killed creation does not block creating the workspace again.

Runs against a throwaway home folder with a passphrase (no keyring). Prints counts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSPHRASE = "crash benchmark passphrase"
ORPHAN_WAIT = 5.0


@dataclass
class Tally:
    runs: int = 0
    killed: int = 0
    finished: int = 0
    open_failures: int = 0
    integrity_failures: int = 0
    lost_writes: int = 0
    half_imports: int = 0
    bad_backups_listed: int = 0
    orphans: int = 0
    stray_files: int = 0
    blocked: int = 0
    notes: list[str] = field(default_factory=list)

    def problems(self) -> int:
        return (self.open_failures + self.integrity_failures + self.lost_writes + self.half_imports
                + self.bad_backups_listed + self.orphans + self.stray_files + self.blocked)


class Bench:
    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.folder = folder
        self.rng = rng
        home = folder / "home"
        home.mkdir()
        self.env = dict(
            os.environ, TEACHERDESK_HOME=str(home), HOME=str(home), TEACHERDESK_PASSPHRASE=PASSPHRASE,
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        )
        os.environ.update({k: self.env[k] for k in ("TEACHERDESK_HOME", "TEACHERDESK_PASSPHRASE",
                                                    "PYTHON_KEYRING_BACKEND")})
        self.durations: dict[str, float] = {}

    # -- running and killing -------------------------------------------------------------

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=900)

    def kill_run(self, tally: Tally, name: str, args: list[str]) -> int | None:
        """Run the command, SIGKILL it at a random moment; None if killed, else its exit code."""
        if name not in self.durations:  # one full run to learn how long the command takes
            start = time.monotonic()
            done = self.cli(*args)
            self.durations[name] = time.monotonic() - start
            if done.returncode != 0:
                raise SystemExit(f"{name}: the command itself fails: {done.stderr.strip()[-400:]}")
            return 0
        # mostly during the work (startup included), a few near or after the end so that
        # "reported done" writes are checked too
        full = self.durations[name]
        delay = self.rng.uniform(0.2, 0.9 * full) if self.rng.random() < 0.8 else self.rng.uniform(0.9 * full, 1.3 * full)
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            code = proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
        time.sleep(ORPHAN_WAIT)
        left = session_members(proc.pid)
        if left:
            tally.orphans += len(left)
            tally.notes.append(f"{len(left)} process(es) of a killed '{name}' alive after {ORPHAN_WAIT:.0f} s")
            for pid in left:  # clean up for the next run
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        tally.runs += 1
        if code is None:
            tally.killed += 1
        else:
            tally.finished += 1
        return code

    # -- checks --------------------------------------------------------------------------

    def check_workspace(self, tally: Tally, path: Path) -> int | None:
        """Open, integrity-check and count students; then look for stray files. None if broken."""
        from sqlalchemy import func, select, text

        from app.store import open_workspace
        from app.store.models import Student

        try:
            ws = open_workspace(path, daily_backup=False, wait_seconds=10)
        except Exception as exc:
            tally.open_failures += 1
            tally.notes.append(f"{path.name} did not open: {exc}")
            return None
        try:
            with ws.read() as s:
                check = s.execute(text("PRAGMA integrity_check")).scalars().all()
                students = int(s.scalar(select(func.count()).select_from(Student)) or 0)
            if check != ["ok"]:
                tally.integrity_failures += 1
                tally.notes.append(f"{path.name} integrity_check: {check[:2]}")
        finally:
            ws.close()
        for extra in ("-wal", "-shm", "-journal"):
            if path.with_name(path.name + extra).exists():
                tally.stray_files += 1
                tally.notes.append(f"{path.name}{extra} left after open and close")
        if path.with_name(f".{path.name}.creating").exists():
            tally.stray_files += 1
        return students

    def check_backups(self, tally: Tally, path: Path) -> None:
        from app.store import database
        from app.store.backup import list_backups
        from app.store.database import unlock_workspace

        ws = unlock_workspace(path, wait_seconds=10)
        key = ws.key
        ws.close()
        for b in list_backups(path):
            try:
                conn = database.raw_connect(b.path, key)
                try:
                    ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                    schools = conn.execute("SELECT count(*) FROM school").fetchone()[0]
                finally:
                    conn.close()
            except Exception as exc:
                ok, schools = False, 0
                tally.notes.append(f"listed backup {b.path.name} does not open: {exc}")
            if not ok or not schools:
                tally.bad_backups_listed += 1
                tally.notes.append(f"listed backup {b.path.name} is empty or damaged")

    # -- setup ---------------------------------------------------------------------------

    def demo(self, path: Path, students: int) -> None:
        done = self.cli("demo", "--workspace", str(path), "--students", str(students))
        if done.returncode != 0:
            raise SystemExit(f"demo failed: {done.stderr}")

    def real(self, path: Path) -> None:
        done = self.cli("init", "--workspace", str(path), "--school", "Crash Test School")
        if done.returncode != 0:
            raise SystemExit(f"init failed: {done.stderr}")


def session_members(sid: int) -> list[int]:
    """Live processes whose session is ``sid`` (the killed command started it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            found.append(int(entry.name))
    return found


def _roster_csv(path: Path, prefix: str, n: int) -> None:
    lines = ["Student ID,First Name,Last Name,Grade,Guardian Name,Guardian Email"]
    for i in range(n):
        lines.append(f"{prefix}{i:05d},Ana{i},Ramírez{prefix},7,Rosa Ramírez{i},rosa{prefix}{i}@example.org")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- scenarios ------------------------------------------------------------------------------


def scenario_create(b: Bench, runs: int) -> Tally:
    t = Tally()
    for i in range(runs + 1):
        path = b.folder / f"created-{i}.tdw"
        code = b.kill_run(t, "create", ["demo", "--workspace", str(path), "--students", "150"])
        if path.exists():
            count = b.check_workspace(t, path)
            if count is not None and count != 150:
                t.half_imports += 1
                t.notes.append(f"{path.name} exists with {count} students, not 150")
        elif code == 0:
            t.lost_writes += 1
        else:  # killed before the rename: creating it again must work, unblocked
            again = b.cli("demo", "--workspace", str(path), "--students", "5")
            if again.returncode != 0:
                t.blocked += 1
                t.notes.append(f"re-creating {path.name}: {again.stderr.strip()[-200:]}")
            else:
                b.check_workspace(t, path)
    return t


def scenario_import(b: Bench, runs: int) -> Tally:
    t = Tally()
    ws = b.folder / "import.tdw"
    b.real(ws)
    for i in range(runs + 1):
        before = b.check_workspace(t, ws)
        roster = b.folder / f"roster-{i}.csv"
        _roster_csv(roster, f"9{i:03d}", 400)
        code = b.kill_run(t, "import", ["roster", "import", str(roster), "--workspace", str(ws)])
        after = b.check_workspace(t, ws)
        if before is None or after is None:
            continue
        if after not in (before, before + 400):
            t.half_imports += 1
            t.notes.append(f"import left {after - before} of 400 students")
        if code == 0 and after != before + 400:
            t.lost_writes += 1
    return t


def scenario_backup(b: Bench, runs: int) -> Tally:
    from app.store.backup import list_backups

    t = Tally()
    ws = b.folder / "backup.tdw"
    b.demo(ws, 300)
    for _ in range(runs + 1):
        listed = len(list_backups(ws))
        code = b.kill_run(t, "backup", ["backup", "--workspace", str(ws)])
        b.check_workspace(t, ws)
        b.check_backups(t, ws)
        if code == 0 and len(list_backups(ws)) <= listed and listed < 10:
            t.lost_writes += 1
            t.notes.append("a backup reported written is not listed")
    return t


def scenario_restore(b: Bench, runs: int) -> Tally:
    from app.store import open_workspace
    from app.store.backup import backup_workspace, restore_workspace

    t = Tally()
    ws_path = b.folder / "restore.tdw"
    b.real(ws_path)
    for n, (prefix, count) in enumerate((("7000", 300), ("7100", 200))):
        roster = b.folder / f"restore-roster-{n}.csv"
        _roster_csv(roster, prefix, count)
        if b.cli("roster", "import", str(roster), "--workspace", str(ws_path)).returncode != 0:
            raise SystemExit("restore: the roster import failed")
        ws = open_workspace(ws_path, daily_backup=False)
        state = backup_workspace(ws, dest=b.folder / f"state-{n}.tdw")
        ws.close()
        if n == 0:
            older = state  # 300 students
        else:
            newer = state  # 500 students
    for _ in range(runs + 1):
        code = b.kill_run(t, "restore", ["restore", "--workspace", str(ws_path), str(older)])
        after = b.check_workspace(t, ws_path)
        if after is not None and after not in (300, 500):
            t.half_imports += 1
            t.notes.append(f"restore left {after} students")
        if code == 0 and after != 300:
            t.lost_writes += 1
        b.check_backups(t, ws_path)
        ws = open_workspace(ws_path, daily_backup=False)  # back to 500 for the next run
        restore_workspace(ws, newer)
        ws.close()
    return t


def scenario_grade(b: Bench, runs: int) -> Tally:
    import cv2
    import numpy as np

    from app.grading.synthetic import make_page
    from app.grading.template import load_template

    t = Tally()
    tpl = b.folder / "quiz.json"
    done = b.cli("sheet", "--questions", "20", "--choices", "4", "--id-digits", "5",
                 "--out", str(b.folder / "quiz.pdf"), "--template-out", str(tpl))
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    template = load_template(tpl)
    scans = b.folder / "scans"
    scans.mkdir()
    rng = np.random.default_rng(5)
    for i in range(24):
        cv2.imwrite(str(scans / f"{i:02d}.jpg"), make_page(template, rng, "scan", dpi=150).image)
    key = b.folder / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{q},A\n" for q in range(1, 21)), encoding="utf-8")
    for i in range(runs + 1):
        out = b.folder / f"grades-{i}.csv"
        code = b.kill_run(t, "grade", ["grade", str(scans), "--template", str(tpl), "--key", str(key),
                                       "--csv", str(out), "--workers", "2"])
        if code == 0 and not out.exists():
            t.lost_writes += 1
    return t


def scenario_reports(b: Bench, runs: int) -> Tally:
    t = Tally()
    ws = b.folder / "reports.tdw"
    b.demo(ws, 60)
    for i in range(runs + 1):
        out = b.folder / f"reports-{i}"
        code = b.kill_run(t, "reports", ["reports", "build", "--workspace", str(ws), "--out", str(out),
                                         "--workers", "2"])
        b.check_workspace(t, ws)
        if code == 0 and not any(out.glob("*.pdf")):
            t.lost_writes += 1
    return t


def scenario_make_real(b: Bench, runs: int) -> Tally:
    """A demo made real, killed at random: afterwards it is the demo (150 invented
    students, demo key) or the real one (no students, protected key), never neither."""
    import shutil

    from app.store.keys import Sidecar

    t = Tally()
    template = b.folder / "demo-template.tdw"
    b.demo(template, 150)
    for i in range(runs + 1):
        path = b.folder / f"convert-{i}.tdw"
        shutil.copy2(template, path)
        shutil.copy2(Sidecar.path_for(template), Sidecar.path_for(path))
        code = b.kill_run(t, "make-real", ["make-real", "--workspace", str(path), "--remove-demo-people"])
        count = b.check_workspace(t, path)
        sidecar = Sidecar.load(path)
        real = sidecar is not None and not sidecar.demo_key and not sidecar.demo
        if count is not None and (count, real) not in ((150, False), (0, True)):
            t.half_imports += 1
            t.notes.append(f"{path.name}: {count} students, {'real' if real else 'demo'} key")
        if code == 0 and not real:
            t.lost_writes += 1
            t.notes.append(f"{path.name}: make-real reported done but the workspace is still a demo")
        if path.with_name(f".{path.name}.converted.keys").exists():
            t.stray_files += 1
            t.notes.append(f"{path.name}: a waiting key file is left after the next open")
    return t


SCENARIOS: dict[str, Callable[[Bench, int], Tally]] = {
    "create": scenario_create, "import": scenario_import, "backup": scenario_backup,
    "restore": scenario_restore, "grade": scenario_grade, "reports": scenario_reports,
    "make-real": scenario_make_real,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10, help="kills per scenario (default 10)")
    ap.add_argument("--only", nargs="*", choices=sorted(SCENARIOS), default=None)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    names = args.only or list(SCENARIOS)
    rng = random.Random(args.seed)
    cols = ("runs", "killed", "finished", "open_failures", "integrity_failures", "lost_writes",
            "half_imports", "bad_backups_listed", "orphans", "stray_files", "blocked")
    short = ("runs", "killed", "done", "no-open", "integrity", "lost", "half", "bad-bkp", "orphans",
             "stray", "blocked")
    print(f"crash: {args.runs} SIGKILLs per scenario at random moments (seed {args.seed})")
    print(f"{'scenario':<10}" + "".join(f"{c:>10}" for c in short))
    totals = Tally()
    with tempfile.TemporaryDirectory(prefix="td-crash-") as tmp:
        bench = Bench(Path(tmp), rng)
        for name in names:
            folder = Path(tmp) / name
            folder.mkdir()
            bench.folder = folder
            started = time.monotonic()
            tally = SCENARIOS[name](bench, args.runs)
            print(f"{name:<10}" + "".join(f"{getattr(tally, c):>10}" for c in cols)
                  + f"   [{time.monotonic() - started:.0f} s]", flush=True)
            for note in tally.notes[:5]:
                print(f"    ! {note}")
            for c in cols:
                setattr(totals, c, getattr(totals, c) + getattr(tally, c))
    print(f"{'total':<10}" + "".join(f"{getattr(totals, c):>10}" for c in cols))
    print(f"problems: {totals.problems()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
