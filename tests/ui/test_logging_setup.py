import logging

import pytest

from desktop_app.logging_setup import LOG_FILE_NAME, current_log_path, setup_logging


@pytest.fixture(autouse=True)
def clean_logger():
    yield
    logger = logging.getLogger("desktop_app")
    for handler in list(logger.handlers):
        if getattr(handler, "_fwqz", False):
            logger.removeHandler(handler)
            handler.close()


def _file_handlers():
    return [h for h in logging.getLogger("desktop_app").handlers if getattr(h, "_fwqz", False)]


def test_returns_the_log_file_and_writes_to_it(tmp_path):
    path = setup_logging(tmp_path / "logs")
    assert path == (tmp_path / "logs" / LOG_FILE_NAME).resolve()
    logging.getLogger("desktop_app.ui").warning("测试日志")
    for handler in _file_handlers():
        handler.flush()
    assert "测试日志" in path.read_text(encoding="utf-8")
    assert current_log_path() == path


def test_rotating_1mb_times_5(tmp_path):
    setup_logging(tmp_path)
    (handler,) = _file_handlers()
    assert handler.maxBytes == 1024 * 1024
    assert handler.backupCount == 5


def test_idempotent(tmp_path):
    setup_logging(tmp_path)
    setup_logging(tmp_path)
    assert len(_file_handlers()) == 1


def test_new_folder_replaces_handler(tmp_path):
    setup_logging(tmp_path / "a")
    path = setup_logging(tmp_path / "b")
    assert len(_file_handlers()) == 1
    assert current_log_path() == path
