"""Workspace subcommands: create, demo, make a demo real, info, backup, backups, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands import UserError, add_workspace_arg, open_from_args, workspace_path
from app.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help=_("create a demo workspace with invented students"))
    add_workspace_arg(p)
    p.add_argument("--students", type=int, default=75, help=_("number of students (default 75)"))
    p.add_argument("--seed", type=int, default=2026, help=_("random seed (same seed, same school)"))
    p.add_argument("--force", action="store_true",
                   help=_("replace an existing workspace at that path (a real one is kept in its backups)"))
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("init", help=_("create a new, empty encrypted workspace"))
    add_workspace_arg(p)
    p.add_argument("--school", required=True, help=_("the school's name"))
    p.add_argument("--timezone", default=None,
                   help=_("IANA time zone of the school, e.g. America/Chicago (default: this computer's)"))
    p.add_argument("--recovery-sheet", type=Path, default=None,
                   help=_("also write the recovery key as a printable PDF here"))
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("make-real", help=_("make a demo workspace a real one (a protected key and a "
                                         "recovery key), so real rosters can be imported"))
    add_workspace_arg(p)
    p.add_argument("--remove-demo-people", action="store_true",
                   help=_("also remove the invented students, families, staff and their classes "
                        "(the school, its calendar and settings stay)"))
    p.add_argument("--recovery-sheet", type=Path, default=None,
                   help=_("also write the recovery key as a printable PDF here"))
    p.set_defaults(handler=cmd_make_real)

    p = sub.add_parser("info", help=_("what is in the workspace"))
    add_workspace_arg(p)
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("backup", help=_("take a backup of the workspace now"))
    add_workspace_arg(p)
    p.add_argument("--out", type=Path, default=None, help=_("write the backup here instead"))
    p.add_argument("--folder", type=Path, default=None,
                   help=_("write a dated backup into this folder (a USB stick); without it the folder "
                        "chosen with --remember (or in Settings) is used, else the one beside the workspace"))
    p.add_argument("--remember", action="store_true",
                   help=_("with --folder: use that folder for every manual backup from now on"))
    p.add_argument("--forget-folder", action="store_true",
                   help=_("manual backups go beside the workspace again"))
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("backups", help=_("list the workspace's backups"))
    add_workspace_arg(p)
    p.set_defaults(handler=cmd_backups)

    p = sub.add_parser("restore", help=_("restore the workspace from a backup file"))
    add_workspace_arg(p)
    p.add_argument("file", type=Path, help=_("a backup of this workspace (.tdw)"))
    p.set_defaults(handler=cmd_restore)


def _student_count(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from app.store.models import Guardian, Section, Staff, Student

    with ws.read() as s:
        return {
            "students": s.scalar(select(func.count()).select_from(Student)) or 0,
            "guardians": s.scalar(select(func.count()).select_from(Guardian)) or 0,
            "classes": s.scalar(select(func.count()).select_from(Section)) or 0,
            "staff": s.scalar(select(func.count()).select_from(Staff)) or 0,
        }


def cmd_demo(args: argparse.Namespace) -> int:
    from app.scheduling.demo import build_demo

    path = workspace_path(args)
    if path.exists() and not args.force:
        raise UserError(_("{path} already exists; use --force to replace it, or another --workspace.").format(path=path))
    if args.students < 1 or args.students > 100_000:
        raise UserError(_("--students must be between 1 and 100000."))
    if path.exists():
        from app.store.backup import set_aside

        # A real workspace is never deleted: it is moved into the backups, whole.
        kept = set_aside(path)
        if kept is not None:
            print(_("{name} was not a demo workspace; it was kept as {kept}").format(name=path.name, kept=kept), file=sys.stderr)

    def progress(fraction: float, message: str) -> None:
        print(f"\r[{int(fraction * 100):3d}%] {message:<40}", end="", file=sys.stderr, flush=True)

    created = build_demo(path, students=args.students, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    counts = _student_count(created.workspace)
    created.workspace.close()
    print(_("Demo workspace created: {path}").format(path=path))
    print(_("  {students} students, {guardians} guardians, {classes} classes, {staff} staff").format(students=counts['students'], guardians=counts['guardians'], classes=counts['classes'], staff=counts['staff']))
    print(_("  encrypted; unlocked by: {unlock}").format(unlock=created.unlock))
    if created.unlock != "demo":
        print(_("  recovery key (keep it safe): {recovery_key}").format(recovery_key=created.recovery_key))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from app.core.timezones import computer_timezone, is_zone
    from app.store import create_workspace

    path = workspace_path(args)
    zone = args.timezone or computer_timezone()
    if not is_zone(zone):
        raise UserError(_("{zone} is not a time zone name; use one such as America/Chicago.").format(zone=zone))
    created = create_workspace(path, school_name=args.school, timezone=zone)
    ws = created.workspace
    print(_("Workspace created: {path} (unlocked by: {unlock})").format(path=path, unlock=created.unlock))
    print((_("Time zone: {zone}; change it with 'teacherdesk school set timezone NAME'.") if args.timezone else
           _("Time zone: {zone} (this computer's); change it with 'teacherdesk school set timezone NAME'."))
          .format(zone=zone))
    print(_("Recovery key — write it down or print it, it is shown only now:"))
    print(f"  {created.recovery_key}")
    if args.recovery_sheet:
        from app.store.recovery_sheet import write_recovery_sheet

        write_recovery_sheet(args.recovery_sheet, recovery_key=created.recovery_key,
                             workspace_name=path.name, workspace_id=ws.workspace_id,
                             school=args.school)
        print(_("Recovery sheet written to {recovery_sheet}").format(recovery_sheet=args.recovery_sheet))
    ws.close()
    return 0


def cmd_make_real(args: argparse.Namespace) -> int:
    from app.core.progress import TerminalProgress
    from app.store.convert import make_real

    ws = open_from_args(args)
    name, school = ws.path.name, _school_name(ws)
    done = make_real(ws, remove_demo_people=args.remove_demo_people, progress=TerminalProgress())
    real = done.created.workspace
    try:
        print(_("{name} is now a real workspace (unlocked by: {unlock}); real rosters can be "
                "imported into it.").format(name=name, unlock=done.created.unlock))
        if done.removed:
            print(_("  removed: {students} students, {families} families, {classes} classes, "
                    "{courses} courses, {staff} staff").format(**done.removed))
        print(_("Recovery key — write it down or print it, it is shown only now:"))
        print(f"  {done.created.recovery_key}")
        if args.recovery_sheet:
            from app.store.recovery_sheet import write_recovery_sheet

            write_recovery_sheet(args.recovery_sheet, recovery_key=done.created.recovery_key,
                                 workspace_name=name, workspace_id=real.workspace_id, school=school)
            print(_("Recovery sheet written to {recovery_sheet}").format(recovery_sheet=args.recovery_sheet))
    finally:
        real.close()
    return 0


def _school_name(ws) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import School

    with ws.read() as s:
        return s.scalars(select(School.name).order_by(School.id)).first() or ""


def cmd_info(args: argparse.Namespace) -> int:
    from app.store import backup, migrations

    ws = open_from_args(args)
    counts = _student_count(ws)
    print(_("Workspace: {path}").format(path=ws.path))
    print(_("  id: {workspace_id}").format(workspace_id=ws.workspace_id))
    print("  " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    print(_("  schema: {revisions}").format(revisions=', '.join(sorted(migrations.current_revisions(ws)))))
    print(_("  backups: {count}").format(count=len(backup.list_backups(ws.path))))
    ws.close()
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from app.store import backup, backup_folder

    if args.remember and not args.folder:
        raise UserError(_("--remember needs --folder DIR (the folder to remember)"), exit_code=2)
    ws = open_from_args(args)
    try:
        if args.forget_folder:
            backup_folder.set_folder(ws, ws.actor, None)
            print(_("Manual backups go beside the workspace again."))
        if args.remember:
            chosen = backup_folder.set_folder(ws, ws.actor, args.folder).value
            print(_("Manual backups go to {chosen} from now on.").format(chosen=chosen))
        if args.out is not None:
            dest = backup.backup_workspace(ws, reason="manual", dest=args.out)
        else:
            dest = backup_folder.back_up(ws, args.folder)
    finally:
        ws.close()
    print(_("Backup written: {dest}").format(dest=dest))
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from app.store import backup

    path = workspace_path(args)
    found = backup.list_backups(path)
    if not found:
        print(_("No backups yet for {path}.").format(path=path))
    for b in found:
        print(_("{taken_at:%Y-%m-%d %H:%M} UTC  {reason:<18} {path}").format(taken_at=b.taken_at, reason=b.reason, path=b.path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app.store import backup

    ws = open_from_args(args)
    safety = backup.restore_workspace(ws, args.file)
    ws.close()
    print(_("Restored {name} from {file}.").format(name=ws.path.name, file=args.file))
    print(_("The state before the restore was saved as {safety}.").format(safety=safety))
    return 0
