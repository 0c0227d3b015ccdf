"""Plain CSV exports from any SIS: guess which column is which, preview, read into a Dataset.

The header names cover the class-list exports of PowerSchool (``Student_Number``,
``LastFirst``, ``Expression``, ``Guardianemail``), Infinite Campus (``Student Number``,
``Teacher Display``), Skyward (``Other ID``, ``Crs-Sec``, ``Per``) and Aeries (``Perm ID``,
``Gr``, ``Correspondence Language``), besides English and Spanish names in general.

A mapping is ``{field: column}``, e.g. ``{"student_id": "Perm ID", "last_name": "Apellido"}``.
:func:`guess_mapping` proposes one from the headers (English and Spanish); the user checks
it in the app (or edits the JSON ``teacherdesk roster mapping`` prints) before importing.
A file may have one row per student or one row per student and class; students are
recognised by their ID, classes by course and section (or period and teacher).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import _
from app.store.roster.csvfile import MAX_ZIP_BYTES, CsvRow, CsvTable, parse
from app.store.roster.dataset import (
    ClassRec,
    CourseRec,
    Dataset,
    EnrollmentRec,
    Origin,
    UserRec,
)
from app.store.roster.languages import language_tag
from app.store.roster.report import ImportReport, RosterError
from app.store.roster.spec import normalise_grade

# field -> (label for people, header names it is often exported under, folded)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "student_id": ("Student ID", (
        "student id", "studentid", "student number", "student no", "student num", "stu id",
        "perm id", "permid", "perm number", "permanent id", "local id", "sis id", "id",
        "state id", "other id", "otherid", "id estudiante", "id del estudiante", "numero de estudiante",
        "numero del estudiante", "matricula", "codigo del estudiante", "codigo estudiante")),
    "last_name": ("Last name", (
        "last name", "last", "lastname", "surname", "family name", "student last name",
        "apellido", "apellidos", "primer apellido", "apellido del estudiante")),
    "first_name": ("First name", (
        "first name", "first", "firstname", "given name", "student first name", "nombre",
        "nombres", "primer nombre", "nombre del estudiante")),
    "middle_name": ("Middle name", ("middle name", "middle", "mi", "middle initial",
                                    "segundo nombre")),
    "preferred_name": ("Preferred name", ("preferred name", "preferred first name", "nickname",
                                          "goes by", "nombre preferido", "apodo")),
    "full_name": ("Full name (Last, First)", (
        "student name", "student", "name", "full name", "lastfirst", "last first", "nombre completo", "estudiante", "alumno",
        "alumna", "nombre y apellido")),
    "grade": ("Grade", ("grade", "gr", "grade level", "grd", "gradelevel", "grado",
                        "nivel", "grado escolar")),
    "student_email": ("Student email", ("student email", "email", "e mail", "email address",
                                        "correo", "correo electronico",
                                        "correo del estudiante")),
    "birth_date": ("Birth date", ("birth date", "birthdate", "dob", "date of birth", "birthday",
                                  "fecha de nacimiento", "nacimiento")),
    "pronouns": ("Pronouns", ("pronouns", "pronombres")),
    "guardian_name": ("Parent/guardian name", (
        "parent name", "guardian name", "parent", "guardian", "parent guardian",
        "parent guardian name", "contact name", "contact", "mother", "father",
        "nombre del padre", "padre", "madre", "padre madre", "tutor", "nombre del tutor",
        "acudiente", "nombre del acudiente", "padre o tutor", "nombre del padre o tutor")),
    "guardian_first": ("Parent first name", ("parent first name", "guardian first name",
                                             "contact first name")),
    "guardian_last": ("Parent last name", ("parent last name", "guardian last name",
                                           "contact last name", "apellido del padre",
                                           "apellido del tutor")),
    "guardian_email": ("Parent email", ("parent email", "guardian email", "guardianemail", "contact email",
                                        "parent e mail", "family email", "home email",
                                        "correo del padre", "correo del tutor",
                                        "correo de los padres", "email padre")),
    "guardian_phone": ("Parent phone", ("parent phone", "guardian phone", "phone", "home phone",
                                        "contact phone", "cell", "cell phone", "telefono",
                                        "telefono del padre", "telefono de casa", "celular")),
    "guardian_relationship": ("Relationship", ("relationship", "relation", "contact relationship",
                                               "parentesco", "relacion")),
    "language": ("Home language", ("home language", "language", "primary language",
                                   "preferred language", "parent language", "family language",
                                   "correspondence language", "idioma", "idioma del hogar",
                                   "lengua materna", "idioma preferido", "idioma de la casa")),
    "course": ("Course", ("course", "course name", "course title", "class", "class name",
                          "subject", "curso", "materia", "asignatura", "clase",
                          "nombre del curso")),
    "course_code": ("Course code", ("course code", "course number", "course id", "course no",
                                    "codigo del curso", "codigo de curso", "numero de curso")),
    "section": ("Section", ("section", "section number", "sec", "section id", "class id", "crs sec",
                            "course section",
                            "seccion", "grupo", "numero de seccion")),
    "period": ("Period", ("period", "per", "pd", "block", "hour", "expression", "periodo", "hora",
                          "bloque")),
    "teacher": ("Teacher", ("teacher", "teacher name", "instructor", "staff", "maestro",
                            "maestra", "profesor", "profesora", "docente", "nombre del maestro")),
    "teacher_email": ("Teacher email", ("teacher email", "instructor email", "correo del maestro",
                                        "correo del profesor")),
    "room": ("Room", ("room", "room number", "rm", "aula", "salon", "sala")),
    "term": ("Term", ("term", "semester", "trimester", "semestre", "trimestre", "termino")),
}

_FAMILY = ("parent", "guardian", "contact", "mother", "father", "family", "padre", "madre",
           "tutor", "acudiente", "familia")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("#", " number ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"\bno\b", "number", text) if re.search(r"\bno$", text) else text
    return re.sub(r"\s+", " ", text).strip()


_EXACT = {_fold(name): fld for fld, (_label, names) in FIELDS.items() for name in names}


def _fallback(folded: str) -> str | None:
    words = set(folded.split())
    family = any(w in words for w in _FAMILY)
    if any(w in words for w in ("language", "idioma", "lengua")):
        return "language"
    if family:
        for needle, fld in (("email", "guardian_email"), ("correo", "guardian_email"),
                            ("phone", "guardian_phone"), ("telefono", "guardian_phone"),
                            ("first", "guardian_first"), ("last", "guardian_last"),
                            ("apellido", "guardian_last"), ("name", "guardian_name"),
                            ("nombre", "guardian_name"), ("relationship", "guardian_relationship")):
            if needle in words:
                return fld
        # "Mother", "Parent 1", "Nombre del padre": a name. "Contact_type", "Guardian ID",
        # "Contact priority": not a name, and not guessed (Clever's Contact_type is
        # "primary"/"emergency", which must never become a guardian's name).
        leftover = words - set(_FAMILY) - {"name", "full", "primary", "1", "2", "del", "de", "la", "los", "o",
                                           "y", "nombre", "completo", "s"}
        return None if leftover else "guardian_name"
    if any(w.startswith(("teacher", "maestr", "profesor", "instructor")) for w in words):
        return "teacher_email" if words & {"email", "correo"} else "teacher"
    if words & {"email", "correo"}:
        return "student_email"
    if words & {"last", "surname", "apellido", "apellidos"}:
        return "last_name"
    if words & {"first", "given", "nombre"}:
        return "first_name"
    if "grade" in words or "grado" in words:
        return "grade"
    if "period" in words or "periodo" in words:
        return "period"
    if "section" in words or "seccion" in words:
        return "section"
    if "course" in words or "curso" in words:
        return "course"
    if "birth" in words or "dob" in words or "nacimiento" in words:
        return "birth_date"
    if words & {"id", "number", "numero"} and words & {"student", "perm", "estudiante", "alumno"}:
        return "student_id"
    return None


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """``{field: column}`` guessed from the header names; each column used at most once."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:  # exact names first, in file order
        fld = _EXACT.get(_fold(header))
        if fld and fld not in mapping and header not in used:
            mapping[fld] = header
            used.add(header)
    for header in headers:
        if header in used or not header.strip():
            continue
        fld = _fallback(_fold(header))
        if fld and fld not in mapping:
            mapping[fld] = header
            used.add(header)
    # A single "Name" column next to first/last columns is not a full name.
    if "full_name" in mapping and ("first_name" in mapping or "last_name" in mapping):
        del mapping["full_name"]
    return mapping


