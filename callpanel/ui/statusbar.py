"""The connection line at the top of the window: where we are connected, or why not."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..asterisk.status import ConnectionStatus, LinkState
from .problem_text import problem_text

STATE_COLORS = {
    LinkState.CONNECTING: "#f59f00",
    LinkState.CONNECTED: "#2f9e44",
    LinkState.RECONNECTING: "#e8590c",
    LinkState.AUTH_FAILED: "#e03131",
    LinkState.DISCONNECTED: "#868e96",
}

BACKGROUNDS = {
    LinkState.RECONNECTING: "#fff4e6",
    LinkState.AUTH_FAILED: "#fff5f5",
    LinkState.DISCONNECTED: "#f8f9fa",
}


class ConnectionBar(QFrame):
    settingsRequested = Signal()
    retryRequested = Signal()

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConnectionBar")
        self._clock = clock
        self._status = ConnectionStatus(LinkState.DISCONNECTED)
        self._retry_at: float | None = None
        self.dot = QLabel("●", self)
        self.dot.setObjectName("StatusDot")
        self.text = QLabel(self)
        self.text.setObjectName("StatusText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # error texts come from the server
        self.text.setWordWrap(True)
        self.endpoint = QLabel(self)
        self.endpoint.setObjectName("EndpointLabel")
        self.endpoint.setTextFormat(Qt.TextFormat.PlainText)
        # a red line under the status: connected, but Asterisk knows no such phone
        self.phone_problem = QLabel(self)
        self.phone_problem.setObjectName("PhoneProblem")
        self.phone_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.phone_problem.setWordWrap(True)
        self.phone_problem.setStyleSheet("color: #c92a2a; font-weight: 600;")
        self.phone_problem.setVisible(False)
        self.retry_button = QPushButton(self.tr("Retry now"), self)
        self.retry_button.setObjectName("RetryButton")
        self.settings_button = QPushButton(self.tr("Open settings"), self)
        self.settings_button.setObjectName("OpenSettingsButton")
        self.retry_button.clicked.connect(self.retryRequested)
        self.settings_button.clicked.connect(self.settingsRequested)

        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self._row = row
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.endpoint, 1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.phone_problem)
        layout.addLayout(buttons)
        self.set_status(self._status)

    def add_corner_widget(self, widget: QWidget) -> None:
        """The menu button, top right."""
        self._row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)

    @property
    def status(self) -> ConnectionStatus:
        return self._status

    def set_endpoints(self, endpoints: tuple[str, ...]) -> None:
        self.endpoint.setText(self.tr("Your phone: %s") % ", ".join(endpoints))

    def set_status(self, status: ConnectionStatus) -> None:
        self._status = status
        self._retry_at = (
            self._clock() + status.retry_in
            if status.state is LinkState.RECONNECTING and status.retry_in is not None
            else None
        )
        color = STATE_COLORS[status.state]
        self.dot.setStyleSheet(f"color: {color}; font-size: 14px;")
        # trouble tints the whole line so it is seen from the corner of the eye
        background = BACKGROUNDS.get(status.state, "white")
        self.setStyleSheet(
            f"QFrame#ConnectionBar {{ background: {background};"
            " border-bottom: 1px solid #dee2e6; }"
        )
        self.setProperty("linkState", status.state.value)
        self.retry_button.setVisible(
            status.state in (LinkState.RECONNECTING, LinkState.AUTH_FAILED)
        )
        missing = status.missing_phones if status.state is LinkState.CONNECTED else ()
        self.phone_problem.setText(self.missing_phones_text(missing) if missing else "")
        self.phone_problem.setVisible(bool(missing))
        self.settings_button.setVisible(
            status.state in (LinkState.AUTH_FAILED, LinkState.DISCONNECTED) or bool(missing)
        )
        self.refresh()

    def refresh(self) -> None:
        """Re-render (the reconnect countdown changes every second)."""
        self.text.setText(self.describe())
        # the connector's own words, for the PBX administrator
        error = self._status.error if self._status.state is not LinkState.CONNECTED else None
        self.text.setToolTip(error or "")

    def missing_phones_text(self, phones: tuple[str, ...]) -> str:
        return self.tr(
            "No such phone: %s. Asterisk does not know it, so no call will show here. Check "
            "the phone's name in the settings (for example SIP/101 or PJSIP/101)."
        ) % ", ".join(phones)

    def setting_problem(self, setting: str, error: str | None = None) -> str:
        """Our own setting makes a login impossible: say which, in the operator's language."""
        problems = {
            "plain_login": self.tr(
                "The server refused MD5 login; plain-text login is off. Allow it in the "
                "settings only on a network you trust: the password would be sent unencrypted."
            ),
            "username": self.tr("The AMI user name cannot be sent: correct it in the settings."),
            "cafile": self.tr("The CA file cannot be read: correct it in the settings."),
            "secret": self.tr(
                "The AMI secret cannot be used (not valid text, or too long for a plain-text "
                "login): correct it in the settings."
            ),
        }
        known = problems.get(setting)
        if known is not None:
            return known
        return self.tr("Check the setting “%s”: %s") % (setting, error or "")

    def describe(self) -> str:
        status = self._status
        server = status.server or self.tr("the server")
        if status.state is LinkState.CONNECTING:
            return self.tr("Connecting to %s…") % server
        if status.state is LinkState.CONNECTED:
            text = self.tr("Connected to %s") % server
            if status.server_version:
                text += " · Asterisk " + status.server_version
            if status.insecure:
                text += " · " + self.tr("certificate not checked")
            if status.plain_login:
                text += " · " + self.tr("plain-text login allowed")
            return text
        if status.state is LinkState.RECONNECTING and status.problem is not None:
            text = problem_text(status.problem, server)
            if self._retry_at is not None:
                left = max(0, round(self._retry_at - self._clock()))
                return text + " " + self.tr("Trying again in %d s.") % left
            return text + " " + self.tr("Trying again…")
        if status.state is LinkState.RECONNECTING:
            if self._retry_at is not None:
                left = max(0, round(self._retry_at - self._clock()))
                text = self.tr("No connection to %s, reconnecting in %d s") % (server, left)
            else:
                text = self.tr("No connection to %s, reconnecting…") % server
            if status.error:
                text += f" ({status.error})"
            return text
        if status.state is LinkState.AUTH_FAILED and status.setting is not None:
            return self.setting_problem(status.setting, status.error)
        if status.state is LinkState.AUTH_FAILED and status.problem is not None:
            return problem_text(status.problem, server)  # the raw reply is in the tooltip
        if status.state is LinkState.AUTH_FAILED:
            text = (
                self.tr(
                    "Asterisk at %s refused the login: wrong user name or password. "
                    "Check them in the settings."
                )
                % server
            )
            if status.error:
                text += f" ({status.error})"
            return text
        if status.error:
            return self.tr("Not connected: %s") % status.error
        return self.tr("Not connected")
