"""The ``core`` message catalog: extract, update and check (development tool, Qt-free).

``python -m app.core.i18n_catalog update`` reads every module outside ``app/ui`` that
imports ``_``/``ngettext``/``N_`` from :mod:`app.core.i18n`, collects their messages into
``assets/translations/core.pot`` and merges them into each
``assets/translations/<lang>/LC_MESSAGES/core.po`` (new messages untranslated, vanished
ones dropped, translations kept). ``python -m app.core.i18n_catalog check`` prints the
coverage per language and lists what is missing. ``python -m app.core.i18n_catalog init
vi`` starts a new language. The coverage test (tests/core/test_core_messages.py) uses the
same extractor.

Babel's catalog and .po reader/writer do the file work; the extractor is a small AST walk
so that a function that binds its own ``_`` (the per-family document catalogs such as
``_ = gettext_for("conferences", lang)``) is left to its own domain.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.core.i18n import CORE_DOMAIN, translations_dir

APP_ROOT = Path(__file__).resolve().parent.parent
STABLE_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # no churn in file headers
KEYWORDS = {"_": 1, "N_": 1, "ngettext": 2}
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*|\d*)(?:[!:][^{}]*)?\}(?!\})")


@dataclass
class Message:
    msgid: str
    plural: str | None = None
    locations: list[tuple[str, int | None]] = field(default_factory=list)


def core_modules(root: Path = APP_ROOT) -> Iterator[Path]:
    """Python files of the core and the CLI (everything but the Qt screens)."""
    for path in sorted(root.rglob("*.py")):
        if "ui" in path.relative_to(root).parts[:1]:
            continue
        yield path


def _imports_core_gettext(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "app.core.i18n":
            names |= {a.asname or a.name for a in node.names if a.name in KEYWORDS}
    return names


_OWN_SCOPE = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda,
              ast.FunctionDef, ast.AsyncFunctionDef)


def binds_underscore(func: ast.AST) -> bool:
    """Does ``func`` itself (not a comprehension or function inside it) assign ``_``?"""
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, _OWN_SCOPE):
            continue
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


class _Collector(ast.NodeVisitor):
    def __init__(self, names: set[str], rel: str, out: dict[str, Message]) -> None:
        self.names = names
        self.rel = rel
        self.out = out
        self.shadowed = 0

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        shadow = binds_underscore(node)
        self.shadowed += shadow
        self.generic_visit(node)
        self.shadowed -= shadow

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name in self.names and not (name == "_" and self.shadowed):
            strings = [a.value for a in node.args[: KEYWORDS[name]]
                       if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(strings) == KEYWORDS[name]:
                msg = self.out.setdefault(strings[0], Message(strings[0], strings[1] if len(strings) > 1 else None))
                if (self.rel, None) not in msg.locations:
                    msg.locations.append((self.rel, None))
        self.generic_visit(node)


def extract(root: Path = APP_ROOT) -> dict[str, Message]:
    """Every core message in the code, by msgid, in source order."""
    out: dict[str, Message] = {}
    for path in core_modules(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _imports_core_gettext(tree)
        if names or path.name == "i18n.py":
            _Collector(names, path.relative_to(root.parent).as_posix(), out).visit(tree)
    return out


def pot_path() -> Path:
    return translations_dir() / f"{CORE_DOMAIN}.pot"


def po_path(language: str) -> Path:
    return translations_dir() / language / "LC_MESSAGES" / f"{CORE_DOMAIN}.po"


def template_catalog(messages: dict[str, Message]):  # type: ignore[no-untyped-def]
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="TeacherDesk", domain=CORE_DOMAIN, charset="utf-8", fuzzy=False,
                      creation_date=STABLE_DATE, revision_date=STABLE_DATE)
    for msg in messages.values():
        msgid = (msg.msgid, msg.plural) if msg.plural else msg.msgid
        flags = ("python-brace-format",) if PLACEHOLDER.search(msg.msgid) else ()
        # a None line number is written as the file alone (no churn when lines move)
        catalog.add(msgid, locations=msg.locations, flags=flags)  # type: ignore[arg-type]
    return catalog


def _write(catalog, path: Path, *, template: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The template keeps source order and file names; a language file is sorted by
    message without locations, so two people adding messages rarely touch the same lines."""
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.creation_date = STABLE_DATE
    catalog.revision_date = STABLE_DATE
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, ignore_obsolete=True, sort_output=not template,
                 no_location=not template)


