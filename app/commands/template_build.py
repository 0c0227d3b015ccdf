"""`teacherdesk template build`: a template from a blank form, tested on a filled scan."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import UserError
from app.core.i18n import _


def register_build(tsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    build = tsub.add_parser(
        "build", help="build a template from a blank form (PDF, scan or photo) and test it on a filled scan",
    )
    build.add_argument("blank", type=Path, help="the blank form: a PDF, a scan or a photo")
    build.add_argument("--out", type=Path, required=True, help="the template JSON to write")
    build.add_argument("--name", default="", help="the form's name (default: the file name)")
    build.add_argument("--registration", choices=("auto", "corners", "timing", "feature", "edges"), default="auto",
                       help="how scans are aligned (default: detect marks, else feature alignment; "
                            "edges only when asked)")
    build.add_argument("--renumber", action="append", default=[], metavar="BLOCK=FIRST",
                       help="give question block BLOCK (as listed, 1-based) the first number FIRST; repeatable")
    build.add_argument("--test", type=Path, default=None, help="a filled scan to read with the new template")
    build.add_argument("--overlay", type=Path, default=None, help="with --test: write what was read over the scan (PNG)")
    build.set_defaults(handler=_build)


def _build(args: argparse.Namespace) -> int:
    from app.grading.builder import BuildError, build_from_blank, renumber, save_built, try_on_scan
    from app.grading.images import ImageError, load_page
    from app.grading.template import TemplateError

    try:
        built = build_from_blank(args.blank, name=args.name, registration=args.registration)
    except (ImageError, BuildError) as exc:
        raise UserError(_("{blank}: {exc}").format(blank=args.blank, exc=exc)) from None
    t = built.template
    for spec in args.renumber:
        try:
            block, first = (int(v) for v in spec.split("="))
            renumber(t, block - 1, first)
        except ValueError:
            raise UserError(_("--renumber {spec}: write BLOCK=FIRST, e.g. 3=51").format(spec=spec)) from None
        except TemplateError as exc:
            raise UserError(_("--renumber {spec}: {exc}").format(spec=spec, exc=exc)) from None
    written = save_built(built, args.out)
    print(f"{args.blank}: {built.summary()}")
    print(_("wrote {items}").format(items=', '.join(str(p) for p in written)))
    for i, b in enumerate(t.blocks, start=1):
        if b.kind == "questions":
            print(_("  block {i}: questions {first}-{last} (renumber with --renumber {i}=N)").format(i=i, first=b.first, last=b.first + b.count - 1))
    if args.test is None:
        print(_("next: test it on a filled scan with --test SCAN (and --overlay out.png)"))
        return 0
    try:
        image = load_page(args.test)
    except ImageError as exc:
        raise UserError(_("{test}: {exc}").format(test=args.test, exc=exc)) from None
    trial = try_on_scan(t, image)
    print(trial.text())
    if args.overlay:
        import cv2

        cv2.imwrite(str(args.overlay), trial.overlay)
        print(_("overlay written to {overlay}").format(overlay=args.overlay))
    return 0 if trial.score == 1.0 else 3
