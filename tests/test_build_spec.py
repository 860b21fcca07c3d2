"""The Windows build's recipe: spec (windowed and console exe, one folder), version information, icon,
installer, make target, CI.

The build itself runs in CI (`make bundle` + the bundle's `--self-test`); these
checks are quick and catch a recipe that drifted from the program.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

from desktop_app import APP_ID, APP_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build_spec"
SPEC = BUILD / "desktop_app.spec"

_loader = importlib.util.spec_from_file_location("build_spec_version_info", BUILD / "version_info.py")
version_info = importlib.util.module_from_spec(_loader)
_loader.loader.exec_module(version_info)


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"))


def _spec_literal(name: str):
    for node in _spec_tree().body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not in the spec")


def _spec_functions(*names: str) -> dict:
    """The spec's helper functions (and the constants they use), without running PyInstaller."""
    tree = _spec_tree()
    keep = [n for n in tree.body
            if (isinstance(n, ast.FunctionDef) and n.name in names)
            or (isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "_DROP" for t in n.targets))]
    namespace: dict = {"Path": Path}
    exec(compile(ast.Module(keep, type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace


def _calls(call_name: str) -> list[ast.Call]:
    """Every top-level `name = CALL(...)` of the spec, in order."""
    return [node.value for node in _spec_tree().body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == call_name]


def _assigned_name(call_name: str) -> list[str]:
    """The variables the spec assigns `CALL(...)` results to, in order."""
    return [node.targets[0].id for node in _spec_tree().body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == call_name]


def _exe_keywords(call: ast.Call) -> dict[str, ast.expr]:
    """An EXE(...) call's keywords, with those it takes from `**_EXE_OPTIONS` (a `dict(...)`)."""
    keywords: dict[str, ast.expr] = {}
    for k in call.keywords:
        if k.arg is not None:
            keywords[k.arg] = k.value
            continue
        assert getattr(k.value, "id", None) == "_EXE_OPTIONS", ast.unparse(k.value)
        (options,) = [node.value for node in _spec_tree().body if isinstance(node, ast.Assign)
                      and any(getattr(t, "id", None) == "_EXE_OPTIONS" for t in node.targets)]
        assert isinstance(options, ast.Call) and getattr(options.func, "id", None) == "dict"
        shared = {o.arg: o.value for o in options.keywords}
        assert not shared.keys() & keywords.keys()
        keywords.update(shared)
    return keywords


def _exes() -> dict[str, dict[str, ast.expr]]:
    """The EXE(...) calls' keywords, by the constant naming each exe (EXE_NAME, CLI_EXE_NAME)."""
    exes = {}
    for call in _calls("EXE"):
        keywords = _exe_keywords(call)
        exes[getattr(keywords["name"], "id", None)] = keywords
    return exes


def test_one_folder_windowed_and_console_exes_with_icon_and_version() -> None:
    exes = _exes()
    assert len(_calls("EXE")) == 2 and set(exes) == {"EXE_NAME", "CLI_EXE_NAME"}
    assert _spec_literal("EXE_NAME") == "fwqz"
    assert _spec_literal("CLI_EXE_NAME") == "fwqz-cli"
    assert ast.literal_eval(exes["EXE_NAME"]["console"]) is False  # what the shortcuts open
    assert ast.literal_eval(exes["CLI_EXE_NAME"]["console"]) is True  # cmd, PowerShell, Task Scheduler
    for exe in exes.values():
        assert ast.literal_eval(exe["exclude_binaries"]) is True  # one folder, not one file
        assert ast.literal_eval(exe["upx"]) is False
        assert getattr(exe["strip"], "id", None) == "STRIP"
        assert "app.ico" in ast.unparse(exe["icon"])
    assert getattr(exes["EXE_NAME"]["version"], "id", None) == "version_file"
    assert getattr(exes["CLI_EXE_NAME"]["version"], "id", None) == "cli_version_file"


def test_both_exes_run_the_same_program_from_one_analysis() -> None:
    (analysis,), (analysis_name,) = _calls("Analysis"), _assigned_name("Analysis")
    assert "__main__.py" in ast.unparse(analysis.args[0])
    main = (ROOT / "desktop_app" / "__main__.py").read_text(encoding="utf-8")
    assert "from desktop_app.app.cli import main" in main
    (pyz,), (pyz_name,) = _calls("PYZ"), _assigned_name("PYZ")
    assert ast.unparse(pyz.args[0]) == f"{analysis_name}.pure"
    for call in _calls("EXE"):  # the same archive and scripts: the same entry point
        assert [ast.unparse(arg) for arg in call.args[:2]] == [pyz_name, f"{analysis_name}.scripts"]


def test_one_collect_holds_both_exes_and_one_copy_of_the_libraries() -> None:
    (collect,) = _calls("COLLECT")
    (analysis_name,) = _assigned_name("Analysis")
    args = [ast.unparse(arg) for arg in collect.args]
    assert args == [*_assigned_name("EXE"), f"{analysis_name}.binaries", f"{analysis_name}.datas"]
    keywords = {k.arg: k.value for k in collect.keywords}
    assert getattr(keywords["name"], "id", None) == "EXE_NAME"  # the folder: dist/fwqz
    assert ast.literal_eval(keywords["upx"]) is False


def test_each_exe_gets_its_own_version_information() -> None:
    calls = [node for node in ast.walk(_spec_tree()) if isinstance(node, ast.Call)
             and getattr(node.func, "id", None) == "write_version_file"]
    by_exe = {getattr({k.arg: k.value for k in call.keywords}["exe_name"], "id", None): call for call in calls}
    assert len(calls) == 2 and set(by_exe) == {"EXE_NAME", "CLI_EXE_NAME"}
    assert len({ast.unparse(call.args[0]) for call in calls}) == 2  # two files, not one overwritten
    cli = {k.arg: ast.unparse(k.value) for k in by_exe["CLI_EXE_NAME"].keywords}
    assert "命令行" in cli["description"]


def _pyside_modules_used() -> set[str]:
    used: set[str] = set()
    for path in (ROOT / "desktop_app").rglob("*.py"):
        used.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return used


def test_nothing_the_program_imports_is_excluded() -> None:
    excludes = set(_spec_literal("excludes"))
    used = {f"PySide6.{m}" for m in _pyside_modules_used()}
    assert used, "the scan found no PySide6 imports"
    assert not used & excludes
    assert "PySide6.QtNetwork" not in excludes  # the single-instance check's local socket
    for heavy in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
                  "PySide6.QtMultimedia", "PySide6.QtCharts", "tkinter"):
        assert heavy in excludes


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\platforms\\qoffscreen.dll", True),
    ("PySide6\\plugins\\printsupport\\windowsprintersupport.dll", True),
    ("PySide6\\Qt6Pdf.dll", True),
    ("PySide6\\Qt6Network.dll", True),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6\\translations\\qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\translations\\qt_fr.qm", False),
    ("PySide6\\plugins\\platforminputcontexts\\qtvirtualkeyboardplugin.dll", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6\\Qt6Quick.dll", False),
    ("PySide6/Qt/lib/libQt6Qml.so.6", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("resources/fonts/wqy-microhei.ttc", True),
])
def test_only_unused_qt_parts_are_dropped(dest: str, kept: bool) -> None:
    assert _spec_functions("_keep")["_keep"](dest) is kept


def test_data_files_carry_font_icons_and_every_migration() -> None:
    data_files = _spec_functions("_data_files")["_data_files"]
    resources = {Path(src).relative_to(ROOT).as_posix(): dest
                 for src, dest in data_files(ROOT / "resources", "resources")}
    assert resources["resources/fonts/wqy-microhei.ttc"] == str(Path("resources/fonts"))
    assert "resources/fonts/LICENSE-wqy-microhei.txt" in resources
    assert "resources/icons/app.ico" in resources
    migrations = {Path(src).relative_to(ROOT).as_posix(): dest
                  for src, dest in data_files(ROOT / "db" / "migrations", "db/migrations",
                                              skip_names=("script.py.mako",))}
    assert "db/migrations/env.py" in migrations
    for version in (ROOT / "db" / "migrations" / "versions").glob("*.py"):
        assert migrations[version.relative_to(ROOT).as_posix()] == str(Path("db/migrations/versions"))
    assert not any("__pycache__" in src or src.endswith(".pyc") for src in migrations)
    assert "db/migrations/script.py.mako" not in migrations  # only for writing new migrations


@pytest.mark.parametrize("text, numbers", [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.3.7", (2, 0, 3, 7)),
    ("1.4.0rc1", (1, 4, 0, 0)), ("1.4.0+local", (1, 4, 0, 0)),
])
def test_version_tuple(text: str, numbers: tuple[int, ...]) -> None:
    assert version_info.version_tuple(text) == numbers


def test_version_tuple_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        version_info.version_tuple("dev")


class _Recorder:
    """Stands in for PyInstaller's Windows-only classes: keeps its arguments."""

    def __init__(self, *args, **kwargs) -> None:
        self.args, self.kwargs = args, kwargs


def test_version_information_follows_the_program_version(tmp_path: Path) -> None:
    path = version_info.write_version_file(
        tmp_path / "v.txt", version=__version__, product=APP_NAME, exe_name="fwqz")
    text = path.read_text(encoding="utf-8")
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    made = eval(text, {name: type(name, (_Recorder,), {}) for name in names})  # noqa: S307
    fixed = made.kwargs["ffi"].kwargs
    assert fixed["filevers"] == fixed["prodvers"] == version_info.version_tuple(__version__)
    table = made.kwargs["kids"][0].args[0][0]
    assert table.args[0] == "080404B0"  # 中文（中国）, Unicode
    strings = {s.args[0]: s.args[1] for s in table.args[1]}
    assert strings["ProductName"] == strings["FileDescription"] == APP_NAME
    assert strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "fwqz.exe"


def test_console_exe_version_information_names_itself(tmp_path: Path) -> None:
    text = version_info.write_version_file(
        tmp_path / "v.txt", version=__version__, product=APP_NAME, exe_name="fwqz-cli",
        description=f"{APP_NAME}（命令行）").read_text(encoding="utf-8")
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    made = eval(text, {name: type(name, (_Recorder,), {}) for name in names})  # noqa: S307
    strings = {s.args[0]: s.args[1] for s in made.kwargs["kids"][0].args[0][0].args[1]}
    assert strings["FileDescription"] == f"{APP_NAME}（命令行）"  # Task Manager tells the two apart
    assert strings["ProductName"] == APP_NAME  # one product
    assert strings["OriginalFilename"] == "fwqz-cli.exe"
    assert strings["InternalName"] == "fwqz-cli"


def test_version_information_loads_in_pyinstaller_where_it_can(tmp_path: Path) -> None:
    pytest.importorskip("pefile")  # PyInstaller's version classes exist on Windows only
    from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file

    path = version_info.write_version_file(
        tmp_path / "v.txt", version=__version__, product=APP_NAME, exe_name="fwqz")
    assert APP_NAME in str(load_version_info_from_text_file(str(path)))


def test_icon_has_every_windows_size() -> None:
    image_module = pytest.importorskip("PIL.Image")
    with image_module.open(ROOT / "resources" / "icons" / "app.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(s, s) for s in (16, 24, 32, 48, 256)} <= set(sizes)
    with image_module.open(ROOT / "resources" / "icons" / "app.png") as png:
        assert png.size == (256, 256)


def _iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in (BUILD / "installer.iss").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_installer_installs_both_exes_with_shortcuts_only_to_the_windowed_one() -> None:
    sections = _iss_sections()
    setup = "\n".join(sections["Setup"])
    assert "DefaultDirName={autopf}\\" in setup
    assert re.search(r"AppId=\{\{[0-9A-F-]{36}\}", setup)
    assert "SetupIconFile=..\\resources\\icons\\app.ico" in setup
    files = "\n".join(sections["Files"])
    assert 'Source: "{#BundleDir}\\*"' in files and "recursesubdirs" in files
    assert 'Excludes:' not in files  # the whole folder: fwqz.exe, fwqz-cli.exe, _internal
    icons = "\n".join(sections["Icons"])
    assert "{autoprograms}" in icons and "{autodesktop}" in icons
    for line in sections["Icons"] + sections["Run"]:  # the console exe gets no shortcut
        assert 'Filename: "{app}\\{#ExeName}"' in line and "Cli" not in line and "fwqz-cli" not in line
    text = (BUILD / "installer.iss").read_text(encoding="utf-8")
    assert '#define ExeName "fwqz.exe"' in text and '#define AppName "服务群众工作台"' in text
    assert '#define CliExeName "fwqz-cli.exe"' in text
    assert re.search(r"#if !FileExists\(.*CliExeName\)\s*#error", text)  # no installer without it
    assert 'BundleDir "..\\dist\\fwqz"' in text


def test_installer_never_touches_the_data_folder() -> None:
    sections = _iss_sections()
    assert "UninstallDelete" not in sections
    for line in sections.get("InstallDelete", []):
        assert 'Name: "{app}\\' in line  # only the program folder
    code = "\n".join(line for name, lines in sections.items() if name != "Messages" for line in lines)
    for data_place in ("{localappdata}", "{userappdata}", "{app}\\..", APP_ID):
        assert data_place not in code
    assert APP_ID in (BUILD / "installer.iss").read_text(encoding="utf-8")  # named in the notes


def test_make_bundle_and_ci() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["project"]["optional-dependencies"]["build"]
    assert any(re.fullmatch(r"pyinstaller==[\d.]+", dep) for dep in build)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^bundle: ", makefile, re.M)
    assert "build_spec/desktop_app.spec" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    windowed = "QT_QPA_PLATFORM=offscreen dist/fwqz/fwqz --self-test"
    console = "QT_QPA_PLATFORM=offscreen dist/fwqz/fwqz-cli --self-test"
    assert commands.index("make test") < commands.index("make bundle") < commands.index(windowed)
    assert commands.index("make bundle") < commands.index(console)
    assert "set -euo pipefail" in commands  # a failing self-test fails CI
