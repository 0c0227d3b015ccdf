"""Every core message a person reads is translatable, and translated into Spanish.

(a) An AST walk over the core and the CLI (everything outside ``app/ui``): the message
    and ``fix=`` of every ``UserFacingError`` subclass raised, every progress message,
    and every review reason of the grading pipeline is a ``_()``/``ngettext`` call (with
    ``.format`` for placeholders) or a name built from one. A new English literal there
    fails with its file and line.
(b) Every message extracted from the code (``python -m app.core.i18n_catalog update``)
    has a non-empty, non-fuzzy Spanish translation in core.po with the same placeholders.
    The coverage figure is printed (``pytest -s``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.core import code_labels, i18n
from app.core.i18n_catalog import (
    APP_ROOT,
    binds_underscore,
    core_modules,
    coverage,
    extract,
    languages,
)

# (file, function) -> why a plain string is right there. Keep this short.
ALLOWED: dict[tuple[str, str], str] = {
    ("app/scheduling/timetable/pdf.py", "write_timetable_pdf"): "progress shows the name of the page drawn",
}

LABEL_FUNCTIONS = {name for name in dir(code_labels) if name.endswith("_label")}
CODES = {"teacher"}  # reason codes compared by the code, never shown as such
# review reasons a teacher reads in the review queue
REASON_FILES = ("app/grading/read.py", "app/grading/register.py", "app/grading/verify.py",
                "app/grading/score.py", "app/grading/exam_review.py")


def _literal(node: ast.expr) -> bool:
    """English written right there: a string, an f-string or a sum with one."""
    if isinstance(node, ast.Constant | ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and (_literal(node.left) or _literal(node.right))


def _has_words(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


PROGRESS_NAMES = {"progress", "report", "on_progress", "step_progress"}
MESSAGE_PARAMS = ("message", "reason", "msg")
NOTE_LISTS = {"notes"}  # ``result.notes.append(...)``: shown to the user as is


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in core_modules()}


def _error_classes(trees: dict[Path, ast.Module]) -> dict[str, int]:
    """UserFacingError and its subclasses -> the position of the message argument."""
    bases: dict[str, list[str]] = {}
    position: dict[str, int] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases[node.name] = [n for n in map(_name, node.bases) if n]
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    args = [a.arg for a in item.args.args[1:]]
                    hits = [i for i, a in enumerate(args) if a in MESSAGE_PARAMS]
                    position[node.name] = hits[0] if hits else 0
    found = {"UserFacingError": 0}
    grew = True
    while grew:
        grew = False
        for cls, parents in bases.items():
            parent = next((p for p in parents if p in found), None)
            if cls not in found and parent is not None:
                found[cls] = position.get(cls, found[parent])
                grew = True
    return found


class _Checker:
    """Is an expression a translated message? Follows names to their assignments."""

    def __init__(self, func: ast.AST | None, module: ast.Module) -> None:
        self.func = func
        self.module = module
        self.params: set[str] = set()
        self.caught: set[str] = set()
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            a = func.args
            self.params = {x.arg for x in a.args + a.kwonlyargs + a.posonlyargs}
        scope = func if func is not None else module
        self.local_functions = {n.name for n in ast.walk(module) if isinstance(n, ast.FunctionDef)}
        self.unpacked: set[str] = set()
        for node in ast.walk(scope):
            if isinstance(node, ast.ExceptHandler) and node.name:
                self.caught.add(node.name)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                for target in node.targets:
                    if isinstance(target, ast.Tuple):
                        self.unpacked |= {e.id for e in target.elts if isinstance(e, ast.Name)}

    def assignments(self, name: str) -> list[ast.expr]:
        scope = self.func if self.func is not None else self.module
        values: list[ast.expr] = []
        for node in ast.walk(scope):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
            value = getattr(node, "value", None)
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and isinstance(value, ast.expr):
                values.append(value)
        return values

    def ok(self, node: ast.expr | None, depth: int = 0) -> bool:  # noqa: C901 - one case per node kind
        if node is None or depth > 6:
            return node is None
        if isinstance(node, ast.Constant):
            return not isinstance(node.value, str) or not _has_words(node.value) or node.value in CODES
        if isinstance(node, ast.JoinedStr):  # f"{a}; {b}": parts checked where they are built
            return not any(isinstance(v, ast.Constant) and _has_words(str(v.value)) for v in node.values)
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in {"_", "ngettext"}:
                return True
            if isinstance(fn, ast.Name) and fn.id in LABEL_FUNCTIONS:
                return True  # app.core.code_labels: a stored code in the user's language
            if isinstance(fn, ast.Name) and fn.id == "localized":
                return True  # app.core.stored_text: a stored message in the user's language
            if isinstance(fn, ast.Attribute) and fn.attr in {"format", "strip", "rstrip"}:
                return self.ok(fn.value, depth + 1)
            if isinstance(fn, ast.Attribute) and fn.attr == "join":  # "; ".join(parts)
                return self.ok(fn.value, depth + 1)
            if isinstance(fn, ast.Name) and fn.id in self.local_functions:
                return True  # a helper of the module: its returns are checked as reasons
            if isinstance(fn, ast.Attribute) and fn.attr == "get" and node.args \
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value in {"reason", "status"}:
                return True  # read back from stored results
            if isinstance(fn, ast.Name) and fn.id == "str" and node.args:
                return isinstance(node.args[0], ast.Name) and node.args[0].id in self.caught
            return False
        if isinstance(node, ast.IfExp):
            return self.ok(node.body, depth + 1) and self.ok(node.orelse, depth + 1)
        if isinstance(node, ast.BoolOp):
            return all(self.ok(v, depth + 1) for v in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.ok(node.left, depth + 1) and self.ok(node.right, depth + 1)
        if isinstance(node, ast.Attribute):
            return node.attr in {"message", "fix", "reason", "note", "status", "problem"}
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "split":
            return self.ok(node.value.func.value, depth + 1)  # a part of a translated message
        if isinstance(node, ast.Name):
            if node.id in self.params:
                return True  # checked where the caller builds it
            if node.id in self.unpacked:
                return True  # ``text, problem = _helper()``: the helper's returns are checked
            values = self.assignments(node.id)
            return bool(values) and all(self.ok(v, depth + 1) for v in values)
        return False


def _functions(tree: ast.Module):  # type: ignore[no-untyped-def]
    """(enclosing function or None, call) for every call in the module."""
    def walk(node: ast.AST, func: ast.AST | None):  # type: ignore[no-untyped-def]
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else func
            if isinstance(child, ast.Call):
                yield func, child
            yield from walk(child, inner)
    yield from walk(tree, None)


def _untranslated() -> list[str]:
    trees = _trees()
    errors = _error_classes(trees)
    problems: list[str] = []
    for path, tree in trees.items():
        rel = path.relative_to(APP_ROOT.parent).as_posix()
        checkers: dict[int, _Checker] = {}
        for func, call in _functions(tree):
            name = _name(call.func)
            fname = getattr(func, "name", "<module>")
            if (rel, fname) in ALLOWED:
                continue
            checker = checkers.setdefault(id(func), _Checker(func, tree))
            suspects: list[ast.expr] = []
            if name in errors:
                pos = errors[name]
                suspects += call.args[pos:pos + 1]
                suspects += [k.value for k in call.keywords if k.arg in {"fix", "message", "reason"}]
            elif name in PROGRESS_NAMES and len(call.args) >= 2 and rel.startswith("app/"):
                suspects.append(call.args[1])
            elif name == "ProgressEvent":
                suspects += [k.value for k in call.keywords if k.arg == "message"]
            elif name == "print" and rel.startswith("app/commands/") and call.args and _literal(call.args[0]):
                suspects.append(call.args[0])  # the CLI's human output (JSON and CSV are built elsewhere)
            elif name == "_Skip":  # an event or row skipped, with the reason the user reads
                suspects += call.args[:1]
            elif isinstance(call.func, ast.Attribute) and call.func.attr == "append" \
                    and _name(call.func.value) in NOTE_LISTS and rel.startswith("app/"):
                suspects += call.args[:1]  # notes and warnings returned to the user
            if rel in REASON_FILES:
                suspects += [k.value for k in call.keywords if k.arg == "reason" and name not in errors]
                if isinstance(call.func, ast.Attribute) and call.func.attr == "append" \
                        and _name(call.func.value) == "reasons":
                    suspects += call.args[:1]
            for expr in suspects:
                if not checker.ok(expr):
                    problems.append(f"{rel}:{expr.lineno} ({fname}): {ast.unparse(expr)[:90]}")
        if rel in REASON_FILES:
            problems += _reason_assignments(tree, rel)
    return problems


def _reason_assignments(tree: ast.Module, rel: str) -> list[str]:
    """``x.reason = "..."`` in the grading pipeline: what the review queue shows."""
    problems = []
    for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        checker = _Checker(func, tree)
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "reason" for t in node.targets) \
                    and not checker.ok(node.value):
                problems.append(f"{rel}:{node.lineno} ({func.name}): {ast.unparse(node.value)[:90]}")
    return problems


def test_no_function_hides_the_gettext_underscore() -> None:
    """``for _ in ...`` or ``a, _ = ...`` in a function that also calls ``_()`` breaks it."""
    found = []
    for path, tree in _trees().items():
        if not _imports_underscore_at_top(tree):
            continue  # a function may bind its own ``_`` (a family document's catalog)
        for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]:
            if binds_underscore(func) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                    for n in ast.walk(func)):
                found.append(f"{path.name}:{func.lineno} {func.name}")
    assert not found, "rename the throwaway variable '_' in: " + ", ".join(found)


def _imports_underscore_at_top(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.ImportFrom) and n.module == "app.core.i18n" and any(a.name == "_" for a in n.names)
               for n in tree.body)



def test_every_core_message_goes_through_gettext() -> None:
    problems = _untranslated()
    assert not problems, "messages not wrapped in _():\n" + "\n".join(problems)


def test_the_checker_catches_a_plain_english_message() -> None:
    tree = ast.parse("def f(x):\n    raise E(f'{x} is wrong')\n")
    func = tree.body[0]
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    checker = _Checker(func, tree)
    assert not checker.ok(call.args[0])
    ok = ast.parse("def f(x):\n    m = _('{x} is wrong').format(x=x)\n    raise E(m)\n")
    call = next(n for n in ast.walk(ok) if isinstance(n, ast.Call) and _name(n.func) == "E")
    assert _Checker(ok.body[0], ok).ok(call.args[0])


def test_the_catalog_is_current_and_every_message_is_in_spanish() -> None:
    messages = extract()
    assert len(messages) > 300
    assert "es" in languages()
    cov = coverage("es", messages)
    print("\n" + cov.figure)
    assert not cov.missing, f"{len(cov.missing)} untranslated; run python -m app.core.i18n_catalog update, then translate:\n" + "\n".join(cov.missing[:40])
    assert not cov.fuzzy, "fuzzy (unchecked) translations:\n" + "\n".join(cov.fuzzy)
    assert not cov.bad_placeholders, "placeholders differ from the English:\n" + "\n".join(cov.bad_placeholders)


def test_core_messages_follow_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.errors import UserFacingError

    try:
        i18n.set_language("es_MX.UTF-8")
        assert i18n.get_language() == "es"
        err = UserFacingError(i18n._("file not found"), file="/tmp/x/roster.csv", line=12)
        assert str(err) == "roster.csv, línea 12: no se encontró el archivo"
        i18n.set_language("en")
        assert i18n._("file not found") == "file not found"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "es_US.UTF-8"}, "es_US.UTF-8"),
    ({"LC_ALL": "C", "LANG": "es_US.UTF-8"}, "en"),
    ({"LANGUAGE": "es:en", "LANG": "en_US.UTF-8"}, "es"),
    ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, "es_MX.UTF-8"),
    ({}, "en"),
])
def test_language_from_env(env: dict[str, str], expected: str) -> None:
    assert i18n.language_from_env(env) == expected


def test_the_cli_speaks_spanish_when_lang_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    monkeypatch.setenv("LANG", "es_US.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    try:
        code = main(["grade", "--template", str(tmp_path / "none.json"), "--key", str(tmp_path / "k.csv"),
                     str(tmp_path)])
    finally:
        i18n.set_language("en")
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("teacherdesk: ")
    assert "not found" not in err and "no such" not in err, err


# --- the command line's help ---------------------------------------------------------

HELP_KEYWORDS = ("help", "description", "epilog")


def _help_ok(node: ast.expr) -> bool:
    """A help text is ``_()``/``ngettext`` of something, ``argparse.SUPPRESS`` or wordless."""
    if isinstance(node, ast.IfExp):
        return _help_ok(node.body) and _help_ok(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in {"_", "ngettext"}
    if isinstance(node, ast.Attribute):
        return node.attr == "SUPPRESS"
    return isinstance(node, ast.Constant) and not (isinstance(node.value, str) and _has_words(node.value))


def _untranslated_help(rel: str, tree: ast.Module) -> list[str]:
    return [f"{rel}:{kw.value.lineno} {kw.arg}={ast.unparse(kw.value)[:80]}"
            for node in ast.walk(tree) if isinstance(node, ast.Call)
            for kw in node.keywords if kw.arg in HELP_KEYWORDS and not _help_ok(kw.value)]


def test_every_command_line_help_goes_through_gettext() -> None:
    """help=, description= and epilog= of every parser of ``teacherdesk`` are ``_()`` calls."""
    files = [APP_ROOT / "cli.py", *sorted((APP_ROOT / "commands").glob("*.py"))]
    problems = [p for path in files
                for p in _untranslated_help(path.relative_to(APP_ROOT.parent).as_posix(),
                                            ast.parse(path.read_text(encoding="utf-8")))]
    assert len(files) > 10
    assert not problems, "command-line help not wrapped in _():\n" + "\n".join(problems)


def test_the_help_checker_catches_plain_english() -> None:
    bad = ast.parse("p.add_argument('--x', help='the file')\n"
                    "sub.add_parser('x', description=f'do {it}')\n"
                    "p.add_argument('--y', help=_('ok') if a else 'not ok')\n"
                    "p.add_argument('--z', help=TEXT)\n")
    assert len(_untranslated_help("x.py", bad)) == 4
    good = ast.parse("p.add_argument('--x', help=_('the file'))\n"
                     "p.add_argument('--y', help=argparse.SUPPRESS if a else _('ok'))\n"
                     "p.add_argument('--z', help=_(TEXT), metavar='FILE')\n")
    assert _untranslated_help("x.py", good) == []
