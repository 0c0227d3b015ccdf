"""`teacherdesk roster student|class add|edit|delete`: the Classes page's edits, from a script.

    teacherdesk roster student add --id S1001 --first Ana --last López --class "math 7"
    teacherdesk roster student edit S1001 --grade 8
    teacherdesk roster class add "Math 7 P2" --code M7-2 --course "Math 7" --teacher rivera
    teacherdesk roster class delete "math 7 p2"

Every command calls the same service as the app (app.store.roster_service).
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from app.commands import UserError, add_workspace_arg, open_from_args
from app.core.i18n import _


def register_edits(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``roster student ...`` and ``roster class ...`` under ``roster``."""
    student = actions.add_parser("student", help=_("add, change or delete one student"))
    st_sub = student.add_subparsers(dest="student_command", metavar=_("ACTION"), required=True)
    add = st_sub.add_parser("add", help=_("add a student (optionally into a class)"))
    _student_fields(add, required=True)
    add.set_defaults(handler=_student_add)
    edit = st_sub.add_parser("edit", help=_("change the fields given, keep the others"))
    edit.add_argument("student", help=_("the student's ID (or database id)"))
    edit.add_argument("--id", dest="local_id", help=_("new student ID"))
    _student_fields(edit, required=False)
    edit.set_defaults(handler=_student_edit)
    delete = st_sub.add_parser("delete", help=_("delete a student with their grades and enrollments"))
    delete.add_argument("student", help=_("the student's ID (or database id)"))
    delete.add_argument("--yes", action="store_true", help=_("do it (without --yes nothing is deleted)"))
    add_workspace_arg(delete)
    delete.set_defaults(handler=_student_delete)

    cls = actions.add_parser("class", help=_("add, change or delete one class"))
    cl_sub = cls.add_subparsers(dest="class_command", metavar=_("ACTION"), required=True)
    cadd = cl_sub.add_parser("add", help=_("add a class"))
    cadd.add_argument("name", help=_("the class's name, e.g. 'Math 7 P2'"))
    _class_fields(cadd)
    cadd.set_defaults(handler=_class_add)
    cedit = cl_sub.add_parser("edit", help=_("change the fields given, keep the others"))
    cedit.add_argument("cls", metavar="CLASS", help=_("the class (name, code or id)"))
    cedit.add_argument("--name", help=_("new name"))
    _class_fields(cedit)
    cedit.set_defaults(handler=_class_edit)
    cdel = cl_sub.add_parser("delete", help=_("delete a class with its assignments and grades (students stay)"))
    cdel.add_argument("cls", metavar="CLASS", help=_("the class (name, code or id)"))
    cdel.add_argument("--yes", action="store_true", help=_("do it (without --yes nothing is deleted)"))
    add_workspace_arg(cdel)
    cdel.set_defaults(handler=_class_delete)


def _student_fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    if required:
        p.add_argument("--id", dest="local_id", required=True, help=_("the student ID used by the school"))
    p.add_argument("--first", required=required, help=_("first name"))
    p.add_argument("--last", required=required, help=_("last name"))
    p.add_argument("--preferred", help=_("preferred name"))
    p.add_argument("--pronouns")
    p.add_argument("--grade", help=_("grade level, e.g. 7"))
    p.add_argument("--guardian", metavar="NAME", help=_("a guardian's full name"))
    p.add_argument("--guardian-email")
    p.add_argument("--guardian-phone")
    p.add_argument("--language", help=_("the family's language for letters, e.g. es"))
    if required:
        p.add_argument("--class", dest="cls", help=_("also enroll in this class (name, code or id)"))
    add_workspace_arg(p)


def _class_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--code")
    p.add_argument("--period")
    p.add_argument("--room")
    p.add_argument("--course", help=_("course title (a new title adds the course)"))
    p.add_argument("--teacher", help=_("staff id or name of the class's teacher"))
    add_workspace_arg(p)


