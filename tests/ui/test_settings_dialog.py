from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import qasync
from PySide6.QtCore import Qt

from callpanel.ami import LineEnding
from callpanel.asterisk.config import AnswerStrategy, ConnectionConfig, HoldStrategy
from callpanel.asterisk.errors import AuthenticationFailed
from callpanel.store.secrets import KeyringStatus
from callpanel.store.settings import Language, Settings
from callpanel.ui.settings_dialog import SettingsDialog

USABLE = KeyringStatus(True, "test.Keyring")
MISSING = KeyringStatus(False, "keyring.backends.fail.Keyring", "no keyring service")


class Probe:
    """Stands in for AsteriskConnection: remembers the config it was given."""

    seen: ClassVar[list[ConnectionConfig]] = []

    def __init__(self, config: ConnectionConfig, fail: bool = False) -> None:
        self.config = config
        self.fail = fail
        self.server_version: str | None = None
        self.closed = False
        Probe.seen.append(config)

    async def open(self) -> None:
        if self.fail:
            raise AuthenticationFailed("Authentication failed")
        self.server_version = "20.20.1"

    async def close(self) -> None:
        self.closed = True


def dialog(qtbot: Any, settings: Settings | None = None, **kw: Any) -> SettingsDialog:
    tasks: set[asyncio.Task[Any]] = set()

    def spawn(coro: Any, *, name: str) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        return task

    d = SettingsDialog(
        settings or Settings(),
        keyring=kw.pop("keyring", USABLE),
        has_secret=kw.pop("has_secret", False),
        spawn=spawn,
        **kw,
    )
    qtbot.addWidget(d)
    return d


def test_round_trip(qtbot: Any) -> None:
    settings = Settings(
        host="pbx.example.com",
        port=5039,
        tls=True,
        cafile="/etc/ssl/ca.pem",
        username="op1",
        endpoints=("SIP/101", "PJSIP/101"),
        caller_id="74951234567",
        line_ending=LineEnding.LF,
        answer_strategy=AnswerStrategy.PBX_BRIDGE,
        hold_strategy=HoldStrategy.PBX_MOH,
        notifications=False,
        screen_pop_url="https://crm.example.com/?n={number}",
        confirm_external_dial=False,
        language=Language.RU,
    )
    assert dialog(qtbot, settings).collect() == settings


def test_bad_value_names_the_field_and_keeps_the_dialog(qtbot: Any) -> None:
    d = dialog(qtbot)
    d.open()
    d.endpoints.setText("SIP/101&SIP/102")
    accepted: list[Any] = []
    d.settingsAccepted.connect(lambda *a: accepted.append(a))
    d.accept()
    assert accepted == []
    assert d.isVisible()
    assert d.error.text().startswith("Please correct endpoints:")
    d.endpoints.setText("SIP/102")
    d.screen_pop.setText("javascript:alert(1)")
    d.accept()
    assert d.error.text().startswith("Please correct screen_pop_url:")


def test_accept_emits_settings_and_typed_secret(qtbot: Any) -> None:
    d = dialog(qtbot, has_secret=True)
    assert "stored" in d.secret.placeholderText()
    d.open()
    d.username.setText("op2")
    with qtbot.waitSignal(d.settingsAccepted) as sig:
        d.accept()
    settings, secret = sig.args
    assert settings.username == "op2" and secret is None  # unchanged secret
    assert d.secret.echoMode() == d.secret.EchoMode.Password


def test_tls_warning_and_keyring_note(qtbot: Any) -> None:
    d = dialog(qtbot, keyring=MISSING)
    d.show()
    assert not d.cafile.isEnabled()
    d.tls.click()
    assert d.cafile.isEnabled() and not d.verify_warning.isVisible()
    d.tls_verify.setChecked(False)
    assert d.verify_warning.isVisible()
    assert "no keyring service" in d.keyring_note.text()
    assert not d.store_in_file.isHidden()
    d.store_in_file.setChecked(True)
    assert d.collect().store_secret_in_file
    usable = dialog(qtbot, keyring=USABLE)
    assert usable.store_in_file.isHidden()
    assert not usable.collect().store_secret_in_file


