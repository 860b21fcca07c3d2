"""The UI has one row table model: `RowTableModel` is defined once, in ui/widgets/tables.py."""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app

ROOT = Path(desktop_app.__file__).parent


def test_row_table_model_is_defined_once_in_the_kit():
    homes = [path.relative_to(ROOT).as_posix() for path in sorted(ROOT.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.ClassDef) and node.name == "RowTableModel"]
    assert homes == ["ui/widgets/tables.py"]
