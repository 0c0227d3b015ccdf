"""The roster import in two steps, as the app runs it: a check that writes nothing (on a
worker), then the import of the checked plan (one transaction, on the single writer)."""

from __future__ import annotations

import threading
from pathlib import Path

from app.core.changes import Changes
from app.store.audit import entries
from app.store.roster import apply_roster_plan, check_roster, import_roster
from tests.store.data.roster_sets import (
    DATA,
    ONEROSTER11,
    ONEROSTER12,
    append,
    copy_set,
    table_counts,
)


def test_check_writes_nothing_and_apply_writes_the_plan_once(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    before = table_counts(ws)
    plan = check_roster(ws, ONEROSTER12)
    assert plan.ok and plan.report.dry_run and not plan.report.applied
    assert plan.report.counts()["students"]["created"] == 5
    assert table_counts(ws) == before  # the check compared, and kept nothing

    done = apply_roster_plan(ws, plan)
    assert done.value.applied and not done.value.dry_run
    assert done.changes == Changes.ROSTER | Changes.GRADEBOOK | Changes.SCHOOL
    assert done.value.counts()["students"]["created"] == 5
    assert table_counts(ws)["student"] == before["student"] + 5
    with ws.read() as s:
        assert [e.action for e in entries(s, limit=5)].count("roster.import") == 1

    again = apply_roster_plan(ws, plan)  # a plan is imported once: the second call writes nothing
    assert again.value is done.value and again.changes == Changes.NONE
    assert table_counts(ws)["student"] == before["student"] + 5
    with ws.read() as s:
        assert [e.action for e in entries(s, limit=5)].count("roster.import") == 1


def test_a_workspace_changed_after_the_check_is_compared_afresh(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    plan = check_roster(ws, ONEROSTER11)
    assert plan.report.counts()["students"]["created"] == 5
    assert import_roster(ws, ONEROSTER11).applied  # someone imported meanwhile
    report = apply_roster_plan(ws, plan).value
    assert report.applied
    assert report.created["students"] == 0 and report.unchanged["students"] == 5  # no duplicates
    assert table_counts(ws)["student"] == 5


def test_a_set_with_errors_gives_a_plan_that_imports_nothing(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    (bad / "users.csv").unlink()
    plan = check_roster(ws, bad)
    assert not plan.ok and plan.report.errors
    done = apply_roster_plan(ws, plan)
    assert not done.value.applied and done.changes == Changes.NONE
    assert table_counts(ws)["student"] == 0


def test_strict_plan_with_defects_imports_nothing(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    append(bad, "enrollments.csv", "enr-x,,,cls-nope,org-school-1,stu-1001,student,false,2025-02-30,")
    plan = check_roster(ws, bad, strict=True)
    assert plan.report.defects and not plan.ok
    assert not apply_roster_plan(ws, plan).value.applied
    loose = check_roster(ws, bad)
    assert loose.ok and apply_roster_plan(ws, loose).value.applied


def test_check_of_a_plain_csv_guesses_the_mapping_and_runs_on_a_worker_thread(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    export = next(p for p in sorted(DATA.glob("*.csv")))
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(check_roster(ws, export)))
    worker.start()
    worker.join()
    plan = result[0]
    assert plan.format == "csv" and plan.mapping and "student_id" in plan.mapping  # type: ignore[attr-defined]
    assert table_counts(ws)["student"] == 0
    report = apply_roster_plan(ws, plan).value  # type: ignore[arg-type]
    assert report.applied and table_counts(ws)["student"] == report.created["students"] > 0