def _find_student(ws, text: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import Student

    with ws.read() as s:
        found = s.scalar(select(Student).where(Student.local_id == text.strip()))
        if found is None and text.strip().isdigit():
            found = s.get(Student, int(text))
        if found is None:
            raise UserError(_("No student with the ID '{text}'.").format(text=text), 2)
        return int(found.id)


def _class_id(ws, text: str) -> int:  # type: ignore[no-untyped-def]
    from app.store.lookup import resolve_class

    with ws.read() as s:
        return int(resolve_class(s, text).id)


def _patch_student(base, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.store.roster_service import GuardianInput, split_name

    values = {k: v for k, v in {
        "local_id": getattr(args, "local_id", None), "given_name": args.first, "family_name": args.last,
        "preferred_name": args.preferred, "pronouns": args.pronouns, "grade_level": args.grade,
    }.items() if v is not None}
    data = replace(base, **values)
    if args.guardian or args.guardian_email or args.guardian_phone or args.language:
        g = data.guardian or GuardianInput()
        if args.guardian:
            given, family = split_name(args.guardian)
            g = replace(g, given_name=given, family_name=family)
        g = replace(g, **{k: v for k, v in {"email": args.guardian_email, "phone": args.guardian_phone,
                                            "preferred_language": args.language}.items() if v is not None})
        data = replace(data, guardian=g)
    return data


def _student_add(args: argparse.Namespace) -> int:
    from app.store.roster_service import StudentInput, save_student

    with open_from_args(args) as ws:
        section_id = _class_id(ws, args.cls) if args.cls else None
        data = _patch_student(StudentInput(args.local_id, args.first, args.last), args)
        done = save_student(ws, data, enroll_in=section_id)
    where = f" in {args.cls}" if args.cls else ""
    print(_("Added {given_name} {family_name} ({local_id}){where}.").format(given_name=data.given_name, family_name=data.family_name, local_id=data.local_id, where=where))
    return 0 if done.value > 0 else 1


def _student_edit(args: argparse.Namespace) -> int:
    from app.store.roster_service import save_student, student_input

    with open_from_args(args) as ws:
        sid = _find_student(ws, args.student)
        data = _patch_student(student_input(ws, sid), args)
        save_student(ws, data, sid)
    print(_("Saved {given_name} {family_name} ({local_id}).").format(given_name=data.given_name, family_name=data.family_name, local_id=data.local_id))
    return 0


def _student_delete(args: argparse.Namespace) -> int:
    from app.store.roster_service import delete_student

    with open_from_args(args) as ws:
        sid = _find_student(ws, args.student)
        if not args.yes:
            raise UserError(_("This deletes student {student} with all their grades and attendance; add --yes to do it (a backup is a good idea first).").format(student=args.student), 2)
        done = delete_student(ws, sid)
    print(_("Deleted {label} ({row_count} rows). The audit log records it.").format(label=done.value.label, row_count=done.value.row_count))
    return 0


def _class_input(ws, base, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.store.roster_service import find_staff

    values = {k: v for k, v in {"name": getattr(args, "name", None), "code": args.code, "period": args.period,
                                "room": args.room, "course": args.course}.items() if v is not None}
    if args.teacher is not None:
        values["teacher_id"] = find_staff(ws, args.teacher) if args.teacher.strip() else None
    return replace(base, **values)


def _class_add(args: argparse.Namespace) -> int:
    from app.store.roster_service import ClassInput, save_class

    with open_from_args(args) as ws:
        data = _class_input(ws, ClassInput(args.name), args)
        done = save_class(ws, data)
    print(_("Added the class {name} (id {value}).").format(name=data.name, value=done.value))
    return 0


def _class_edit(args: argparse.Namespace) -> int:
    from app.store.roster_service import class_input, save_class

    with open_from_args(args) as ws:
        section_id = _class_id(ws, args.cls)
        data = _class_input(ws, class_input(ws, section_id), args)
        save_class(ws, data, section_id)
    print(_("Saved the class {name}.").format(name=data.name))
    return 0


def _class_delete(args: argparse.Namespace) -> int:
    from app.store.roster_service import delete_class

    with open_from_args(args) as ws:
        section_id = _class_id(ws, args.cls)
        if not args.yes:
            raise UserError(_("This deletes the class '{cls}' with its assignments and grades; add --yes to do it.").format(cls=args.cls), 2)
        done = delete_class(ws, section_id)
    print(_("Deleted the class {label} ({row_count} rows).").format(label=done.value.label, row_count=done.value.row_count))
    return 0
