"""Store tests never touch the real user's config, data or keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend: what a working OS keyring does, without the OS."""

    viable = False  # never picked by keyring's own backend detection, only set explicitly
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.entries:
            raise PasswordDeleteError("not found")
        del self.entries[(service, username)]


class BrokenKeyring(KeyringBackend):
    """A backend that is there but fails every call (locked, D-Bus gone, user cancelled)."""

    viable = False
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("refused")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("gone")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CALLPANEL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CALLPANEL_DATA_DIR", str(tmp_path / "data"))
    yield


@pytest.fixture(autouse=True)
def restore_keyring() -> Iterator[None]:
    """Put back whatever keyring was active (read without triggering backend detection)."""
    previous = keyring.core._keyring_backend
    yield
    keyring.core._keyring_backend = previous


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_keyring() -> None:
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
