"""The LDAP bind password: typed in the settings, kept in the OS keyring (never in the TOML),
used by the LDAP lookup; without a keyring it lives for the session only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import qasync
from PySide6.QtWidgets import QLineEdit

from callpanel.asterisk.status import LinkState
from callpanel.directory.ldap_lookup import LdapLookup
from callpanel.store.secrets import SERVICE, SecretStore
from callpanel.store.settings import Settings, SettingsStore
from callpanel.ui.controller import PanelController

from ..store.conftest import BrokenKeyring, MemoryKeyring
from .test_controller import make_panel

DN = "cn=reader,ou=служба,dc=example,dc=com"
PASSWORD = "s3cret-Пароль"


def ldap_source(panel: PanelController) -> LdapLookup:
    sources = [s for s in panel.caller_lookup.sources if isinstance(s, LdapLookup)]
    assert len(sources) == 1
    return sources[0]


def type_ldap(panel: PanelController, password: str) -> None:
    dialog = panel.open_settings()
    page = dialog.dialling
    page.ldap_url.setText("ldaps://dc.example.com:636")
    page.ldap_base.setText("dc=example,dc=com")
    page.ldap_bind_dn.setText(DN)
    page.ldap_password.setText(password)
    dialog.accept()


def test_the_password_goes_to_the_keyring_not_the_settings_file(
    qtbot: Any, aloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    keyring = MemoryKeyring()
    settings_store = SettingsStore(tmp_path / "config")
    panel = make_panel(
        qtbot,
        settings_store=settings_store,
        secret_store=SecretStore(config_dir=tmp_path / "config", backend=keyring),
    )
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    type_ldap(panel, PASSWORD)
    assert keyring.entries[(SERVICE, f"{DN}@dc.example.com")] == PASSWORD
    saved = settings_store.path.read_text(encoding="utf-8")
    assert "ldap_bind_dn" in saved and PASSWORD not in saved
    assert "password" not in saved.lower()
    assert ldap_source(panel)._password == PASSWORD

    # next time: the field says it is stored; leaving it empty keeps it
    dialog = panel.open_settings()
    field = dialog.dialling.ldap_password
    assert field.placeholderText() == "(stored — type to change)"
    assert field.echoMode() is QLineEdit.EchoMode.Password
    dialog.accept()
    assert keyring.entries[(SERVICE, f"{DN}@dc.example.com")] == PASSWORD
    assert ldap_source(panel)._password == PASSWORD

    # a panel started later reads it from the keyring
    later = make_panel(
        qtbot,
        settings=settings_store.load(),
        secret_store=SecretStore(config_dir=tmp_path / "config", backend=keyring),
    )
    assert ldap_source(later)._password == PASSWORD


def test_without_a_keyring_the_password_is_kept_for_the_session_only(
    qtbot: Any, aloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    settings_store = SettingsStore(tmp_path / "config")
    secrets = SecretStore(config_dir=tmp_path / "config", backend=BrokenKeyring())
    panel = make_panel(qtbot, settings_store=settings_store, secret_store=secrets)
    panel.start()
    qtbot.waitUntil(lambda: panel.bridge.status.state is LinkState.CONNECTED)
    type_ldap(panel, PASSWORD)
    assert ldap_source(panel)._password == PASSWORD  # works for this session
    assert "the LDAP password" in panel.window.error_bar.text()
    assert PASSWORD not in settings_store.path.read_text(encoding="utf-8")
    assert not secrets.file_path.exists()  # and no file fallback for it
    later = make_panel(qtbot, settings=settings_store.load(), secret_store=secrets)
    assert ldap_source(later)._password == ""


def test_anonymous_bind_has_no_password(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    panel = make_panel(
        qtbot,
        settings=Settings(ldap_url="ldap://dc.example.com", ldap_base="dc=example,dc=com"),
    )
    assert ldap_source(panel)._password == ""
    assert panel.open_settings().dialling.ldap_password.placeholderText() == "for the bind DN"
