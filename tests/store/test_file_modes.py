"""Issue 11 item 11: the history, settings and their directories are private (0600 / 0700),
created so under a permissive umask and narrowed when found wider."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from callpanel.store import paths
from callpanel.store.history import HISTORY_FILE, History
from callpanel.store.settings import Settings, SettingsStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # the usual desktop umask: files 0644, directories 0755
    yield
    os.umask(previous)


def test_a_new_history_is_0600_in_a_0700_directory(open_umask: None) -> None:
    history = History()
    history.close()
    db = paths.data_dir() / HISTORY_FILE
    assert mode(db) == 0o600
    assert mode(paths.data_dir()) == 0o700


def test_an_existing_wide_history_and_data_directory_are_narrowed(open_umask: None) -> None:
    data = paths.data_dir()
    data.mkdir(parents=True, mode=0o755)
    os.chmod(data, 0o755)
    first = History()
    first.close()
    db = data / HISTORY_FILE
    os.chmod(db, 0o644)
    os.chmod(data, 0o775)
    (data / (HISTORY_FILE + "-journal")).write_bytes(b"")
    os.chmod(data / (HISTORY_FILE + "-journal"), 0o644)
    again = History()
    again.close()
    assert mode(db) == 0o600
    assert mode(data) == 0o700
    assert mode(data / (HISTORY_FILE + "-journal")) == 0o600


def test_a_wide_settings_file_and_config_directory_are_narrowed(open_umask: None) -> None:
    store = SettingsStore()
    store.save(Settings(host="pbx.example"))
    os.chmod(store.path, 0o644)
    os.chmod(store.dir, 0o755)
    assert SettingsStore().load().host == "pbx.example"
    assert mode(store.path) == 0o600
    assert mode(store.dir) == 0o700


def test_a_directory_that_is_not_ours_keeps_its_mode(tmp_path: Path, open_umask: None) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    history = History(shared / "h.sqlite3")
    history.close()
    assert mode(shared) == 0o755  # someone else's directory: not ours to change
    assert mode(shared / "h.sqlite3") == 0o600
