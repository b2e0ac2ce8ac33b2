"""The settings dialog's **Check set-up**: the AMI set-up check (`callpanel check`) with what is
typed in the dialog, its lines shown as they come (plain text: the report quotes the server)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..asterisk.config import ClientConfig, ConnectionConfig
from ..asterisk.selfcheck import CheckLine, SelfCheck, Status
from .check_words import line_text, summary_text

Spawn = Callable[..., "asyncio.Task[object]"]
# what is typed now, or the reason it cannot be checked yet (a text for the operator)
ConfigSource = Callable[[], "tuple[ConnectionConfig, ClientConfig] | str"]


class SetupCheck(QWidget):
    finished = Signal(bool)  # True when nothing is missing

    def __init__(
        self,
        source: ConfigSource,
        spawn: Callable[[Coroutine[object, object, None]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._spawn = spawn
        self.button = QPushButton(self.tr("Check set-up"))
        self.button.setObjectName("CheckSetup")
        self.button.setToolTip(
            self.tr(
                "Log in and list what the panel needs from the PBX (permissions, event filter, "
                "queues, phone, dialplan, parking, notify types, caller ID, TLS) and the "
                "configuration line that fixes what is missing"
            )
        )
        self.report = QPlainTextEdit()
        self.report.setObjectName("CheckReport")
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setVisible(False)
        self.report.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.report)
        self.button.clicked.connect(self.start)
        self.lines: list[CheckLine] = []

    def start(self) -> None:
        found = self._source()
        self.report.setVisible(True)
        self.report.clear()
        if isinstance(found, str):
            self.report.setPlainText(found)
            return
        self.button.setEnabled(False)
        self.lines = []
        self._spawn(self._run(*found))

    def _show(self, line: CheckLine) -> None:
        self.lines.append(line)
        self.report.appendPlainText(line_text(line))

    async def _run(self, connection: ConnectionConfig, client: ClientConfig) -> None:
        try:
            lines = await SelfCheck(connection, client, on_line=self._show).run()
            self.report.appendPlainText(summary_text(lines))
            self.finished.emit(not any(line.status is Status.MISSING for line in lines))
        except Exception as exc:  # the check must not take the dialog down
            self.report.appendPlainText(self.tr("The check failed: %s") % exc)
            self.finished.emit(False)
        finally:
            self.button.setEnabled(True)
