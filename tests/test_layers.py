"""The layers of DESIGN §2 hold in the imports: ui → printouts/db → records → domain.

`records/` holds the plain frozen rows that services return and printouts,
reports and screens show; reports take them and never import db/.

Every module under desktop_app/ is parsed (imports inside functions count too)
and each import of another part of the program must be one its layer may use.
The basics (clock, paths, logging_setup) stand under everything and use nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app

PACKAGE = Path(desktop_app.__file__).parent
BASICS = {"clock", "paths", "logging_setup"}

# part -> the parts it may import (besides itself and the basics)
MAY_USE: dict[str, set[str]] = {
    "domain": set(),
    "records": {"domain"},
    "imports": {"domain"},
    "reports": {"records", "domain"},
    "db": {"records", "imports", "domain"},
    "printouts": {"db", "reports", "records", "domain"},
    "demo": {"db", "records", "domain"},
    "ui": {"printouts", "db", "records", "imports", "domain"},
    "app": {"ui", "demo", "printouts", "db", "reports", "records", "imports", "domain"},
}


def part_of(module: str) -> str:
    """'desktop_app.db.services.x' -> 'db'; the package itself -> ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "desktop_app":  # from desktop_app import db, ui, ...
                found += [(node.lineno, f"desktop_app.{a.name}") for a in node.names
                          if (PACKAGE / a.name).is_dir() or (PACKAGE / f"{a.name}.py").exists()]
    return [(line, m) for line, m in found if m.startswith("desktop_app.")]


def violations() -> list[str]:
    wrong: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        own = rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.stem in BASICS else ""
        if not own:  # __init__.py / __main__.py of the package: the entry, may use app
            allowed = {"app"} | BASICS
        elif own in BASICS:
            allowed = set()
        else:
            allowed = MAY_USE[own] | {own} | BASICS
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in imported_modules(tree):
            target = part_of(module)
            if target and target not in allowed:
                wrong.append(f"{rel}:{line} ({own or 'package'}) imports {module}")
    return wrong


def test_every_part_is_known() -> None:
    parts = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert parts == set(MAY_USE)


def test_imports_go_down_the_layers_only() -> None:
    assert violations() == []
