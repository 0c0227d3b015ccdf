"""The core stays free of Qt, so it runs from the CLI, tests and benchmarks alone."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ["app/grading", "app/scheduling", "app/reports", "app/store"]
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_core_packages_never_import_qt() -> None:
    offenders = []
    for package in CORE:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
                if name.startswith("app.ui"):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == [], "\n".join(offenders)


def test_importing_the_whole_core_loads_no_qt() -> None:
    """Stronger than the static check: transitive imports must not pull Qt in either."""
    modules = []
    for package in CORE:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            if rel.name == "env" and "migrations" in rel.parts:
                continue  # Alembic's env script runs only inside a migration
            if "versions" in rel.parts:
                continue
            modules.append(".".join(rel.parts).removesuffix(".__init__"))
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("argv", "absent"), [
    # `teacherdesk --help` and app start-up stay fast: OpenCV, OR-Tools, ReportLab load lazily.
    (None, ("cv2", "ortools", "reportlab", "pypdfium2", "numpy")),
    # A command builds only its own parsers (a timetable solve starts in a tenth of a second).
    (["timetable", "solve", "x.fet"], ("app.commands.grading", "app.commands.calendar", "app.commands.roster",
                                       "babel.dates")),
])
def test_building_the_parser_does_not_import(argv: list[str] | None, absent: tuple[str, ...]) -> None:
    code = (
        "import sys\n"
        "from app.cli import build_parser\n"
        f"build_parser({argv!r})\n"
        f"loaded = [m for m in {absent!r} if m in sys.modules]\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- layering, cycles and the one writer ----------------------------------------------------

# Lower layers never import higher ones: app.core < app.store < app.grading, app.reports,
# app.scheduling < app.commands, app.ui. (Same-layer imports are fine; cycles are not.)
LAYERS: tuple[tuple[str, int], ...] = (
    ("app.core", 0), ("app.paths", 0), ("app.i18n", 0),
    ("app.store", 1),
    ("app.grading", 2), ("app.reports", 2), ("app.scheduling", 2),
    ("app.commands", 3), ("app.ui", 3), ("app.cli", 3),
)
# Known cycles being removed on other branches; nothing may be added here.
KNOWN_CYCLES: list[set[str]] = []


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _all_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in (ROOT / "app").rglob("*.py") if "versions" not in p.parts}


def _runtime_imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Every app module ``path`` imports at run time (function-level imports included,
    ``if TYPE_CHECKING:`` blocks and its own parent packages left out)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    typing_only = {id(n) for block in ast.walk(tree)
                   if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                   for n in ast.walk(block)}
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    resolved = set()
    for name in found:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != me and not me.startswith(name + "."):
            resolved.add(name)
    return resolved


def _graph() -> dict[str, set[str]]:
    modules = _all_modules()
    return {name: _runtime_imports(path, modules) for name, path in modules.items()}


def _layer(module: str) -> int | None:
    for prefix, layer in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return None


def test_layers_only_import_downwards() -> None:
    offenders = []
    for module, deps in sorted(_graph().items()):
        mine = _layer(module)
        for dep in sorted(deps):
            theirs = _layer(dep)
            if mine is not None and theirs is not None and theirs > mine:
                offenders.append(f"{module} imports {dep}")
    assert offenders == [], "\n".join(offenders)


def test_no_import_cycles_between_modules() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(component)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    unexpected = [sorted(c) for c in cycles if c not in KNOWN_CYCLES]
    assert unexpected == [], unexpected


def test_lower_layers_name_no_higher_module_in_a_string() -> None:
    """No importlib/string imports around the layering (e.g. the store naming a scheduling module)."""
    pattern = re.compile(r"""["'](app\.(?:grading|reports|scheduling|commands|ui)(?:\.\w+)*)["']""")
    offenders = []
    for package in ("app/core", "app/store"):
        for path in (ROOT / package).rglob("*.py"):
            for match in pattern.finditer(path.read_text("utf-8")):
                offenders.append(f"{path.relative_to(ROOT)} names {match.group(1)}")
    assert offenders == [], "\n".join(offenders)


def _is_select(call: ast.Call) -> bool:
    """``s.execute(select(...))`` reads; any other execute may write."""
    if call.func.attr != "execute" or not call.args:  # type: ignore[attr-defined]
        return False
    arg = call.args[0]
    while isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute):
        arg = arg.func.value  # select(...).join(...).where(...)
    return isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "select"


