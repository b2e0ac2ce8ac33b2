from __future__ import annotations

import logging
import os
import pickle
import sqlite3
import stat
from pathlib import Path

import pytest
from keyring.backends import chainer, fail, null

from callpanel.store.history import History
from callpanel.store.secrets import (
    SERVICE,
    KeyringUnavailable,
    Secret,
    SecretStore,
    SecretStoreError,
    Storage,
    keyring_status,
)
from callpanel.store.settings import Settings, SettingsStore, to_connection_config

from .conftest import BrokenKeyring, MemoryKeyring

SECRET = "Sup3r-s3cret-AMI-value"


def test_secret_never_shows_itself() -> None:
    s = Secret(SECRET)
    assert SECRET not in repr(s) and SECRET not in str(s) and SECRET not in f"{s}"
    assert SECRET not in repr([s, {"k": s}])
    assert s.reveal() == SECRET and s == Secret(SECRET) and s != Secret("other")
    assert bool(s) and not Secret("")
    with pytest.raises(TypeError):
        pickle.dumps(s)
    with pytest.raises(TypeError):
        Secret(b"bytes")  # type: ignore[arg-type]
    assert "secret='***'" in repr(to_connection_config(Settings(), s))


def test_keyring_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert store.status().usable
    assert store.get("callpanel", "pbx.local") is None
    assert store.set("callpanel", "pbx.local", Secret(SECRET)) is Storage.KEYRING
    assert memory_keyring.entries == {(SERVICE, "callpanel@pbx.local"): SECRET}
    got = store.get("callpanel", "pbx.local")
    assert got is not None and got.reveal() == SECRET
    assert store.get("callpanel", "other.host") is None
    assert not store.file_path.exists()
    store.delete("callpanel", "pbx.local")
    assert store.get("callpanel", "pbx.local") is None
    store.delete("callpanel", "pbx.local")  # deleting twice is fine


def test_backend_passed_explicitly_wins() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend=backend)
    store.set("op", "h", SECRET)
    assert backend.entries[(SERVICE, "op@h")] == SECRET


class EmptyChainer(chainer.ChainerBackend):
    viable = False

    @property
    def backends(self) -> list[object]:  # type: ignore[override]
        return []


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (fail.Keyring(), "no keyring service"),
        (null.Keyring(), "disabled"),
        (EmptyChainer(), "no keyring backend"),
    ],
)
def test_unusable_keyrings_are_detected(backend: object, reason: str) -> None:
    status = keyring_status(backend)  # type: ignore[arg-type]
    assert not status.usable and reason in status.reason
    assert keyring_status(MemoryKeyring()).usable


def test_no_keyring_without_opt_in_refuses(no_keyring: None) -> None:
    store = SecretStore()
    assert not store.status().usable
    with pytest.raises(KeyringUnavailable, match="no keyring service"):
        store.set("callpanel", "pbx", SECRET)
    assert not store.file_path.exists()
    assert store.get("callpanel", "pbx") is None


def test_no_keyring_with_opt_in_uses_a_private_file(
    no_keyring: None, caplog: pytest.LogCaptureFixture
) -> None:
    store = SecretStore()
    with caplog.at_level(logging.DEBUG):
        assert store.set("callpanel", "pbx", SECRET, allow_file=True) is Storage.FILE
        store.set("other", "pbx", "second-secret", allow_file=True)
    assert "user opted in" in caplog.text and SECRET not in caplog.text
    assert stat.S_IMODE(store.file_path.stat().st_mode) == 0o600
    assert store.get("callpanel", "pbx") is None  # not without the opt-in
    got = store.get("callpanel", "pbx", allow_file=True)
    assert got is not None and got.reveal() == SECRET
    store.delete("callpanel", "pbx")
    assert store.get("callpanel", "pbx", allow_file=True) is None
    assert store.get("other", "pbx", allow_file=True) == Secret("second-secret")
    store.delete("other", "pbx")
    assert not store.file_path.exists()  # the last entry removes the file


def test_a_loose_file_mode_is_tightened(no_keyring: None) -> None:
    store = SecretStore()
    store.set("callpanel", "pbx", SECRET, allow_file=True)
    os.chmod(store.file_path, 0o644)
    assert store.get("callpanel", "pbx", allow_file=True) == Secret(SECRET)
    assert stat.S_IMODE(store.file_path.stat().st_mode) == 0o600


def test_keyring_wins_and_removes_the_file_copy(tmp_path: Path) -> None:
    without = SecretStore(backend=fail.Keyring())
    without.set("callpanel", "pbx", "old-file-secret", allow_file=True)
    backend = MemoryKeyring()
    store = SecretStore(backend=backend)
    assert store.set("callpanel", "pbx", SECRET, allow_file=True) is Storage.KEYRING
    assert not store.file_path.exists()
    assert store.get("callpanel", "pbx", allow_file=True) == Secret(SECRET)


def test_broken_keyring_is_survived(caplog: pytest.LogCaptureFixture) -> None:
    store = SecretStore(backend=BrokenKeyring())
    assert store.status().usable  # it claims to work ...
    assert store.get("callpanel", "pbx") is None  # ... reads fail softly
    with pytest.raises(KeyringUnavailable, match="refused"):
        store.set("callpanel", "pbx", SECRET)
    assert store.set("callpanel", "pbx", SECRET, allow_file=True) is Storage.FILE
    assert store.get("callpanel", "pbx", allow_file=True) == Secret(SECRET)
    store.delete("callpanel", "pbx")  # a failing delete is logged, the file entry goes
    assert store.get("callpanel", "pbx", allow_file=True) is None
    assert SECRET not in caplog.text


@pytest.mark.parametrize("bad", ["", "x" * 1025, 42])
def test_unfit_secrets_are_refused(memory_keyring: MemoryKeyring, bad: object) -> None:
    with pytest.raises(SecretStoreError):
        SecretStore().set("callpanel", "pbx", bad)  # type: ignore[arg-type]


def test_broken_secret_file_is_ignored(no_keyring: None) -> None:
    store = SecretStore()
    store.file_path.parent.mkdir(parents=True)
    store.file_path.write_text("not = [valid", encoding="utf-8")
    assert store.get("callpanel", "pbx", allow_file=True) is None


def test_s3_secret_appears_in_no_file_or_log(
    memory_keyring: MemoryKeyring, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """S3: after a session with debug logging, the secret is nowhere on disk or in the log."""
    with caplog.at_level(logging.DEBUG):
        settings = Settings(host="pbx.local", store_secret_in_file=False)
        settings_store = SettingsStore()
        settings_store.save(settings)
        secrets = SecretStore()
        secrets.set(settings.username, settings.host, Secret(SECRET))
        conn = to_connection_config(settings, secrets.get(settings.username, settings.host) or "")
        logging.getLogger("callpanel").debug("connecting with %r", conn)
        with History() as history:
            history.add(
                call_id="1", direction="incoming", number="101", name=repr(conn), started_at=1.0
            )
        settings_store.load()
    assert conn.secret == SECRET
    assert SECRET not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    db = sqlite3.connect(tmp_path / "data" / "history.sqlite3")
    assert SECRET not in repr(db.execute("SELECT * FROM calls").fetchall())
    db.close()
