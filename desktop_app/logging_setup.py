"""Logging to a rotating file: bugs are logged with their traceback (STYLE: errors)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "fwqz.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
LOGGER_NAME = "desktop_app"

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path) -> Path:
    """Log the `desktop_app` logger to log_dir/fwqz.log (1 MB x 5); return the file path.

    Idempotent: calling again with the same folder adds no second handler; a
    different folder replaces the earlier file handler.
    """
    log_dir = Path(log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    path = (log_dir / LOG_FILE_NAME).resolve()
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        if getattr(handler, "_fwqz", False):
            if Path(handler.baseFilename) == path:  # type: ignore[attr-defined]
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._fwqz = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    return path


def current_log_path() -> Path | None:
    """The file the `desktop_app` logger writes to, if `setup_logging` ran."""
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        if getattr(handler, "_fwqz", False):
            return Path(handler.baseFilename)  # type: ignore[attr-defined]
    return None
