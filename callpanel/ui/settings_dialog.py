"""The settings dialog over ``callpanel.store.settings`` (the secret goes to the keyring).

Non-modal (``open()`` + ``settingsAccepted``); "Test connection" logs in with what is typed
(``AsteriskConnection.open()`` then ``close()``) in a task the caller owns, and reports the
server's version or the exact failure.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..ami import LineEnding
from ..asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig, HoldStrategy
from ..asterisk.errors import AsteriskError
from ..asterisk.problems import classify
from ..store.secrets import KeyringStatus
from ..store.settings import (
    ConnectionMode,
    Language,
    Settings,
    SettingsError,
    to_client_config,
    to_connection_config,
)
from .desk_page import DeskPage
from .dialrules_page import DialRulesPage
from .problem_text import problem_text
from .queues_page import QueuesPage
from .setup_check import SetupCheck

log = logging.getLogger(__name__)

AMI_PORT, AMI_TLS_PORT = 5038, 5039


class Probe(Protocol):
    server_version: str | None

    async def open(self) -> None: ...
    async def close(self) -> None: ...


ProbeFactory = Callable[[ConnectionConfig], Probe]
Spawn = Callable[..., "asyncio.Task[object]"]


def default_probe_factory(config: ConnectionConfig) -> Probe:
    from ..asterisk.connection import AsteriskConnection

    return AsteriskConnection(config, on_event=lambda _event: None)


async def probe_login(factory: ProbeFactory, config: ConnectionConfig) -> str:
    """Log in and out; returns the server version. Raises the connector's typed errors."""
    probe = factory(config)
    try:
        await asyncio.wait_for(probe.open(), config.connect_timeout + config.action_timeout)
        return probe.server_version or "?"
    finally:
        try:
            await asyncio.wait_for(probe.close(), 3)
        except (TimeoutError, AsteriskError, OSError) as exc:
            log.debug("closing the test connection: %s", exc)


# Marked for lupdate here, translated with self.tr() when the combo boxes are filled.
_ANSWER = (
    (
        AnswerStrategy.NONE,
        QT_TRANSLATE_NOOP("SettingsDialog", "Pick up the handset (the panel cannot answer)"),
    ),
    (
        AnswerStrategy.PHONE_NOTIFY,
        QT_TRANSLATE_NOOP("SettingsDialog", "The phone answers itself when the panel asks"),
    ),
    (
        AnswerStrategy.PBX_BRIDGE,
        QT_TRANSLATE_NOOP("SettingsDialog", "Asterisk answers and connects your phone"),
    ),
)
_HOLD = (
    (HoldStrategy.NONE, QT_TRANSLATE_NOOP("SettingsDialog", "The phone's own hold key")),
    (
        HoldStrategy.PHONE_NOTIFY,
        QT_TRANSLATE_NOOP("SettingsDialog", "The phone holds when the panel asks"),
    ),
    (
        HoldStrategy.PBX_MOH,
        QT_TRANSLATE_NOOP("SettingsDialog", "Asterisk plays music on hold"),
    ),
    (HoldStrategy.PBX_PARK, QT_TRANSLATE_NOOP("SettingsDialog", "Asterisk parks the caller")),
)


MIN_WIDTH = 560  # wrapped notes take two lines, not five


def _narrow(page: QWidget) -> None:
    """Let a page get narrower than its one-line layout instead of being cut at the right:
    form labels go above their fields, combo boxes elide long items (a laptop at 2x scale
    has ~680 logical pixels; Russian labels are long)."""
    forms = page.findChildren(QFormLayout)
    own = page.layout()
    if isinstance(own, QFormLayout):
        forms.append(own)
    for form in forms:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    for combo in page.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)


