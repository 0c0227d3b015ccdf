"""``python -m app.ui.i18n update|check|stats|new|export|import`` — the catalog tool.

update            re-read app/ui, add new strings to every .ts, drop removed ones, rebuild .qm
check             exit 1 listing strings without a finished translation or a stale .qm
stats             translated/total per language
new LANG          start teacherdesk_LANG.ts for a new language
export LANG FILE  unfinished strings to a CSV (--all: every string) to fill in a spreadsheet
import LANG FILE  merge a filled CSV back, mark those strings finished, rebuild the .qm
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.ui.i18n import catalogs


def _stats() -> int:
    for language in catalogs.languages():
        finished, total = catalogs.stats(catalogs.ts_path(language))
        print(f"{language}: {finished}/{total} translated ({100 * finished / max(total, 1):.1f}%)")
    return 0


def _check(limit: int) -> int:
    failed = False
    for language in catalogs.languages():
        p = catalogs.check(language)
        print(f"{language}: {p.finished}/{p.total} translated"
              f"{'' if not p.stale_qm else '; the .qm is older than the .ts (run update)'}")
        for m in p.unfinished[:limit]:
            print(f"  unfinished [{m.context}] {m.source!r}" + (f" ({m.comment})" if m.comment else ""))
        if len(p.unfinished) > limit:
            print(f"  … and {len(p.unfinished) - limit} more")
        failed = failed or not p.ok
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update")
    sub.add_parser("check").add_argument("--limit", type=int, default=50)
    sub.add_parser("stats")
    sub.add_parser("new").add_argument("language")
    export = sub.add_parser("export")
    export.add_argument("language")
    export.add_argument("file", type=Path)
    export.add_argument("--all", action="store_true", help="every string, not only unfinished ones")
    imp = sub.add_parser("import")
    imp.add_argument("language")
    imp.add_argument("file", type=Path)
    args = parser.parse_args(argv)

    if args.command == "update":
        for ts in catalogs.update():
            print(f"updated {ts.name}")
        return _stats()
    if args.command == "check":
        return _check(args.limit)
    if args.command == "stats":
        return _stats()
    if args.command == "new":
        print(f"created {catalogs.new_language(args.language)}")
        return 0
    if args.command == "export":
        count = catalogs.export_csv(args.language, args.file, everything=args.all)
        print(f"{count} strings written to {args.file}")
        return 0
    taken = catalogs.import_csv(args.language, args.file)
    print(f"{taken} translations taken from {args.file}")
    return _stats()


if __name__ == "__main__":
    sys.exit(main())