def test_test_connection_reports(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    d = dialog(qtbot, probe_factory=Probe)
    with qtbot.waitSignal(d.testFinished) as sig:
        qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert sig.args == [False, "Type the secret to test the connection"]
    d.secret.setText("s3cret")
    d.host.setText("10.1.2.3")
    with qtbot.waitSignal(d.testFinished) as sig:
        qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert sig.args == [True, "Connected: Asterisk 20.20.1"]
    assert Probe.seen[-1].host == "10.1.2.3" and Probe.seen[-1].secret == "s3cret"
    assert d.test_result.text() == "Connected: Asterisk 20.20.1"
    failing = dialog(qtbot, probe_factory=lambda c: Probe(c, fail=True))
    failing.secret.setText("bad")
    with qtbot.waitSignal(failing.testFinished) as sig:
        qtbot.mouseClick(failing.test_button, Qt.MouseButton.LeftButton)
    ok, text = sig.args
    assert not ok and "refused the login. Check the user name and the secret" in text
    assert failing.test_result.toolTip() == "Authentication failed"  # Asterisk's own words
    assert failing.test_button.isEnabled()


PIN = ":".join(["AB"] * 32)


def test_fingerprint_pin_round_trip_and_no_insecure_warning(qtbot: Any) -> None:
    d = dialog(qtbot, Settings(tls=True, tls_verify=False, tls_fingerprint=PIN))
    d.show()
    assert d.tls_fingerprint.text() == PIN and d.tls_fingerprint.isEnabled()
    assert "SHA-256" in d.tls_fingerprint.toolTip()
    assert not d.verify_warning.isVisible()  # pinned: checked, even with verification off
    assert d.collect().tls_fingerprint == PIN
    d.tls_fingerprint.setText("")
    assert d.verify_warning.isVisible()
    d.tls_fingerprint.setText(" " + "cd" * 32 + " ")
    assert not d.verify_warning.isVisible()
    assert d.collect().tls_fingerprint == ":".join(["CD"] * 32)
    d.tls.setChecked(False)
    assert not d.tls_fingerprint.isEnabled()


def test_bad_fingerprint_names_the_field_and_keeps_the_dialog(qtbot: Any) -> None:
    d = dialog(qtbot, Settings(tls=True))
    d.open()
    d.tls_fingerprint.setText("AB:CD")
    accepted: list[Any] = []
    d.settingsAccepted.connect(lambda *a: accepted.append(a))
    d.accept()
    assert accepted == [] and d.isVisible()
    assert d.error.text().startswith("Please correct tls_fingerprint:")
    assert "64 hex digits" in d.error.text()


def test_test_connection_uses_the_typed_pin(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    d = dialog(qtbot, Settings(tls=True), probe_factory=Probe)
    d.secret.setText("s3cret")
    d.tls_fingerprint.setText("ab" * 32)
    with qtbot.waitSignal(d.testFinished) as sig:
        qtbot.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    assert sig.args[0] is True
    assert Probe.seen[-1].tls_fingerprint == PIN and not Probe.seen[-1].insecure


def test_check_setup_against_the_demo_pbx(qtbot: Any, aloop: qasync.QEventLoop) -> None:
    from callpanel.sim import SimConfig, SimPbx

    from .conftest import run

    sim = SimPbx(SimConfig(time_scale=0.005))
    run(qtbot, sim.start("127.0.0.1", 0))
    try:
        d = dialog(qtbot)
        d.setup_check.button.click()
        assert d.setup_check.report.toPlainText() == "Type the secret to test the connection"
        d.host.setText("127.0.0.1")
        d.port.setValue(sim.port)
        d.secret.setText("callpanel-secret")
        d.endpoints.setText("SIP/101, SIP/777")
        with qtbot.waitSignal(d.setup_check.finished, timeout=20000) as sig:
            qtbot.mouseClick(d.setup_check.button, Qt.MouseButton.LeftButton)
        assert sig.args == [False]  # SIP/777 does not exist
        text = d.setup_check.report.toPlainText()
        assert "[     ok] write classes" in text and "[     ok] phone SIP/101" in text
        assert "[missing] phone SIP/777" in text and "fix in sip.conf [777]:" in text
        assert d.setup_check.button.isEnabled()
    finally:
        run(qtbot, sim.stop())


def test_test_connection_result_goes_stale_and_tls_moves_the_port(qtbot: Any) -> None:
    d = dialog(qtbot)
    d.test_result.setText("Connected: Asterisk 20.20.1")
    d.host.setText("10.9.9.9")
    assert d.test_result.text() == ""  # an old result does not describe the new host
    d.tls.setChecked(True)
    assert d.port.value() == 5039  # AMI's TLS port
    d.tls.setChecked(False)
    assert d.port.value() == 5038
    d.port.setValue(6000)
    d.tls.setChecked(True)
    assert d.port.value() == 6000  # a port the admin chose is kept