def _scrolled(page: QWidget) -> QScrollArea:
    """A settings page that scrolls when the screen is small (a laptop at 2x scale)."""
    _narrow(page)
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class SettingsDialog(QDialog):
    settingsAccepted = Signal(object, object)  # Settings, secret: str | None (None: unchanged)
    testFinished = Signal(bool, str)  # ok, text shown

    def __init__(
        self,
        settings: Settings,
        *,
        keyring: KeyringStatus,
        has_secret: bool,
        session_secret: bool = False,
        spawn: Spawn,
        probe_factory: ProbeFactory = default_probe_factory,
        stored_secret: str | None = None,
        ldap_password_stored: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        # a dialog, not a document: no maximize (nor minimize) button
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, False)
        self.setWindowTitle(self.tr("callpanel settings"))
        self._spawn = spawn
        self._settings = settings  # what the form does not show is kept as it was
        self._probe_factory = probe_factory
        self._keyring = keyring
        self._stored_secret = stored_secret  # "Test connection" uses it unless one is typed
        self._test_task: asyncio.Task[object] | None = None

        # -- server
        self.connection = QComboBox()
        self.connection.setObjectName("ConnectionMode")
        self.connection.addItem(self.tr("Asterisk AMI"), ConnectionMode.AMI)
        self.connection.addItem(self.tr("callpanel hub"), ConnectionMode.HUB)
        self.connection.setCurrentIndex(0 if settings.connection is ConnectionMode.AMI else 1)
        self.connection.setToolTip(
            self.tr(
                "callpanel hub: the panel connects to the call centre's MQTT broker with its "
                "own operator name and password; no AMI secret is kept on this PC"
            )
        )
        self.host = QLineEdit(settings.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(settings.port)
        self.tls = QCheckBox(self.tr("Use TLS"))
        self.tls.setChecked(settings.tls)
        self.cafile = QLineEdit(settings.cafile or "")
        self.cafile.setPlaceholderText(self.tr("System certificates"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_cafile)
        # hub mode: the broker may ask for a client certificate (its CN is the operator name)
        self.client_cert = QLineEdit(settings.client_cert or "")
        self.client_cert.setPlaceholderText(self.tr("Optional: when the broker asks for one"))
        self.client_key = QLineEdit(settings.client_key or "")
        self.client_key.setPlaceholderText(self.tr("The certificate's private key"))
        self.browse_cert = QPushButton(self.tr("Browse…"))
        self.browse_cert.clicked.connect(lambda: self._browse_into(self.client_cert))
        self.browse_key = QPushButton(self.tr("Browse…"))
        self.browse_key.clicked.connect(lambda: self._browse_into(self.client_key))
        self.tls_fingerprint = QLineEdit(settings.tls_fingerprint)
        self.tls_fingerprint.setObjectName("TlsFingerprint")
        self.tls_fingerprint.setPlaceholderText(self.tr("Optional: SHA-256 fingerprint"))
        self.tls_fingerprint.setToolTip(
            self.tr(
                "Pin the server's certificate by its SHA-256 fingerprint (64 hex digits, colons "
                "optional), e.g. from: openssl x509 -noout -fingerprint -sha256 -in cert.pem. "
                "When set, only that certificate is accepted and the CA, host name and dates "
                "are not checked."
            )
        )
        self.tls_fingerprint.textChanged.connect(self._update_tls)
        self.tls_verify = QCheckBox(self.tr("Verify the server certificate"))
        self.tls_verify.setChecked(settings.tls_verify)
        self.verify_warning = QLabel(
            self.tr("Without verification anyone on the network can read the secret.")
        )
        self.verify_warning.setObjectName("VerifyWarning")
        self.verify_warning.setWordWrap(True)
        self.verify_warning.setStyleSheet("color: #c92a2a;")
        self.plain_login = QCheckBox(self.tr("Allow plain-text login if the server refuses MD5"))
        self.plain_login.setObjectName("PlainLogin")
        self.plain_login.setChecked(settings.plain_login)
        self.plain_warning = QLabel(
            self.tr(
                "The password is then sent unencrypted: anyone on the network, or a fake "
                "server, can read it. Use it only on a trusted network or over verified TLS."
            )
        )
        self.plain_warning.setObjectName("PlainLoginWarning")
        self.plain_warning.setWordWrap(True)
        self.plain_warning.setStyleSheet("color: #c92a2a;")
        self.plain_login.toggled.connect(self.plain_warning.setVisible)
        self.plain_warning.setVisible(settings.plain_login)
        self.username = QLineEdit(settings.username)
        self.secret = QLineEdit()
        self.secret.setObjectName("SecretEdit")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        if has_secret:
            self.secret.setPlaceholderText(self.tr("(stored — type to change)"))
        elif session_secret:
            self.secret.setPlaceholderText(self.tr("(kept until the panel quits — type to change)"))
        else:
            self.secret.setPlaceholderText(self.tr("AMI secret"))
        self.store_in_file = QCheckBox(self.tr("Store the secret in a file (not encrypted)"))
        self.store_in_file.setChecked(settings.store_secret_in_file)
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        if keyring.usable:
            self.keyring_note.setText(self.tr("The secret is kept in the system keyring."))
            self.store_in_file.setVisible(False)
        else:
            self.keyring_note.setText(
                self.tr(
                    "No system keyring (%s): the secret is asked at each start unless you "
                    "store it in a file readable by your user only."
                )
                % keyring.reason
            )
            self.keyring_note.setStyleSheet("color: #e8590c;")
        self.line_ending = QComboBox()
        self.line_ending.addItem("CRLF (\\r\\n)", LineEnding.CRLF)
        self.line_ending.addItem("LF (\\n)", LineEnding.LF)
        self.line_ending.setCurrentIndex(0 if settings.line_ending is LineEnding.CRLF else 1)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("TestConnection")
        self.test_result = QLabel()
        self.test_result.setObjectName("TestResult")
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setWordWrap(True)
        self.test_button.clicked.connect(self.start_test)

        server = QWidget()
        form = QFormLayout(server)
        form.addRow(self.tr("Connection"), self.connection)
        form.addRow(self.tr("Host"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow("", self.tls)
        cafile_row = QHBoxLayout()
        cafile_row.addWidget(self.cafile, 1)
        cafile_row.addWidget(browse)
        form.addRow(self.tr("CA file"), cafile_row)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.client_cert, 1)
        cert_row.addWidget(self.browse_cert)
        form.addRow(self.tr("Client certificate"), cert_row)
        key_row = QHBoxLayout()
        key_row.addWidget(self.client_key, 1)
        key_row.addWidget(self.browse_key)
        form.addRow(self.tr("Client key"), key_row)
        form.addRow(self.tr("Certificate fingerprint"), self.tls_fingerprint)
        form.addRow("", self.tls_verify)
        form.addRow("", self.verify_warning)
        form.addRow("", self.plain_login)
        form.addRow("", self.plain_warning)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Secret"), self.secret)
        form.addRow("", self.keyring_note)
        form.addRow("", self.store_in_file)
        form.addRow(self.tr("Line ending"), self.line_ending)
        form.addRow(self.test_button, self.test_result)
        self.setup_check = SetupCheck(
            self._check_source, lambda coro: self._spawn(coro, name="check-setup")
        )
        form.addRow(self.setup_check)

        # -- phone
        self.endpoints = QLineEdit(", ".join(settings.endpoints))
        self.endpoints.setPlaceholderText("SIP/101, PJSIP/101")
        self.originate_context = QLineEdit(settings.originate_context)
        self.transfer_context = QLineEdit(settings.transfer_context)
        self.transfer_context.setToolTip(
            self.tr(
                "With panel-transfer (packaging/asterisk/extensions.conf), an outside number "
                "you transfer a caller to sees your caller ID, not the caller's own number"
            )
        )
        self.caller_id = QLineEdit(settings.caller_id or "")
        self.caller_id.setPlaceholderText(self.tr("The PBX's caller ID for your phone"))
        self.answer_strategy = QComboBox()
        for value, text in _ANSWER:
            self.answer_strategy.addItem(self.tr(str(text)), value)
        self.answer_strategy.setCurrentIndex(
            self.answer_strategy.findData(settings.answer_strategy)
        )
        self.hold_strategy = QComboBox()
        for hold, label in _HOLD:
            self.hold_strategy.addItem(self.tr(str(label)), hold)
        self.hold_strategy.setCurrentIndex(self.hold_strategy.findData(settings.hold_strategy))
        phone = QWidget()
        pform = QFormLayout(phone)
        pform.addRow(self.tr("Your phone(s)"), self.endpoints)
        pform.addRow(self.tr("Outgoing context"), self.originate_context)
        pform.addRow(self.tr("Transfer context"), self.transfer_context)
        pform.addRow(self.tr("Caller ID"), self.caller_id)
        pform.addRow(self.tr("Answer"), self.answer_strategy)
        pform.addRow(self.tr("Hold"), self.hold_strategy)

        # -- panel
        self.notifications = QCheckBox(self.tr("Notify about incoming calls"))
        self.notifications.setChecked(settings.notifications)
        self.confirm_external = QCheckBox(
            self.tr("Ask before calling a number from another program")
        )
        self.confirm_external.setChecked(settings.confirm_external_dial)
        self.screen_pop = QLineEdit(settings.screen_pop_url)
        self.screen_pop.setPlaceholderText("https://crm.example.com/search?phone={number}")
        self.screen_pop.setToolTip(
            self.tr(
                "Opened for every incoming call. Placeholders: {number}, {e164}, {name}, "
                "{contact}, {company}, {contact_id}. A page that needs the contact waits for "
                "the CRM or LDAP lookup, 1.5 s at most; the others open at once."
            )
        )
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), Language.SYSTEM)
        self.language.addItem("English", Language.EN)
        self.language.addItem("Русский", Language.RU)
        self.language.setCurrentIndex(self.language.findData(settings.language))
        panel = QWidget()
        lform = QFormLayout(panel)
        lform.addRow("", self.notifications)
        lform.addRow("", self.confirm_external)
        lform.addRow(self.tr("Screen pop URL"), self.screen_pop)
        lform.addRow(self.tr("Language"), self.language)

        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(server), self.tr("Server"))
        self.tabs.addTab(_scrolled(phone), self.tr("Phone"))
        self.tabs.addTab(_scrolled(panel), self.tr("Panel"))
        self.dialling = DialRulesPage(
            settings, ldap_password_stored=ldap_password_stored, keyring_usable=keyring.usable
        )
        self.tabs.addTab(_scrolled(self.dialling), self.tr("Dialling"))
        self.desk = DeskPage(settings)
        self.tabs.addTab(_scrolled(self.desk), self.tr("Alerts and keys"))
        self.queues = QueuesPage(settings)
        self.tabs.addTab(_scrolled(self.queues), self.tr("Queues"))
        self.error = QLabel()
        self.error.setObjectName("SettingsError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c92a2a;")
        self.error.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        for button in buttons.buttons():  # one look: the panel's buttons have no icons
            button.setIcon(QIcon())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.tls_verify.toggled.connect(self._update_tls)
        self.tls.toggled.connect(self._update_tls)
        # wide enough that wrapped notes take two lines, tall enough that none is cut
        self.setMinimumWidth(MIN_WIDTH)
        self.keyring_note.setMinimumHeight(self.keyring_note.heightForWidth(360))
        self.tls.toggled.connect(self._tls_port)
        for edit in (self.host, self.username, self.secret, self.cafile, self.tls_fingerprint):
            edit.textChanged.connect(self._forget_test)
        self.port.valueChanged.connect(self._forget_test)
        self.tls.toggled.connect(self._forget_test)
        self.tls.toggled.connect(self._update_mode)
        self.connection.currentIndexChanged.connect(self._mode_changed)
        self._update_tls()
        self._update_mode()

    # -- reading the form --------------------------------------------------------------------

    def collect(self) -> Settings:
        """The settings typed in; raises ``SettingsError`` naming the bad field."""
        endpoints = tuple(e.strip() for e in self.endpoints.text().split(",") if e.strip())
        return self._settings.replace(
            connection=self.connection.currentData(),
            host=self.host.text().strip(),
            port=self.port.value(),
            tls=self.tls.isChecked(),
            cafile=self.cafile.text().strip() or None,
            client_cert=self.client_cert.text().strip() or None,
            client_key=self.client_key.text().strip() or None,
            tls_verify=self.tls_verify.isChecked(),
            plain_login=self.plain_login.isChecked(),
            tls_fingerprint=self.tls_fingerprint.text().strip(),
            username=self.username.text().strip(),
            endpoints=endpoints,
            originate_context=self.originate_context.text().strip(),
            transfer_context=self.transfer_context.text().strip(),
            caller_id=self.caller_id.text().strip() or None,
            line_ending=self.line_ending.currentData(),
            answer_strategy=self.answer_strategy.currentData(),
            hold_strategy=self.hold_strategy.currentData(),
            notifications=self.notifications.isChecked(),
            screen_pop_url=self.screen_pop.text().strip(),
            confirm_external_dial=self.confirm_external.isChecked(),
            language=self.language.currentData(),
            store_secret_in_file=self.store_in_file.isChecked() and not self._keyring.usable,
            **self.dialling.values(),
            **self.desk.values(),
            **self.queues.values(),
        )

    def typed_secret(self) -> str | None:
        return self.secret.text() or None

    def accept(self) -> None:
        try:
            settings = self.collect()
        except SettingsError as exc:
            self.show_error(exc)
            return
        self.error.setVisible(False)
        super().accept()
        self.settingsAccepted.emit(settings, self.typed_secret())

    def mark_setting(self, setting: str, text: str) -> None:
        """Show why the connection stopped (or the phone is not known), on the page of the
        field to change, focused and outlined (``setting``: a ConfigurationError's setting
        name, or ``endpoints``)."""
        widget = {
            "plain_login": self.plain_login,
            "username": self.username,
            "cafile": self.cafile,
            "secret": self.secret,
            "endpoints": self.endpoints,
        }.get(setting)
        self.error.setText(text)
        self.error.setVisible(True)
        if widget is None:
            return
        pages = (self.tabs.widget(i) for i in range(self.tabs.count()))
        page = next((i for i, w in enumerate(pages) if w is not None and w.isAncestorOf(widget)), 0)
        self.tabs.setCurrentIndex(page)
        widget.setProperty("problem", True)
        widget.setStyleSheet("border: 2px solid #c92a2a;")
        widget.setFocus()

    def show_error(self, exc: SettingsError) -> None:
        self.error.setText(self.tr("Please correct %s: %s") % (exc.field, exc.reason))
        self.error.setVisible(True)

    # -- test connection ---------------------------------------------------------------------

    def _check_source(self) -> tuple[ConnectionConfig, ClientConfig] | str:
        """What "Check set-up" checks: the settings as typed (not yet saved)."""
        try:
            settings = self.collect()
        except SettingsError as exc:
            return self.tr("Please correct %s: %s") % (exc.field, exc.reason)
        secret = self.typed_secret() or self._stored_secret
        if secret is None:
            return self.tr("Type the secret to test the connection")
        return to_connection_config(settings, secret), to_client_config(settings)

    def start_test(self) -> None:
        try:
            settings = self.collect()
        except SettingsError as exc:
            self.show_error(exc)
            return
        secret = self.typed_secret() or self._stored_secret
        if secret is None:
            self._report(False, self.tr("Type the secret to test the connection"))
            return
        config = to_connection_config(settings, secret)
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Connecting to %s:%d…") % (config.host, config.port))
        self.test_result.setStyleSheet("color: #495057;")  # neutral while it runs
        self._test_task = self._spawn(self._run_test(config), name="test-connection")

    async def _run_test(self, config: ConnectionConfig) -> None:
        server = f"{config.host}:{config.port}"
        try:
            version = await probe_login(self._probe_factory, config)
        except asyncio.CancelledError:
            raise
        except (AsteriskError, OSError) as exc:
            # in words, with what to check; the connector's own text in the tooltip
            self._report(False, problem_text(classify(exc), server), detail=str(exc))
        else:
            self._report(True, self.tr("Connected: Asterisk %s") % version)

    def _report(self, ok: bool, text: str, *, detail: str = "") -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(text)
        self.test_result.setToolTip(detail)
        self.test_result.setStyleSheet("color: #2f9e44;" if ok else "color: #c92a2a;")
        self.testFinished.emit(ok, text)

    def _forget_test(self) -> None:
        """A changed server field makes the last result stale."""
        if self._test_task is None or self._test_task.done():
            self.test_result.clear()
            self.test_result.setToolTip("")

    def _tls_port(self, on: bool) -> None:
        """Asterisk's AMI ports: 5038 plain, 5039 TLS (manager.conf tlsbindport)."""
        if on and self.port.value() == AMI_PORT:
            self.port.setValue(AMI_TLS_PORT)
        elif not on and self.port.value() == AMI_TLS_PORT:
            self.port.setValue(AMI_PORT)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_screen()

    def page(self, index: int) -> QWidget | None:
        """The page of tab ``index`` (inside its scroll area)."""
        area = self.tabs.widget(index)
        return area.widget() if isinstance(area, QScrollArea) else None

    def fit_screen(self) -> None:
        """Wide enough for the widest page on one line when the screen allows it, never wider
        or taller than the screen: the pages wrap their rows and scroll instead."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.size()  # the title bar and borders
        pages = [self.page(i) for i in range(self.tabs.count())]
        current = self.tabs.currentWidget()
        widest = max((p.sizeHint().width() for p in pages if p is not None), default=0)
        if isinstance(current, QScrollArea):
            bar = current.verticalScrollBar().sizeHint().width()
            widest += self.width() - current.viewport().width() + bar
        width = min(max(self.width(), widest), free.width() - frame.width())
        height = min(self.height(), max(200, free.height() - frame.height()))
        self.setMinimumWidth(min(MIN_WIDTH, width))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    def done(self, result: int) -> None:
        self.desk.stop_preview()
        if self._test_task is not None and not self._test_task.done():
            self._test_task.cancel()
        super().done(result)

    # -- helpers ---------------------------------------------------------------------------------

    def _update_tls(self) -> None:
        tls = self.tls.isChecked()
        pinned = bool(self.tls_fingerprint.text().strip())
        self.cafile.setEnabled(tls)
        self._update_client_cert()
        self.tls_fingerprint.setEnabled(tls)
        self.tls_verify.setEnabled(tls)
        # A pinned certificate is checked even with verification off: not insecure.
        self.verify_warning.setVisible(tls and not self.tls_verify.isChecked() and not pinned)

    def _mode_changed(self) -> None:
        """To the hub: the broker's usual TLS port and TLS on (the hub's default)."""
        hub = self.connection.currentData() is ConnectionMode.HUB
        if hub and self.port.value() in (5038, 5039):
            self.port.setValue(8883)
            self.tls.setChecked(True)
        elif not hub and self.port.value() in (1883, 8883):
            self.port.setValue(AMI_TLS_PORT if self.tls.isChecked() else AMI_PORT)
        self._update_mode()

    def _update_mode(self) -> None:
        hub = self.connection.currentData() is ConnectionMode.HUB
        # The hub holds the AMI session and the operator's phone settings.
        for widget in (
            self.line_ending,
            self.tls_fingerprint,
            self.endpoints,
            self.originate_context,
            self.transfer_context,
            self.caller_id,
            self.answer_strategy,
            self.hold_strategy,
            self.test_button,
        ):
            tls_only = widget is self.tls_fingerprint and not self.tls.isChecked()
            widget.setEnabled(not hub and not tls_only)
        self.username.setToolTip(
            self.tr("Your operator name at the hub (its broker user name)") if hub else ""
        )
        self.secret.setToolTip(self.tr("Your broker password, from the hub's admin") if hub else "")
        self._update_client_cert()

    def _update_client_cert(self) -> None:
        """Only the hub's broker asks for a client certificate, and only over TLS."""
        wanted = self.connection.currentData() is ConnectionMode.HUB and self.tls.isChecked()
        for widget in (self.client_cert, self.client_key, self.browse_cert, self.browse_key):
            widget.setEnabled(wanted)

    def _browse_into(self, edit: QLineEdit) -> None:
        dialog = QFileDialog(self, self.tr("Client certificate"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(edit.setText)
        dialog.open()

    def _browse_cafile(self) -> None:
        dialog = QFileDialog(self, self.tr("CA certificate"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.cafile.setText)
        dialog.open()
