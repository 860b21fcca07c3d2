"""`python -m desktop_app --self-test` from source: the same check CI runs in the bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


from desktop_app import APP_ID
from desktop_app.app.selftest import FAIL_ENV, STEPS, run_self_test

ROOT = Path(__file__).resolve().parents[2]


def _isolated_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A home, data, log and temp folder of the test's own, to prove none is used but temp."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {key: value for key, value in os.environ.items() if key != FAIL_ENV}
    env.update({
        "HOME": str(home), "USERPROFILE": str(home),
        "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
        "LOCALAPPDATA": str(home / "local"), "APPDATA": str(home / "roaming"),
        "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp),
    })
    env.update(extra)
    return env


def _self_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--self-test"],
        capture_output=True, text=True, encoding="utf-8", timeout=180, env=env, cwd=ROOT,
    )


def _untouched(tmp_path: Path) -> None:
    """No data or log folder of the program was made, and the temporary folder is gone."""
    made = [p for p in (tmp_path / "home").rglob("*") if APP_ID in p.name]
    assert made == []
    assert list((tmp_path / "tmp").iterdir()) == []


def test_self_test_passes_with_one_line_and_leaves_nothing_behind(tmp_path: Path) -> None:
    env = _isolated_env(tmp_path)
    if sys.platform.startswith("linux"):  # as on a server or CI: no display, nothing set
        for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
            env.pop(key, None)
    result = _self_test(env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("自检通过：")
    for label in STEPS.values():
        assert label in lines[0]
    assert "共 " in lines[0]
    if sys.platform.startswith("linux"):
        assert "Qt offscreen" in lines[0]  # chose the offscreen platform by itself
    _untouched(tmp_path)


def test_a_failing_step_exits_non_zero_naming_the_step(tmp_path: Path) -> None:
    step = "pdf"
    result = _self_test(_isolated_env(tmp_path, **{FAIL_ENV: step}))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [f"自检失败：{STEPS[step]}：按 {FAIL_ENV}={step} 模拟的失败"]
    assert "Traceback" in result.stderr  # the details, for whoever supports the office
    _untouched(tmp_path)


def test_missing_migrations_fail_the_database_step(tmp_path: Path, monkeypatch, capsys) -> None:
    """What a bundle without db/migrations would report (run in-process, step 1 only)."""
    monkeypatch.setattr("desktop_app.db.schema_upgrade.migrations_path", lambda: tmp_path / "no-migrations")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.delenv(FAIL_ENV, raising=False)
    assert run_self_test() == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("自检失败：数据库与迁移：")
    assert not any(p.name.startswith("fwqz-selftest-") for p in tmp_path.iterdir())


def test_self_test_is_a_documented_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--help"],
        capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=ROOT,
    )
    assert result.returncode == 0
    assert "--self-test" in result.stdout and "自检" in result.stdout
