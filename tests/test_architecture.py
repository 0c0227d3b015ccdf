"""The core stays free of Qt, so it runs from the CLI, tests and benchmarks alone."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

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


def test_cli_help_does_not_import_heavy_libraries() -> None:
    """`teacherdesk --help` and app start-up stay fast: OpenCV, OR-Tools, ReportLab load lazily."""
    code = (
        "import sys\n"
        "from app.cli import build_parser\n"
        "build_parser()\n"
        "heavy = [m for m in ('cv2', 'ortools', 'reportlab', 'pypdfium2', 'numpy') if m in sys.modules]\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
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
