"""Settings (TOML), the AMI secret (OS keyring) and call history (SQLite). No Qt here."""

from .history import History, HistoryEntry, HistoryError
from .paths import config_dir, data_dir
from .secrets import (
    KeyringStatus,
    KeyringUnavailable,
    Secret,
    SecretStore,
    SecretStoreError,
    Storage,
    keyring_status,
)
from .settings import (
    Language,
    Settings,
    SettingsError,
    SettingsStore,
    render_screen_pop_url,
    to_client_config,
    to_connection_config,
    validate_screen_pop_url,
)

__all__ = [
    "History",
    "HistoryEntry",
    "HistoryError",
    "KeyringStatus",
    "KeyringUnavailable",
    "Language",
    "Secret",
    "SecretStore",
    "SecretStoreError",
    "Settings",
    "SettingsError",
    "SettingsStore",
    "Storage",
    "config_dir",
    "data_dir",
    "keyring_status",
    "render_screen_pop_url",
    "to_client_config",
    "to_connection_config",
    "validate_screen_pop_url",
]