@dataclass
class Preview:
    file: str
    headers: list[str]
    rows: list[list[str]]  # the first rows, as strings, in header order
    total_rows: int
    warnings: list[str] = field(default_factory=list)


def read_table(path: Path | str) -> CsvTable:
    path = Path(path)
    if not path.is_file():
        raise RosterError(_("{path} is not a CSV file.").format(path=path))
    if path.stat().st_size > MAX_ZIP_BYTES:
        raise RosterError(_("{name} is larger than {max_zip_bytes} MB, more than a roster needs").format(name=path.name, max_zip_bytes=MAX_ZIP_BYTES >> 20),
                          file=path, fix=_("Check that it is the right file."))
    table = parse(path.name, path.read_bytes(), sniff=True)
    if not table.header:
        raise RosterError(_("{name} is empty; it needs a header row.").format(name=path.name))
    return table


def preview(path: Path | str, n: int = 10) -> Preview:
    """The header and first ``n`` rows of a plain CSV, for the mapping step."""
    table = read_table(path)
    rows = [[row.values.get(h.lower(), "") for h in table.header] for row in table.rows[:n]]
    return Preview(table.name, list(table.header), rows, len(table.rows), list(table.warnings))


def check_mapping(mapping: dict[str, str], headers: list[str], file: str, report: ImportReport) -> None:
    lower = {h.lower() for h in headers}
    for fld, column in mapping.items():
        if fld not in FIELDS:
            report.error(file, 0, f"the mapping has an unknown field {fld!r}; fields are: "
                                  + ", ".join(FIELDS))
        elif column.lower() not in lower:
            report.error(file, 1, _("the mapping uses column {column!r} for {fld}, but the file has no such column").format(column=column, fld=fld))
    if "student_id" not in mapping:
        report.error(file, 1, _("no column is mapped to student_id (e.g. 'Student ID' or 'Perm ID')"))
    if not ("full_name" in mapping or ("first_name" in mapping and "last_name" in mapping)):
        report.error(file, 1, _("map first_name and last_name (or full_name) to the name columns"))


