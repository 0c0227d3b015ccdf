"""Shared helpers for the roster tests: fixture sets, edits, and counting every table."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from app.store.models import (
    AuditEntry,
    Course,
    Enrollment,
    Guardian,
    School,
    SchoolYear,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
    Term,
)

DATA = Path(__file__).parent
ONEROSTER11 = DATA / "oneroster11"
ONEROSTER12 = DATA / "oneroster12"
MODELS = (School, SchoolYear, Term, Course, Section, SectionTeacher, Staff, Student, Guardian,
          StudentGuardian, Enrollment, AuditEntry)


def copy_set(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace text in one file of a set (the text must be there, so a test cannot rot)."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(folder: Path, name: str, line: str) -> int:
    """Append a row; returns its line number."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def drop_column(folder: Path, name: str, column: str) -> None:
    import csv
    import io

    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    index = rows[0].index(column)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row[:index] + row[index + 1:])
    path.write_text(out.getvalue(), encoding="utf-8")


def zip_set(folder: Path, dest: Path, subfolder: str = "") -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for child in sorted(folder.iterdir()):
            archive.write(child, f"{subfolder}/{child.name}" if subfolder else child.name)
    return dest


def table_counts(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0 for m in MODELS}
