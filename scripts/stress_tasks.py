"""Stress loop for the app's long tasks: start, then finish, cancel, close the page or
switch the workspace while each runs — conference scheduling, timetable solve, grading a
batch of scans, building report PDFs and a roster import check — in the real main window.

    python3 -m uv run python scripts/stress_tasks.py --rounds 40 --runs 3

Each run is a child process with faulthandler on, so a crash in a pool thread (the app
"vanished while scheduling conferences") shows as a non-zero exit and a thread dump
instead of passing silently. Prints the rounds per task and ending, and every run's exit.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENDINGS = ("finish", "cancel", "close-page", "switch-workspace")
KINDS = ("conferences", "timetable", "grading", "reports", "roster-check")


def _pump(seconds: float) -> None:
    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def _wait(task: Any, seconds: float = 120.0) -> bool:
    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + seconds
    while not task.done.is_set() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    _pump(0.05)  # deliver the task's last signals
    return bool(task.done.is_set())


class Harness:
    def __init__(self, folder: Path, seed: int) -> None:
        from PySide6.QtCore import QSettings

        from app.scheduling.demo import build_demo
        from app.store.keys import Sidecar
        from app.ui.shell.context import AppContext
        from app.ui.shell.main_window import MainWindow

        self.folder = folder
        self.rng = random.Random(seed)
        first = folder / "a.tdw"
        build_demo(first, students=40, seed=seed, keyless=True).workspace.close()
        second = folder / "b.tdw"
        shutil.copyfile(first, second)
        shutil.copyfile(Sidecar.path_for(first), Sidecar.path_for(second))
        self.paths = [first, second]
        self.which = 0
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(AppContext(self._open(first)), settings)
        self.window.resize(1366, 768)
        self.window.show()
        self.scans = self._scans()
        self.roster_set = self._roster_set()

    @staticmethod
    def _open(path: Path) -> Any:
        from app.store import open_workspace

        return open_workspace(path, daily_backup=False)

    def _scans(self) -> list[str]:
        """Six blank answer sheets of a 10-question exam's template (read, then flagged)."""
        import cv2

        from app.grading.synthetic import blank_page

        page = self.window.show_page("grading")
        exam = self._exam(page)
        from app.grading import exam_store

        info = exam_store.load_exam(self.window.ctx.workspace, exam)
        out = []
        for i in range(6):
            path = self.folder / f"scan-{i}.png"
            cv2.imwrite(str(path), blank_page(info.template, 1, 150.0))
            out.append(str(path))
        return out

    def _roster_set(self) -> Path:
        from app.reports.data import load_sections
        from app.reports.oneroster_export import export_oneroster

        out = self.folder / "roster-set"
        with self.window.ctx.workspace.read() as s:
            export_oneroster(s, load_sections(s), out)
        return out

    @staticmethod
    def _exam(page: Any) -> int:
        if page.exam_id is not None:
            return int(page.exam_id)
        page.select_exam(None)
        page.setup.title.setText("Stress quiz")
        page.setup.questions.setValue(10)
        page.setup.choices.setValue(4)
        page.setup.create_button.click()
        assert page.exam_id is not None
        return int(page.exam_id)

    # --- starting each long task the way its page does ----------------------------------

    def conferences(self) -> Any:
        page = self.window.show_page("conferences")
        page.invite_all()
        return page.run_schedule(start_over=True)

    def timetable(self) -> Any:
        page = self.window.show_page("timetable")
        if page.problem is None:
            page.new_sample()
        page.time_limit.setValue(2)
        page.solve()
        return page.task

    def grading(self) -> Any:
        page = self.window.show_page("grading")
        self._exam(page)
        assert page.scan.start(list(self.scans))
        return page.scan.task

    def reports(self) -> Any:
        page = self.window.show_page("reports")
        page.folder.setText(str(self.folder / f"reports-{self.rng.randrange(10**6)}"))
        page.refresh()
        page.build()
        return page.task

    def roster_check(self) -> Any:
        from app.ui.roster.import_dialog import RosterImportDialog

        self.window.show_page("roster")
        dialog = RosterImportDialog(self.window.ctx, self.window)
        dialog.show()
        dialog.set_source(self.roster_set)
        dialog.next_button.click()
        self.dialog = dialog
        return dialog.task

    # --- endings ------------------------------------------------------------------------

    def close_page(self, key: str) -> None:
        """The page goes away mid-run (as when the app rebuilds it): deleted on the UI thread."""
        from PySide6.QtWidgets import QWidget

        window = self.window
        index = next(i for i, s in enumerate(window.specs) if s.key == key)
        page = window.pages.pop(key, None)
        if page is None:
            return
        placeholder = QWidget()
        window.stack.insertWidget(index, placeholder)
        window.stack.removeWidget(page)
        page.deleteLater()

    def switch(self) -> None:
        self.which = 1 - self.which
        self.window.switch_workspace(self._open(self.paths[self.which]))

    def round(self, kind: str, ending: str) -> bool:
        start: Callable[[], Any] = getattr(self, kind.replace("-", "_"))
        page_key = {"roster-check": "roster"}.get(kind, kind)
        task = start()
        if task is None:
            return True
        _pump(self.rng.uniform(0.0, 0.4))
        if ending == "cancel":
            task.cancel()
        elif ending == "close-page":
            if kind == "roster-check":
                self.dialog.reject()
            else:
                self.close_page(page_key)
        elif ending == "switch-workspace":
            if kind == "roster-check":
                self.dialog.reject()  # a modal wizard: the workspace cannot be switched under it
            self.switch()
        ok = _wait(task)
        if kind == "roster-check" and self.dialog.isVisible():
            self.dialog.reject()
        _pump(0.05)
        return ok


