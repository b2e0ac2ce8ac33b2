"""The log file: in the user's log dir, private, rotating; outside text escaped; no secret."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from callpanel.store import logfile, paths
from callpanel.store.settings import Settings, to_connection_config


@pytest.fixture
def log_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "log"))
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    path = logfile.setup_logging(logging.INFO)
    assert path is not None
    yield path
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    logfile.forget_secrets()


def flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_log_dir_follows_platformdirs_or_the_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.LOG_DIR_ENV, raising=False)
    assert paths.log_dir().name in ("log", "Logs") and "callpanel" in paths.log_dir().parts
    monkeypatch.setenv(paths.LOG_DIR_ENV, "/somewhere/else")
    assert paths.log_dir() == Path("/somewhere/else")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_file_is_private(log_to: Path) -> None:
    logging.getLogger("callpanel.test").info("hello")
    flush()
    assert stat.S_IMODE(log_to.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_to.parent.stat().st_mode) == 0o700


def test_outside_text_cannot_forge_a_line(log_to: Path) -> None:
    name = "Ivan\n2026-01-01 00:00:00,000 ERROR callpanel: forged\x1b[31m\u202e"
    logging.getLogger("callpanel.test").info("call from %s", name)
    flush()
    lines = log_to.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert "Ivan\\n2026-01-01" in lines[0] and "\\x1b[31m" in lines[0] and "\\u202e" in lines[0]
    assert "\x1b" not in lines[0] and "\u202e" not in lines[0]


def test_a_traceback_stays_under_its_record(log_to: Path) -> None:
    try:
        raise ValueError("bad\nINFO callpanel: forged")
    except ValueError:
        logging.getLogger("callpanel.test").exception("it failed")
    flush()
    lines = log_to.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("ERROR callpanel.test: it failed")
    assert all(line.startswith("    ") for line in lines[1:]) and len(lines) > 2


def test_the_secret_never_reaches_the_file(log_to: Path) -> None:
    secret = "s3cr3t-Value"
    to_connection_config(Settings(host="pbx", username="op"), secret)  # registers it
    log = logging.getLogger("callpanel.test")
    log.warning("login failed for op with %s", secret)
    log.info("sent %r", b"Action: Login\r\nUsername: op\r\nSecret: other-one\r\n\r\n")
    log.info("Action: Login\r\nKey: 0123456789abcdef0123456789abcdef\r\n")
    flush()
    text = log_to.read_text(encoding="utf-8")
    assert secret not in text and "other-one" not in text
    assert "0123456789abcdef" not in text
    assert text.count(logfile.REDACTED) == 3
    assert secret not in logfile.recent_log(path=log_to)


def test_long_messages_are_bounded(log_to: Path) -> None:
    logging.getLogger("callpanel.test").info("x" * 50_000)
    flush()
    line = log_to.read_text(encoding="utf-8").splitlines()[0]
    assert len(line) < logfile.MAX_MESSAGE + 200 and "more characters" in line


def test_rotation_and_recent_log(log_to: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handler = next(
        h for h in logging.getLogger().handlers if isinstance(h, logfile.PrivateRotatingFileHandler)
    )
    handler.maxBytes = 2000
    log = logging.getLogger("callpanel.test")
    for i in range(200):
        log.info("line %03d", i)
    flush()
    backups = sorted(p.name for p in log_to.parent.iterdir())
    assert backups == ["callpanel.log", *(f"callpanel.log.{n}" for n in range(1, 4))]
    recent = logfile.recent_log(max_bytes=3000, path=log_to)
    assert recent.splitlines()[-1].endswith("line 199")
    assert all(": line " in line for line in recent.splitlines())  # whole lines only
    assert len(recent.encode()) <= 3000


def test_setting_up_twice_keeps_one_file_handler(log_to: Path) -> None:
    logfile.setup_logging(logging.INFO)
    logging.getLogger("callpanel.test").info("once")
    flush()
    assert log_to.read_text(encoding="utf-8").count("once") == 1


def test_recent_log_without_a_file_is_empty(tmp_path: Path) -> None:
    assert logfile.recent_log(path=tmp_path / "none.log") == ""
