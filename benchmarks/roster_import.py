"""How long a district-sized OneRoster import takes: first import, re-import, and a check.

    uv run python benchmarks/roster_import.py [--students 2000]

Writes a synthetic OneRoster 1.2 set (N students, 6 classes each, one guardian each) to a
temp folder, imports it into a new encrypted workspace, imports it again (nothing
changes) and prints the times; then the same set with 1 % defective rows (enrollments of
a missing class, a duplicate student identifier, dates written M/DD/YYYY) imported into a
fresh workspace, good part only. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from pathlib import Path

GIVEN = ["José", "Lan", "Zoë", "Siobhán", "Mohammed", "Freja", "Aarav", "Mei", "Luca", "Amara",
         "Diego", "Chloé", "Yusuf", "Hana", "Mateo", "Ngozi", "Sofía", "Kai", "Elif", "Noah"]
FAMILY = ["Ramírez", "Nguyễn", "O'Brien", "Murphy", "Al-Sayed", "Ørsted", "Patel", "Chen",
          "Rossi", "Okafor", "García", "Dubois", "Demir", "Sato", "López", "Eze", "Kim", "Müller"]


def write_set(folder: Path, students: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    classes = max(6, students * 6 // 28)

    def out(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    common = ["sourcedId", "status", "dateLastModified"]
    out("manifest.csv", ["propertyName", "value"], [["manifest.version", "1.0"], ["oneroster.version", "1.2"]])
    out("orgs.csv", [*common, "name", "type", "identifier", "parentSourcedId"],
        [["s1", "", "", "Benchmark High School", "school", "", ""]])
    out("academicSessions.csv", [*common, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
        [["y", "", "", "2026–2027", "schoolYear", "2026-08-24", "2027-06-11", "", "2027"],
         ["t1", "", "", "Fall", "semester", "2026-08-24", "2027-01-15", "y", "2027"],
         ["t2", "", "", "Spring", "semester", "2027-01-19", "2027-06-11", "y", "2027"]])
    courses = [f"c{i}" for i in range(max(1, classes // 6))]
    out("courses.csv", [*common, "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"],
        [[c, "", "", "y", f"Course {c}", c.upper(), "09", "s1", "", ""] for c in courses])
    out("classes.csv", [*common, "title", "grades", "courseSourcedId", "classCode", "classType", "location",
                        "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"],
        [[f"k{i}", "", "", f"Class {i}", "09", courses[i % len(courses)], f"K{i}", "scheduled", f"R{i}",
          "s1", "t1", "", "", str(i % 6 + 1)] for i in range(classes)])
    teachers = max(1, classes // 5)
    users, roles, enrollments = [], [], []
    u12 = [*common, "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier",
           "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
           "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName",
           "primaryOrgSourcedId", "pronouns", "metadata.preferredLanguage"]

    def user(key: str, given: str, family: str, ident: str, agents: str, grade: str, lang: str) -> list[str]:
        return [key, "", "", "true", key, "", given, family, "", ident, "", "", "", agents, grade, "", "", "",
                "", "", "", "s1", "", lang]

    for t in range(teachers):
        users.append(user(f"t{t}", rng.choice(GIVEN), rng.choice(FAMILY), f"E{t}", "", "", ""))
        roles.append([f"rt{t}", "", "", f"t{t}", "primary", "teacher", "", "", "s1", ""])
    for i in range(classes):
        enrollments.append([f"et{i}", "", "", f"k{i}", "s1", f"t{i % teachers}", "teacher", "true", "", ""])
    for n in range(students):
        users.append(user(f"u{n}", rng.choice(GIVEN), rng.choice(FAMILY), str(100000 + n), f"g{n}", "09", ""))
        users.append(user(f"g{n}", rng.choice(GIVEN), rng.choice(FAMILY), f"P{n}", f"u{n}", "",
                          rng.choice(["en", "es", "Spanish", "vi", ""])))
        roles.append([f"ru{n}", "", "", f"u{n}", "primary", "student", "", "", "s1", ""])
        roles.append([f"rg{n}", "", "", f"g{n}", "primary", "parent", "", "", "s1", ""])
        for k in rng.sample(range(classes), 6):
            enrollments.append([f"e{n}-{k}", "", "", f"k{k}", "s1", f"u{n}", "student", "false", "", ""])
    out("users.csv", u12, users)
    out("roles.csv", [*common, "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
                      "userProfileSourcedId"], roles)
    out("enrollments.csv", [*common, "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary",
                            "beginDate", "endDate"], enrollments)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("TEACHERDESK_HOME", tempfile.mkdtemp(prefix="td-bench-"))
    os.environ.setdefault("TEACHERDESK_PASSPHRASE", "benchmark passphrase")
    from app.store import create_workspace
    from app.store.roster import apply_roster_plan, check_roster, import_oneroster

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "set"
        folder.mkdir()
        write_set(folder, args.students)
        ws = create_workspace(Path(tmp) / "bench.tdw", school_name="Bench").workspace
        rows = sum(1 for p in folder.iterdir() for _ in p.open(encoding="utf-8")) - 8
        for label, kwargs in (("check (dry run)", {"dry_run": True}), ("first import", {}),
                              ("re-import, unchanged", {})):
            t0 = time.perf_counter()
            report = import_oneroster(ws, folder, **kwargs)
            elapsed = time.perf_counter() - t0
            assert report.ok, report.summary()
            print(f"{label:22s} {args.students:6d} students, {rows:7d} rows: {elapsed:6.2f} s "
                  f"({rows / elapsed:,.0f} rows/s)")
        ws.close()
        # The app's two steps: the check on a worker (compares, writes nothing), then the
        # write on the UI thread (the time the window waits).
        ws = create_workspace(Path(tmp) / "bench_app.tdw", school_name="Bench").workspace
        t0 = time.perf_counter()
        plan = check_roster(ws, folder)
        checked = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = apply_roster_plan(ws, plan).value
        applied = time.perf_counter() - t0
        assert report.applied, report.summary()
        print(f"{'app: check (worker)':22s} {args.students:6d} students, {rows:7d} rows: {checked:6.2f} s")
        print(f"{'app: apply (UI thread)':22s} {args.students:6d} students, {rows:7d} rows: {applied:6.2f} s")
        ws.close()
        add_defects(folder, args.students)
        ws = create_workspace(Path(tmp) / "bench2.tdw", school_name="Bench").workspace
        for label, kwargs in (("plan, 1 % defective", {"dry_run": True}), ("import the good part", {})):
            t0 = time.perf_counter()
            report = import_oneroster(ws, folder, **kwargs)
            elapsed = time.perf_counter() - t0
            print(f"{label:22s} {args.students:6d} students, {rows:7d} rows: {elapsed:6.2f} s "
                  f"({rows / elapsed:,.0f} rows/s); {len(report.defects)} defects, "
                  f"{report.created['students']} students, {report.created['enrollments']} enrollments")
        ws.close()


def add_defects(folder: Path, students: int) -> None:
    """About 1 % of rows broken the ways district exports break."""
    users = (folder / "users.csv").read_text(encoding="utf-8").splitlines()
    enrollments = (folder / "enrollments.csv").read_text(encoding="utf-8").splitlines()
    step = 100
    for i in range(1, len(users), step):  # dates as M/DD/YYYY in a column TeacherDesk does not use
        cells = users[i].split(",")
        cells[2] = "1/05/2023"
        users[i] = ",".join(cells)
    for n in range(0, students, step * 2):  # a student whose identifier repeats another's
        users.append(f"dup{n},,,true,dup{n},,Dup,Licate,,{100000 + n},,,,,09,,,,,,,s1,,")
    for i in range(1, len(enrollments), step):  # enrollments of a class not in classes.csv
        cells = enrollments[i].split(",")
        cells[3] = "k-missing"
        enrollments[i] = ",".join(cells)
    (folder / "users.csv").write_text("\n".join(users) + "\n", encoding="utf-8")
    (folder / "enrollments.csv").write_text("\n".join(enrollments) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
