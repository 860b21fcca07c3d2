"""Tabs stand apart (issue 13): no tab package imports another, at the top of a module or
inside a function; among the modules directly under desktop_app/ui only the main window
imports the tab packages. One tab's window leads into another's through the navigator
(`desktop_app.ui.navigation`), which the main window fills.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
TABS = ("complaints", "followups", "inspections", "satisfaction", "settings")
HOSTS = {"main_window.py"}  # the one ui/ top-level module that may import the tabs


def _tab_of(module: str) -> str | None:
    """The tab package a dotted module name lies in, or None."""
    parts = module.split(".")
    if parts[:2] == ["desktop_app", "ui"] and len(parts) > 2 and parts[2] in TABS:
        return parts[2]
    return None


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside a function) for every import in the file."""
    package = ".".join(path.relative_to(UI.parent.parent).with_suffix("").parts[:-1])
    return _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(source: str, package: str) -> list[tuple[str, int, bool]]:
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:  # relative: resolve against the module's package
                    parts = package.split(".")
                    base = parts[:len(parts) - child.level + 1]
                    module = ".".join(base + ([child.module] if child.module else []))
                else:
                    module = child.module or ""
                found.append((module, child.lineno, in_function))
                if module == "desktop_app.ui":  # from desktop_app.ui import complaints
                    found.extend((f"{module}.{alias.name}", child.lineno, in_function)
                                 for alias in child.names)
            visit(child, in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(source), False)
    return found


def _tab_modules() -> list[tuple[str, Path]]:
    return [(tab, path) for tab in TABS for path in sorted((UI / tab).rglob("*.py"))]


def test_the_tab_packages_are_where_this_test_looks() -> None:
    for tab in TABS:
        assert (UI / tab / "tab.py").is_file(), tab
        assert (UI / tab / "printing.py").is_file() or tab == "settings", tab
    assert len(_tab_modules()) > 40


@pytest.mark.parametrize("tab", TABS)
def test_no_tab_imports_another_tab(tab: str) -> None:
    crossings = [f"{path.relative_to(UI)}:{line} imports {module}"
                 for own, path in _tab_modules() if own == tab
                 for module, line, _inside in _imports(path)
                 if _tab_of(module) not in (None, tab)]
    assert crossings == []


def test_only_the_main_window_imports_the_tabs() -> None:
    hosts = sorted(path.name for path in UI.glob("*.py")
                   if any(_tab_of(module) for module, _line, _inside in _imports(path)))
    assert set(hosts) <= HOSTS, hosts
    assert hosts == ["main_window.py"]
    assert not any(_tab_of(m) for m, _l, _i in _imports(UI / "navigation.py"))


def test_no_function_imports_its_way_into_another_tab() -> None:
    """A lazy import must not be the way around a circle between tabs (or into one)."""
    lazy = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(UI)
        own = rel.parts[0] if len(rel.parts) > 1 and rel.parts[0] in TABS else None
        lazy += [f"{rel}:{line} imports {module}" for module, line, inside in _imports(path)
                 if inside and _tab_of(module) not in (None, own)]
    assert lazy == []


def test_the_checker_sees_a_crossing() -> None:
    """The import walk finds top-level, nested and relative imports."""
    source = ("import desktop_app.ui.followups.tab\n"
              "def f():\n    from ..inspections import tab\n"
              "    from desktop_app.ui import satisfaction\n")
    modules = [(m, inside) for m, _line, inside
               in _imports_in(source, "desktop_app.ui.complaints")]
    assert ("desktop_app.ui.followups.tab", False) in modules
    assert ("desktop_app.ui.inspections", True) in modules
    assert ("desktop_app.ui.satisfaction", True) in modules