def split_name(value: str) -> tuple[str, str]:
    """(given, family) from "Ramírez, José" or "José Ramírez"."""
    value = " ".join(value.split())
    if "," in value:
        family, given = (p.strip() for p in value.split(",", 1))
        return given, family
    parts = value.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])


def parse_date(value: str) -> dt.date | None:
    """ISO dates, and the US month/day/year that SIS exports use."""
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_plain(path: Path | str, mapping: dict[str, str], report: ImportReport) -> Dataset:
    """Check a plain CSV against a mapping and turn it into a Dataset (errors to report)."""
    table = read_table(path)
    file = table.name
    report.format = "csv"
    for warning in table.warnings:
        report.warn(file, 0, warning)
    ds = Dataset(format="csv")
    check_mapping(mapping, table.header, file, report)
    if report.errors:
        return ds
    columns = dict(mapping)
    has_family = any(f in columns for f in ("guardian_name", "guardian_first", "guardian_last",
                                            "guardian_email", "guardian_phone"))
    if "language" in columns and not has_family:
        report.warn(file, 1, _("the language column is kept for parents/guardians, but no parent "
                             "columns are mapped; it was not used"))
    first_line: dict[str, tuple[int, str]] = {}
    for row in table.rows:
        _read_row(row, columns, file, ds, report, first_line, has_family)
    return ds


