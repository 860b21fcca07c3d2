"""domain/ stays pure (STYLE.md layering): no Qt, no SQLModel/SQLAlchemy, no clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app.domain

DOMAIN_DIR = Path(desktop_app.domain.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "sqlmodel", "sqlalchemy")
CLOCK_CALLS = {"today", "now", "utcnow", "time", "monotonic", "perf_counter"}
MODULES = sorted(DOMAIN_DIR.glob("*.py"))
# Pre-existing enums in roles.py (owned elsewhere) that still lack a docstring.
KNOWN_UNDOCUMENTED: set[tuple[str, str]] = set()


def _imported_names(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_there_are_modules() -> None:
    assert {p.stem for p in MODULES} >= {
        "defaults", "workdays", "deadlines", "followup", "inspections", "validation",
    }


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_forbidden_imports(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [n for n in _imported_names(tree) if n.split(".")[0] in FORBIDDEN]
    assert bad == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_clock_reads(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        ast.unparse(node.func)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CLOCK_CALLS
    ]
    assert calls == []
    assert "time" not in [n.split(".")[0] for n in _imported_names(tree)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_has_docstring(path: Path) -> None:
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))


def test_importing_domain_loads_no_gui_or_database() -> None:
    modules = ", ".join(f"desktop_app.domain.{p.stem}" for p in MODULES if p.stem != "__init__")
    code = (
        "import sys, importlib\n"
        f"for name in '{modules}'.split(', '):\n"
        "    importlib.import_module(name)\n"
        "from desktop_app.domain.workdays import builtin_calendar\n"
        "builtin_calendar()\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=DOMAIN_DIR.parent.parent,
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_public_functions_and_classes_have_docstrings(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = [
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
        and not node.name.startswith("_")
        and not ast.get_docstring(node)
        and (path.name, node.name) not in KNOWN_UNDOCUMENTED
    ]
    assert missing == []
