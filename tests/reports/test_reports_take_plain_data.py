"""reports/ and imports/ take plain data (DESIGN §2 layers): no database, no UI, no printouts.

Every module is parsed with `ast`; an import of another part of the program
or of the database libraries fails the test, even one for type hints only
(`if TYPE_CHECKING:`). The rows a report takes live in `desktop_app/records/`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app.imports
import desktop_app.reports

REPORTS = sorted(Path(desktop_app.reports.__file__).parent.glob("*.py"))
IMPORTS = sorted(Path(desktop_app.imports.__file__).parent.glob("*.py"))
NOT_FOR_REPORTS = ("desktop_app.db", "desktop_app.ui", "desktop_app.printouts", "desktop_app.app",
                   "desktop_app.demo", "desktop_app.imports", "sqlmodel", "sqlalchemy", "PySide6")
NOT_FOR_IMPORTS = ("desktop_app.db", "desktop_app.ui", "desktop_app.printouts", "desktop_app.app",
                   "desktop_app.demo", "desktop_app.reports", "sqlmodel", "sqlalchemy", "PySide6")
def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported module, only for type hints) for every import anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    type_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node)
                 for stmt in node.body for n in ast.walk(stmt)}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in type_only) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in type_only))
            if node.module == "desktop_app":
                found += [(f"desktop_app.{a.name}", id(node) in type_only) for a in node.names]
    return found


def _forbidden(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_a_report_imports_no_database_ui_or_printouts(path: Path) -> None:
    assert [m for m, _type_only in imports_of(path) if _forbidden(m, NOT_FOR_REPORTS)] == []


@pytest.mark.parametrize("path", IMPORTS, ids=lambda p: p.name)
def test_a_spreadsheet_reader_imports_only_the_domain(path: Path) -> None:
    assert [m for m, _t in imports_of(path) if _forbidden(m, NOT_FOR_IMPORTS)] == []


def test_the_checker_sees_imports() -> None:
    reports = Path(desktop_app.reports.__file__).parent
    assert ("desktop_app.domain.months", False) in imports_of(reports / "complaint_figures.py")
    assert ("desktop_app.records.survey_rows", True) in imports_of(reports / "monthly_xlsx.py")


def test_loading_every_report_and_reader_loads_no_database_or_ui() -> None:
    names = [f"desktop_app.reports.{p.stem}" for p in REPORTS] + [
        f"desktop_app.imports.{p.stem}" for p in IMPORTS]
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n    importlib.import_module(name)\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlmodel', 'sqlalchemy', 'PySide6') or m.startswith(('desktop_app.db', 'desktop_app.ui')))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(desktop_app.reports.__file__).parents[2])
    assert result.stdout.strip() == ""