WRITE_CALLS = {"add", "add_all", "commit", "execute", "delete", "merge", "flush", "bulk_save_objects"}


def test_the_gui_writes_only_through_services() -> None:
    """No page opens a write transaction or writes rows: app/ui calls services (run_op)."""
    offenders = []
    for path in sorted((ROOT / "app/ui").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        sessions: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.With):
                for item in node.items:
                    call = item.context_expr
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
                        if call.func.attr == "session":
                            offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} opens a write session")
                        if call.func.attr in ("session", "read") and isinstance(item.optional_vars, ast.Name):
                            sessions.add(item.optional_vars.id)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITE_CALLS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in sessions | {"session", "s"}
                    and not _is_select(node)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {node.func.value.id}.{node.func.attr}")
    assert offenders == [], "\n".join(offenders)


def test_pdf_fonts_are_registered_in_one_place() -> None:
    """Every PDF writer uses app.core.pdf_fonts; none registers fonts its own way."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if "registerFont(" in p.read_text("utf-8") and p != ROOT / "app/core/pdf_fonts.py"]
    assert offenders == []


# --- services that write are run by the one writer ------------------------------------------


def _returns_done(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return node.returns is not None and re.match(r"^Done\b", ast.unparse(node.returns)) is not None


def _writing_services() -> dict[str, set[str]]:
    """Per core module, the names of its use cases that write (functions returning ``Done``),
    re-exports (``from x import f as f``) included."""
    found: dict[str, set[str]] = {}
    trees = {name: ast.parse(path.read_text("utf-8")) for name, path in _all_modules().items()
             if not name.startswith(("app.ui", "app.commands"))}
    for name, tree in trees.items():
        found[name] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                       and _returns_done(n)}
    for _ in range(3):  # re-exports of re-exports
        for name, tree in trees.items():
            for node in tree.body:
                if isinstance(node, ast.ImportFrom) and node.module in found:
                    found[name] |= {a.asname or a.name for a in node.names if a.name in found[node.module]}
    return found


def _work_of(call: ast.Call) -> ast.AST | None:
    """What a call hands to a worker thread: run_task's/Task's first argument, a
    TaskDialog's ``dialog.run`` first argument, run_long_op's ``work`` (its ``save=`` runs
    on the UI thread)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ("run_task", "Task") and call.args:
        return call.args[0]
    if name == "run_long_op" and len(call.args) > 1:
        return call.args[1]
    if (name == "run" and isinstance(func, ast.Attribute) and "dialog" in ast.unparse(func.value).lower()
            and call.args):
        return call.args[0]
    return None


def _service_refs(tree: ast.Module, services: dict[str, set[str]]) -> tuple[set[str], dict[str, set[str]]]:
    """Local names bound to writing services, and module aliases with the services they hold."""
    funcs: set[str] = set()
    mods: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name in services.get(node.module, ()):
                    funcs.add(local)
                elif f"{node.module}.{alias.name}" in services:
                    mods[local] = services[f"{node.module}.{alias.name}"]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in services:
                    mods[alias.asname] = services[alias.name]
    return funcs, mods


def _names_service(node: ast.AST, funcs: set[str], mods: dict[str, set[str]]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in funcs
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.attr in mods.get(node.value.id, ()))


def _adaptors(tree: ast.Module) -> set[int]:
    """Nodes inside a local function taking the workspace first (``def edit(ws, ...)``):
    an adaptor handed to run_op, so the service it calls runs there."""
    inside: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and fn.args.args and fn.args.args[0].arg == "ws":
            inside.update(id(n) for n in ast.walk(fn))
    return inside