def read_catalog(language: str):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as fh:
        return read_po(fh, locale=language, domain=CORE_DOMAIN)


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in translations_dir().glob(f"*/LC_MESSAGES/{CORE_DOMAIN}.po"))


def update(messages: dict[str, Message] | None = None) -> list[Path]:
    """Write core.pot and merge it into every language's core.po."""
    messages = extract() if messages is None else messages
    template = template_catalog(messages)
    _write(template, pot_path(), template=True)
    written = [pot_path()]
    for lang in languages():
        catalog = read_catalog(lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _write(catalog, po_path(lang))
        written.append(po_path(lang))
    return written


def init(language: str) -> Path:
    """Start ``<language>/LC_MESSAGES/core.po`` from the template (every entry untranslated)."""
    from babel.messages.catalog import Catalog

    template = template_catalog(extract())
    catalog = Catalog(locale=language, domain=CORE_DOMAIN, project="TeacherDesk", charset="utf-8", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True)
    _write(catalog, po_path(language))
    return po_path(language)


@dataclass
class Coverage:
    language: str
    total: int
    missing: list[str]
    fuzzy: list[str]
    bad_placeholders: list[str]

    @property
    def translated(self) -> int:
        return self.total - len(set(self.missing) | set(self.fuzzy) | set(self.bad_placeholders))

    @property
    def figure(self) -> str:
        share = 100.0 * self.translated / self.total if self.total else 100.0
        return f"{self.language}: {self.translated}/{self.total} core messages translated ({share:.1f}%)"


def _placeholders(text: str) -> set[str]:
    return {m.group(1) for m in PLACEHOLDER.finditer(text)}


def coverage(language: str, messages: dict[str, Message] | None = None) -> Coverage:
    """How many extracted messages have a checked translation with the same placeholders."""
    messages = extract() if messages is None else messages
    catalog = read_catalog(language) if po_path(language).exists() else None
    missing: list[str] = []
    fuzzy: list[str] = []
    bad: list[str] = []
    for msgid, msg in messages.items():
        entry = catalog.get(msgid) if catalog is not None else None
        strings = [entry.string] if entry is not None and isinstance(entry.string, str) else (
            list(entry.string) if entry is not None else [])
        if entry is None or not all(s and s.strip() for s in strings) or not strings:
            missing.append(msgid)
        elif entry.fuzzy:
            fuzzy.append(msgid)
        elif any(_placeholders(s) != _placeholders(msgid) | (_placeholders(msg.plural or "")) for s in strings):
            bad.append(msgid)
    return Coverage(language, len(messages), missing, fuzzy, bad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.core.i18n_catalog", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("update", help="extract core messages, write core.pot, merge into every core.po")
    check = sub.add_parser("check", help="print the translation coverage and what is missing")
    check.add_argument("language", nargs="?")
    new = sub.add_parser("init", help="start a new language's core.po")
    new.add_argument("language")
    args = parser.parse_args(argv)
    if args.action == "update":
        for path in update():
            print(path)
        return 0
    if args.action == "init":
        print(init(args.language))
        return 0
    status = 0
    for lang in [args.language] if args.language else languages():
        cov = coverage(lang)
        print(cov.figure)
        for label, items in (("untranslated", cov.missing), ("fuzzy", cov.fuzzy), ("placeholders differ", cov.bad_placeholders)):
            for msgid in items:
                print(f"  {label}: {msgid!r}")
        status |= int(cov.translated < cov.total)
    return status


if __name__ == "__main__":
    sys.exit(main())
