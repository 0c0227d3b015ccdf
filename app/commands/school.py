"""`teacherdesk staff ...` and `teacherdesk school ...`: staff and the school's details.

    teacherdesk staff add --role counselor --name "Ana Rivera"
    teacherdesk staff list [--role counselor]
    teacherdesk staff edit rivera --email ana.rivera@school.org
    teacherdesk staff remove rivera        (inactive: hidden from lists, history kept)
    teacherdesk school show
    teacherdesk school set timezone America/Chicago

The same services as the app's Settings and Classes pages (app.store.roster_service).
"""

from __future__ import annotations

import argparse
import json
import sys

from app.commands import add_workspace_arg, open_from_args
from app.core.code_labels import staff_role_label
from app.core.i18n import _

# roster_service.STAFF_ROLES, written out so that `--help` does not load the database layer.
ROLES = ("teacher", "counselor", "interpreter", "office", "administrator", "aide")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    staff = sub.add_parser("staff", help=_("teachers, counselors and other staff"))
    st = staff.add_subparsers(dest="staff_command", metavar=_("ACTION"), required=True)
    add = st.add_parser("add", help=_("add a staff member"))
    add.add_argument("--name", required=True, help=_("full name, e.g. 'Ana Rivera'"))
    add.add_argument("--role", choices=ROLES, default="teacher")
    add.add_argument("--email", default="")
    add.add_argument("--languages", default="",
                     help=_("languages they speak with families besides English, e.g. 'Spanish, Vietnamese' or 'es,vi'"))
    add_workspace_arg(add)
    add.set_defaults(handler=_staff_add)
    ls = st.add_parser("list", help=_("list staff (id, name, role, email)"))
    ls.add_argument("--role", choices=ROLES)
    ls.add_argument("--all", action="store_true", help=_("include staff marked inactive"))
    ls.add_argument("--json", action="store_true")
    add_workspace_arg(ls)
    ls.set_defaults(handler=_staff_list)
    edit = st.add_parser("edit", help=_("change the fields given, keep the others"))
    edit.add_argument("who", help=_("staff id or name"))
    edit.add_argument("--name", help=_("new full name"))
    edit.add_argument("--role", choices=ROLES)
    edit.add_argument("--email")
    edit.add_argument("--languages", help=_("replace their languages, e.g. 'es,vi' ('' for English only)"))
    edit.add_argument("--active", choices=("yes", "no"), help=_("no: hide from lists, keep their history"))
    add_workspace_arg(edit)
    edit.set_defaults(handler=_staff_edit)
    rm = st.add_parser("remove", help=_("mark a staff member inactive (their classes and history stay; "
                                      "'staff edit WHO --active yes' brings them back)"))
    rm.add_argument("who", help=_("staff id or name"))
    add_workspace_arg(rm)
    rm.set_defaults(handler=_staff_remove)

    school = sub.add_parser("school", help=_("the school's name, address, phone and time zone"))
    sc = school.add_subparsers(dest="school_command", metavar=_("ACTION"), required=True)
    show = sc.add_parser("show", help=_("print the school's details"))
    show.add_argument("--json", action="store_true")
    add_workspace_arg(show)
    show.set_defaults(handler=_school_show)
    set_ = sc.add_parser("set", help=_("change one detail, e.g. 'school set timezone America/Chicago'"))
    set_.add_argument("field", choices=("name", "address", "phone", "timezone"))
    set_.add_argument("value")
    add_workspace_arg(set_)
    set_.set_defaults(handler=_school_set)


def _staff_add(args: argparse.Namespace) -> int:
    from app.store.roster_service import add_staff, split_name

    given, family = split_name(args.name)
    with open_from_args(args) as ws:
        done = add_staff(ws, given_name=given, family_name=family, role=args.role, email=args.email,
                         languages=args.languages)
    print(_("Added {role} {name} (staff id {value}).").format(role=staff_role_label(args.role), name=' '.join(args.name.split()), value=done.value))
    return 0


def _staff_list(args: argparse.Namespace) -> int:
    from app.store.roster_service import list_staff

    with open_from_args(args) as ws:
        rows = list_staff(ws, role=args.role, include_inactive=args.all)
    if args.json:
        print(json.dumps([{"id": r.id, "name": r.display_name, "role": r.role, "email": r.email,
                           "active": r.active, "languages": list(r.languages)} for r in rows],
                         indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(_("No staff yet; add one with 'teacherdesk staff add --name NAME'."), file=sys.stderr)
    for r in rows:
        flag = _("  (inactive)") if not r.active else ""
        langs = _("  speaks {languages}").format(languages=", ".join(r.languages)) if r.languages else ""
        print(f"{r.id:>5}  {r.display_name:<30} {staff_role_label(r.role):<14} {r.email}{langs}{flag}")
    return 0


def _staff_edit(args: argparse.Namespace) -> int:
    from app.store.roster_service import edit_staff, find_staff, split_name

    given = family = None
    if args.name is not None:
        given, family = split_name(args.name)
    with open_from_args(args) as ws:
        done = edit_staff(ws, find_staff(ws, args.who), given_name=given, family_name=family, role=args.role,
                          email=args.email, active=None if args.active is None else args.active == "yes",
                          languages=args.languages)
    r = done.value
    print((_("Saved {display_name} (staff id {id}, {role}{inactive}).") if done.changes else _("Nothing to change for {display_name} (staff id {id}, {role}{inactive}).")).format(display_name=r.display_name, id=r.id, role=staff_role_label(r.role), inactive=_(", inactive") if not r.active else ""))
    return 0


def _staff_remove(args: argparse.Namespace) -> int:
    from app.store.roster_service import edit_staff, find_staff

    with open_from_args(args) as ws:
        done = edit_staff(ws, find_staff(ws, args.who), active=False)
    r = done.value
    if not done.changes:
        print(_("{name} (staff id {id}) was already inactive.").format(name=r.display_name, id=r.id))
    else:
        print(_("{name} (staff id {id}) is now inactive: hidden from lists, history kept. "
                "Undo with 'teacherdesk staff edit {id} --active yes'.").format(name=r.display_name, id=r.id))
    return 0


def _school_show(args: argparse.Namespace) -> int:
    from app.store.roster_service import school_settings

    with open_from_args(args) as ws:
        settings = school_settings(ws)
    if args.json:
        print(json.dumps(settings.as_dict(), indent=2, ensure_ascii=False))
    else:
        for key, value in settings.as_dict().items():
            print(f"{key:<9} {value}")
    return 0


def _school_set(args: argparse.Namespace) -> int:
    from app.store.roster_service import save_school_settings

    with open_from_args(args) as ws:
        done = save_school_settings(ws, **{args.field: args.value})
    value = getattr(done.value, args.field)
    print((_("School {field}: {value}") if done.changes else _("School {field}: {value} (unchanged)")).format(field=args.field, value=value))
    return 0