def test_the_gui_runs_writing_services_only_through_the_writer() -> None:
    """A use case that writes (returns ``Done``) is never called directly from app/ui nor
    handed to a worker: it goes through run_op, the UI thread's single writer, which also
    emits its changes once. (tests/ui/conftest.py checks the same at run time: a write
    transaction opened off the UI thread fails the GUI test.)"""
    services = _writing_services()
    assert sum(map(len, services.values())) > 50  # the check sees the services it guards
    offenders = []
    for path in sorted((ROOT / "app/ui").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        funcs, mods = _service_refs(tree, services)
        adaptors = _adaptors(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if _names_service(node.func, funcs, mods) and id(node) not in adaptors:
                offenders.append(f"{where} calls {ast.unparse(node.func)} directly (use run_op)")
            work = _work_of(node)
            if work is not None and _names_service(work, funcs, mods):
                offenders.append(f"{where} runs {ast.unparse(work)} on a worker thread")
    assert offenders == [], "\n".join(offenders)


# --- the app uses each feature's public API ---------------------------------------------------

# What app/ui may import from the core's feature packages: each feature's services (its use
# cases, plus the reads its pages need), small public read modules, and plain types and pure
# functions (models of a timetable, a template, a key). A feature's storage internals
# (``*_store``, ``timetable.store``, ``roster_rows``, ``undo``, ``keys``, ``database``, the
# roster parsers) are reached only through these. Add a module here only if it is such an API.
UI_PUBLIC_API = frozenset({
    # store: the workspace, its services and plain models
    "app.store", "app.store.audit_text", "app.store.backup", "app.store.backup_folder", "app.store.convert",
    "app.store.lock",
    "app.store.models", "app.store.models.calendar", "app.store.protection", "app.store.recovery_sheet",
    "app.store.roster", "app.store.roster.languages", "app.store.roster_service", "app.store.school_days",
    # grading
    "app.grading.service", "app.grading.exams", "app.grading.analysis", "app.grading.batch",
    "app.grading.builder", "app.grading.exam_analysis", "app.grading.exam_camera", "app.grading.exam_scan",
    "app.grading.exam_template", "app.grading.images", "app.grading.keys", "app.grading.question_view",
    "app.grading.read", "app.grading.results", "app.grading.scan_inputs", "app.grading.sheet_pdf",
    "app.grading.template",
    # reports and the gradebook
    "app.reports.gradebook_service", "app.reports.export_service", "app.reports.batch", "app.reports.comments",
    "app.reports.data", "app.reports.gradebook", "app.reports.policy", "app.reports.progress_pdf",
    # scheduling
    "app.scheduling.calendar_service", "app.scheduling.conference_service", "app.scheduling.school_year_service",
    "app.scheduling.timetable_service", "app.scheduling.conference_pdf", "app.scheduling.conferences",
    "app.scheduling.counselor", "app.scheduling.demo", "app.scheduling.ical_export", "app.scheduling.ical_import",
    "app.scheduling.school_calendar", "app.scheduling.timetable", "app.scheduling.timetable.evaluate",
    "app.scheduling.timetable.from_workspace", "app.scheduling.timetable.generate",
    "app.scheduling.timetable.model", "app.scheduling.timetable.pdf", "app.scheduling.timetable.rules",
    "app.scheduling.timetable.solver", "app.scheduling.timetable.views",
})
FEATURE_PACKAGES = ("app.store", "app.grading", "app.reports", "app.scheduling")
INTERNAL = re.compile(r"(_store$|\.store$|\.roster_rows$|\.undo$|\.keys$|\.database$|\.opening$|\.migrations)")


def test_the_gui_uses_only_the_features_public_api() -> None:
    # app.store is the package (open/create a workspace); app.grading.keys are answer keys.
    assert not [m for m in UI_PUBLIC_API if INTERNAL.search(m) and m not in ("app.store", "app.grading.keys")]
    offenders = []
    for module, deps in sorted(_graph().items()):
        if not module.startswith("app.ui"):
            continue
        for dep in sorted(deps):
            if dep.startswith(FEATURE_PACKAGES) and dep not in UI_PUBLIC_API:
                offenders.append(f"{module} imports {dep}")
    assert offenders == [], "\n".join(offenders)


def test_the_gui_never_parses_progress_text() -> None:
    """Progress callbacks in app/ui may show the core's message, never read figures or
    stages out of it (``message.startswith("Best timetable")``): figures come as
    structured ProgressEvents (a key and numbers), see app/ui/shell/progress_text.py."""
    offenders = []
    for path in sorted((ROOT / "app/ui").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.Lambda):
                continue
            params = [a.arg for a in fn.args.args if a.arg != "self"]
            name = getattr(fn, "name", "")
            if len(params) < 2 or not ("progress" in name or params[1] in ("message", "m", "msg", "text")
                                       and params[0] in ("fraction", "f")):
                continue
            message = params[1]
            for node in ast.walk(fn):
                uses = (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                        and node.value.id == message)
                compared = isinstance(node, ast.Compare) and any(
                    isinstance(n, ast.Name) and n.id == message for n in [node.left, *node.comparators])
                if uses or compared:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} reads the progress text {message!r}")
    assert offenders == [], "\n".join(offenders)