def _read_row(row: CsvRow, columns: dict[str, str], file: str, ds: Dataset, report: ImportReport,
              first_line: dict[str, tuple[int, str]], has_family: bool) -> None:
    def get(fld: str) -> str:
        col = columns.get(fld)
        return row.get(col).strip() if col else ""

    origin = Origin(file, row.line)
    sid = get("student_id")
    if not sid:
        report.defect(file, row.line, _("{col} is empty; every row needs a student ID").format(col=_col(columns, 'student_id')))
        return
    if "full_name" in columns and not (get("first_name") or get("last_name")):
        given, family = split_name(get("full_name"))
    else:
        given, family = get("first_name"), get("last_name")
    if not family and not given:
        report.defect(file, row.line, _("student {sid!r} has no name").format(sid=sid))
        return
    if not family:
        report.defect(file, row.line, _("student {sid!r} has no last name").format(sid=sid))
        return
    birth = None
    if get("birth_date"):
        birth = parse_date(get("birth_date"))
        if birth is None:
            report.defect(file, row.line, _("birth date {text!r} is not a date (use YYYY-MM-DD or MM/DD/YYYY)").format(text=get('birth_date')),
                          _("imported without its birth date"))
    key = f"csv:student:{sid}"
    name = f"{given} {family}".strip()
    if key in ds.users:
        line, seen_name = first_line[key]
        if seen_name != name:
            report.warn(file, row.line, _("student {sid!r} is {name!r} here but {seen_name!r} on line {line}; the first is kept").format(sid=sid, name=name, seen_name=seen_name, line=line))
    else:
        first_line[key] = (row.line, name)
        grade = get("grade")
        ds.users[key] = UserRec(
            key, None, "student", "", given, family, origin, middle=get("middle_name"),
            preferred=get("preferred_name"), local_id=sid, email=get("student_email"),
            grade=normalise_grade(grade) if grade else "", pronouns=get("pronouns"),
            birth_date=birth,
        )
    if has_family:
        _guardian(get, key, ds.users[key], origin, ds, report)
    _class(get, key, origin, ds)


def _guardian(get, student_key: str, student: UserRec, origin: Origin, ds: Dataset,  # type: ignore[no-untyped-def]
              report: ImportReport) -> None:
    email, phone = get("guardian_email"), get("guardian_phone")
    if get("guardian_first") or get("guardian_last"):
        given, family = get("guardian_first"), get("guardian_last") or student.family
    elif get("guardian_name"):
        given, family = split_name(get("guardian_name"))
    elif email or phone:
        given, family = "", student.family
    else:
        return
    language = ""
    if get("language"):
        tag = language_tag(get("language"))
        if tag is None:
            report.warn(origin.file, origin.line, _("language {text!r} is not recognised; the family keeps the default (English)").format(text=get('language')))
        else:
            language = tag
    ident = email.lower() or f"{student.local_id}:{given.lower()} {family.lower()}"
    key = f"csv:guardian:{ident}"
    if key not in ds.users:
        ds.users[key] = UserRec(key, key, "guardian", "guardian", given, family, origin,
                                email=email, phone=phone, language=language)
    elif language and not ds.users[key].language:
        ds.users[key].language = language
    relationship = (get("guardian_relationship") or "guardian").lower()[:30]
    ds.add_link(student_key, key, relationship, origin)


def _class(get, student_key: str, origin: Origin, ds: Dataset) -> None:  # type: ignore[no-untyped-def]
    title = get("course") or get("section")
    if not title:
        return
    code = get("course_code")
    course_key = f"csv:course:{(code or title).lower()}"
    if course_key not in ds.courses:
        ds.courses[course_key] = CourseRec(course_key, title, origin, code=code)
    section, period, teacher = get("section"), get("period"), get("teacher")
    teacher_id = (get("teacher_email") or teacher).lower()
    part = f"s={section.lower()}" if section and get("course") else f"p={period.lower()}|t={teacher_id}"
    class_key = f"{course_key}|{part}"
    if class_key not in ds.classes:
        name = title
        if period:
            name = f"{title} – Period {period}"
        elif section and section != title:
            name = f"{title} ({section})"
        ds.classes[class_key] = ClassRec(
            class_key, name, origin, code=section if section != title else "",
            course_key=course_key, periods=[period] if period else [], location=get("room"),
            term_name=get("term"),
        )
    if teacher:
        staff_key = f"csv:staff:{teacher_id}"
        if staff_key not in ds.users:
            given, family = split_name(teacher)
            ds.users[staff_key] = UserRec(staff_key, staff_key, "staff", "teacher", given, family,
                                          origin, email=get("teacher_email"))
        tkey = f"{class_key}|teacher={staff_key}"
        ds.enrollments.setdefault(tkey, EnrollmentRec(tkey, None, class_key, staff_key, "teacher",
                                                      origin, primary=True))
    ekey = f"{class_key}|student={student_key}"
    ds.enrollments.setdefault(ekey, EnrollmentRec(ekey, None, class_key, student_key, "student", origin))


def _col(columns: dict[str, str], fld: str) -> str:
    return columns.get(fld, fld)