def child(rounds: int, seed: int) -> int:
    faulthandler.enable(all_threads=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.ui.shell.launch import configure_settings

    app = QApplication.instance() or QApplication(sys.argv)
    configure_settings()
    # Message boxes would wait for a click: answer them at once.
    QMessageBox.warning = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    QMessageBox.information = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    import app.ui.shell.operations as operations

    operations.show_error = lambda *_a, **_k: None  # type: ignore[assignment]
    counts: Counter[tuple[str, str]] = Counter()
    stuck = 0
    with tempfile.TemporaryDirectory(prefix="td-stress-") as tmp:
        harness = Harness(Path(tmp), seed)
        for i in range(rounds):
            kind = KINDS[i % len(KINDS)]
            ending = harness.rng.choice(ENDINGS)
            if not harness.round(kind, ending):
                stuck += 1
            counts[(kind, ending)] += 1
        from app.ui.shell.tasks import stop_all_tasks

        stop_all_tasks()
        harness.window.close()
        harness.window.ctx.workspace.close()
        del app
    for (kind, ending), n in sorted(counts.items()):
        print(f"  {kind:<13} {ending:<17} {n}")
    print(f"rounds {rounds}, tasks that did not stop within 120 s: {stuck}")
    return 1 if stuck else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=25, help="tasks per run (cycling through the five kinds)")
    parser.add_argument("--runs", type=int, default=1, help="separate processes, each with its own seed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.rounds, args.seed)
    env = dict(os.environ, PYTHONFAULTHANDLER="1", QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    failures = 0
    for run in range(args.runs):
        seed = args.seed + run
        started = time.monotonic()
        proc = subprocess.run([sys.executable, __file__, "--child", "--rounds", str(args.rounds), "--seed", str(seed)],
                              env=env, capture_output=True, text=True)
        print(f"run {run + 1} (seed {seed}): exit {proc.returncode} after {time.monotonic() - started:.0f} s")
        print(proc.stdout.rstrip())
        errors = [line for line in proc.stderr.splitlines() if line and not line.startswith((" ", "Traceback"))
                  and ("Error" in line or "error" in line)]
        print(f"  tracebacks printed: {proc.stderr.count('Traceback')}")
        for line, n in Counter(errors).most_common(8):
            print(f"    {n} x {line[:160]}")
        for block in proc.stderr.split("Traceback (most recent call last):")[1:4]:
            print("    traceback:", " | ".join(line.strip() for line in block.strip().splitlines()[-4:])[:600])
        if proc.returncode != 0:
            failures += 1
            print(proc.stderr[-6000:])
    print(f"{args.runs} runs, {failures} failed (a crash shows as exit -11 / -6 with a thread dump above)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
