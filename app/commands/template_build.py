"""`teacherdesk template build`: a template from a blank form, tested on a filled scan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands import UserError
from app.core.i18n import N_, _

if TYPE_CHECKING:
    from app.grading.template import Template


def register_build(tsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    build = tsub.add_parser(
        "build", help=_("build a template from a blank form (PDF, scan or photo) and test it on a filled scan"),
    )
    build.add_argument("blank", type=Path, help=_("the blank form: a PDF, a scan or a photo"))
    build.add_argument("--out", type=Path, required=True, help=_("the template JSON to write"))
    build.add_argument("--name", default="", help=_("the form's name (default: the file name)"))
    build.add_argument("--registration", choices=("auto", "corners", "timing", "feature", "edges"), default="auto",
                       help=_("how scans are aligned (default: detect marks, else feature alignment; "
                            "edges only when asked)"))
    build.add_argument("--renumber", action="append", default=[], metavar="BLOCK=FIRST",
                       help=_("give question block BLOCK (as listed, 1-based) the first number FIRST; repeatable"))
    build.add_argument("--label", action="append", default=[], metavar="BLOCK=NAME",
                       help=_("name ID or letter grid BLOCK (as listed, 1-based), e.g. 3=course_id or 4=last_name; "
                            "repeatable"))
    for opt, text in (("--student-id", N_("grid BLOCK (as listed, 1-based) holds the student ID")),
                      ("--course-id", N_("grid BLOCK (as listed, 1-based) holds the course ID")),
                      ("--last-name", N_("grid BLOCK (as listed, 1-based) holds the last name")),
                      ("--first-name", N_("grid BLOCK (as listed, 1-based) holds the first name"))):
        build.add_argument(opt, type=int, default=None, metavar="BLOCK", help=_(text))
    build.add_argument("--test", type=Path, action="append", default=[],
                       help=_("a filled scan to read with the new template (a form of several pages: its pages "
                            "in order, in one file or repeated --test)"))
    build.add_argument("--overlay", type=Path, default=None, help=_("with --test: write what was read over the scan (PNG)"))
    build.set_defaults(handler=_build)


def _build(args: argparse.Namespace) -> int:
    from app.grading.builder import BuildError, build_from_blank, save_built
    from app.grading.images import ImageError

    try:
        built = build_from_blank(args.blank, name=args.name, registration=args.registration)
    except (ImageError, BuildError) as exc:
        raise UserError(_("{blank}: {exc}").format(blank=args.blank, exc=exc)) from None
    t = built.template
    _renumber(t, args.renumber)
    _labels(t, args)
    written = save_built(built, args.out)
    print(f"{args.blank}: {built.summary()}")
    print(_("wrote {items}").format(items=", ".join(str(p) for p in written)))
    for i, b in enumerate(t.blocks, start=1):
        on = _(" on page {page}").format(page=b.page) if t.pages > 1 else ""
        if b.kind == "questions":
            print(_("  block {i}: questions {first}-{last}{on} (renumber with --renumber {i}=N)").format(
                i=i, first=b.first, last=b.first + b.count - 1, on=on))
        elif b.kind in ("id", "letters"):
            what = _("letter grid") if b.kind == "letters" else _("ID grid")
            print(_("  block {i}: {what} '{label}'{on} (name it with --label {i}=NAME, e.g. course_id)").format(
                i=i, what=what, label=b.field_label(), on=on))
    if not args.test:
        print(_("next: test it on a filled scan with --test SCAN (and --overlay out.png)"))
        return 0
    return _test(t, args.test, args.overlay)


def _test(t: Template, scans: list[Path], overlay: Path | None) -> int:
    """Read the filled scan(s) page by page as the form's pages in order; 0 only when every
    block of every page verified."""
    import cv2

    from app.grading.builder import try_on_scan
    from app.grading.images import ImageError, load_page, page_refs

    try:
        refs = [r for scan in scans for r in page_refs(scan)]
    except ImageError as exc:
        raise UserError(_("{test}: {exc}").format(test=scans[0], exc=exc)) from None
    ok = True
    for n, ref in enumerate(refs):
        try:
            image = load_page(ref.path, ref.index)
        except ImageError as exc:
            raise UserError(_("{test}: {exc}").format(test=ref.path, exc=exc)) from None
        trial = try_on_scan(t, image, n % t.pages + 1)
        if len(refs) > 1:
            print(_("{file} page {page} (form page {form_page}):").format(
                file=ref.path, page=ref.index + 1, form_page=n % t.pages + 1))
        print(trial.text())
        ok = ok and trial.score == 1.0
        if overlay:
            out = overlay if n == 0 else overlay.with_name(f"{overlay.stem}-{n + 1}{overlay.suffix}")
            cv2.imwrite(str(out), trial.overlay)
            print(_("overlay written to {overlay}").format(overlay=out))
    return 0 if ok else 3


def _renumber(t: Template, specs: list[str]) -> None:
    from app.grading.builder import renumber
    from app.grading.template import TemplateError

    for spec in specs:
        try:
            block, first = (int(v) for v in spec.split("="))
            renumber(t, block - 1, first)
        except ValueError:
            raise UserError(_("--renumber {spec}: write BLOCK=FIRST, e.g. 3=51").format(spec=spec)) from None
        except TemplateError as exc:
            raise UserError(_("--renumber {spec}: {exc}").format(spec=spec, exc=exc)) from None


def _labels(t: Template, args: argparse.Namespace) -> None:
    """--label BLOCK=NAME and the named shortcuts (--course-id 3 = --label 3=course_id)."""
    from app.grading.builder import label_grid
    from app.grading.template import TemplateError

    specs = [(spec, spec.partition("=")) for spec in args.label]
    for opt in ("student_id", "course_id", "last_name", "first_name"):
        block = getattr(args, opt)
        if block is not None:
            specs.append((f"--{opt.replace('_', '-')} {block}", (str(block), "=", opt)))
    for shown, (block, eq, name) in specs:
        if not eq or not block.strip().isdigit() or not name.strip():
            raise UserError(_("--label {spec}: write BLOCK=NAME, e.g. 3=course_id").format(spec=shown))
        try:
            label_grid(t, int(block) - 1, name)
        except TemplateError as exc:
            raise UserError(_("{spec}: {exc}").format(spec=shown, exc=exc)) from None
