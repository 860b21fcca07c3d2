"""The suite's shape: no test module imports another test module or a conftest.

Shared data builders live in tests/support/ (plain modules) and shared fixtures in the
conftests; a test module that imported another would run that module's tests' set-up
code twice and tie the files together (issue 13: the suite shares nothing between tests).
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_forbidden(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ("." * node.level) + (node.module or "")
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}".lstrip(".")) for alias in node.names]
    return found


def test_no_test_module_or_conftest_is_imported_anywhere_in_the_suite() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, module in _imported_modules(tree):
            if _is_forbidden(module):
                offenders.append(f"{path.relative_to(TESTS.parent)}:{line} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_the_check_sees_the_imports_it_forbids() -> None:
    code = ("from tests.db.test_users import X\nimport tests.ui.conftest\n"
            "from tests.ui import conftest\nfrom .test_x import y\nfrom tests.support import db\n")
    found = [m for _line, m in _imported_modules(ast.parse(code)) if _is_forbidden(m)]
    assert found == ["tests.db.test_users", "tests.ui.conftest", "tests.ui.conftest", ".test_x"]
