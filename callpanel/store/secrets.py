"""The AMI secret: in the OS keyring, or — only by explicit opt-in — in a 0600 file.

Keyring entry: service ``"callpanel"``, account ``f"{username}@{host}"``. When no usable keyring
exists (``keyring.backends.fail.Keyring``, a chainer with no backends, the null backend, or a
backend that raises), ``SecretStore.status()`` says so and the UI either asks for the secret at
each start or offers file storage with a warning. The secret travels as ``Secret``, whose
``repr``/``str`` never show it.
"""

from __future__ import annotations

import enum
import hmac
import logging
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from . import paths
from .toml_writer import dumps

log = logging.getLogger(__name__)

SERVICE = "callpanel"
SECRET_FILE = "ami-secret.toml"
MAX_SECRET_LENGTH = 1024


class Secret:
    """A string that does not print itself. ``reveal()`` is the one way to read it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("a secret must be text")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and hmac.compare_digest(
            other._value.encode(), self._value.encode()
        )

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> NoReturn:  # no pickling into crash dumps or caches
        raise TypeError("a Secret cannot be pickled")


class SecretStoreError(Exception):
    """Reading or storing the secret failed; the message never contains the secret."""


class KeyringUnavailable(SecretStoreError):
    """No usable keyring, and file storage was not opted into."""


class Storage(enum.Enum):
    KEYRING = "keyring"
    FILE = "file"


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str  # e.g. "keyring.backends.SecretService.Keyring"
    reason: str = ""  # why it is not usable, for the UI


def account_name(username: str, host: str) -> str:
    return f"{username}@{host}"


def keyring_status(backend: KeyringBackend | None = None) -> KeyringStatus:
    """Whether ``backend`` (default: the active one) can really store secrets."""
    # Imported here: the chainer module probes every backend when imported.
    from keyring.backends import chainer, fail, null

    kr = backend if backend is not None else keyring.get_keyring()
    name = f"{type(kr).__module__}.{type(kr).__qualname__}"
    if isinstance(kr, fail.Keyring):
        return KeyringStatus(False, name, "no keyring service is available on this system")
    if isinstance(kr, null.Keyring):
        return KeyringStatus(False, name, "the keyring is disabled (null backend)")
    if isinstance(kr, chainer.ChainerBackend) and not kr.backends:
        return KeyringStatus(False, name, "no keyring backend could be loaded")
    return KeyringStatus(True, name)


class SecretStore:
    """Get, set and delete the AMI secret for one ``username@host``.

    ``backend`` overrides the active keyring (tests pass an in-memory backend); ``config_dir``
    is where the opt-in secret file lives (default ``paths.config_dir()``).
    """

    def __init__(
        self, *, config_dir: Path | None = None, backend: KeyringBackend | None = None
    ) -> None:
        self._backend = backend
        self.file_path = (
            config_dir if config_dir is not None else paths.config_dir()
        ) / SECRET_FILE

    def __repr__(self) -> str:
        return f"SecretStore(file_path={str(self.file_path)!r})"

    @property
    def keyring(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def status(self) -> KeyringStatus:
        return keyring_status(self.keyring)

    def get(self, username: str, host: str, *, allow_file: bool = False) -> Secret | None:
        """The stored secret, or ``None`` if there is none (the UI then asks the user).

        The keyring is tried first; the file only when ``allow_file`` (the user's opt-in).
        A broken keyring is logged and treated as "nothing stored", never raised.
        """
        account = account_name(username, host)
        if self.status().usable:
            try:
                value = self.keyring.get_password(SERVICE, account)
            except Exception as exc:  # any backend failure: D-Bus, locked, cancelled
                log.warning("keyring read failed for %s: %s", account, type(exc).__name__)
                value = None
            if value is not None:
                return Secret(value)
        if allow_file:
            value = self._read_file().get(account)
            if isinstance(value, str):
                return Secret(value)
        return None

    def set(
        self, username: str, host: str, secret: Secret | str, *, allow_file: bool = False
    ) -> Storage:
        """Store the secret: in the keyring if usable (and then drop any file copy), else in the
        0600 file if ``allow_file``, else raise ``KeyringUnavailable``."""
        value = secret.reveal() if isinstance(secret, Secret) else secret
        if not isinstance(value, str) or not value or len(value) > MAX_SECRET_LENGTH:
            raise SecretStoreError("the secret must be 1..1024 characters of text")
        account = account_name(username, host)
        status = self.status()
        keyring_error = status.reason
        if status.usable:
            try:
                self.keyring.set_password(SERVICE, account, value)
            except Exception as exc:
                keyring_error = f"the keyring refused to store the secret ({type(exc).__name__})"
                log.warning("keyring write failed for %s: %s", account, type(exc).__name__)
            else:
                self._remove_from_file(account)
                return Storage.KEYRING
        if not allow_file:
            raise KeyringUnavailable(keyring_error)
        log.warning(
            "storing the AMI secret for %s in %s (no keyring; the user opted in)",
            account,
            self.file_path,
        )
        entries = self._read_file()
        entries[account] = value
        self._write_file(entries)
        return Storage.FILE

    def delete(self, username: str, host: str) -> None:
        """Forget the secret everywhere; a missing entry is not an error."""
        account = account_name(username, host)
        if self.status().usable:
            try:
                self.keyring.delete_password(SERVICE, account)
            except keyring.errors.PasswordDeleteError:
                pass
            except Exception as exc:
                log.warning("keyring delete failed for %s: %s", account, type(exc).__name__)
        self._remove_from_file(account)

    # --- the opt-in file ---------------------------------------------------------------------

    def _read_file(self) -> dict[str, str]:
        try:
            data = self.file_path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            log.warning("cannot read %s: %s", self.file_path, exc.strerror)
            return {}
        self._tighten_mode()
        try:
            raw = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            log.warning("%s is not valid TOML; ignoring it", self.file_path)
            return {}
        return {k: v for k, v in raw.items() if isinstance(v, str)}

    def _write_file(self, entries: dict[str, str]) -> None:
        text = dumps(entries, header="AMI secrets stored without a keyring (user opt-in).")
        paths.write_private_file(self.file_path, text.encode("utf-8"))

    def _remove_from_file(self, account: str) -> None:
        entries = self._read_file()
        if account not in entries:
            return
        del entries[account]
        if entries:
            self._write_file(entries)
        else:
            self.file_path.unlink(missing_ok=True)

    def _tighten_mode(self) -> None:
        """Someone (a copy, a restore) made the file readable by others: make it 0600 again."""
        if os.name != "posix":
            return
        try:
            mode = stat.S_IMODE(self.file_path.stat().st_mode)
            if mode & 0o077:
                log.warning("%s was readable by others (mode %o); fixing", self.file_path, mode)
                os.chmod(self.file_path, 0o600)
        except OSError:
            pass
