"""The panel's menu (the ☰ button in the connection line, and the tray menu): Settings, Help,
About, Quit — reachable in every connection state, also in the middle of calls."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton, QWidget

from .glyphs import app_icon, menu_icon

SHORTCUT_SETTINGS = QKeySequence.StandardKey.Preferences  # Ctrl+, where the platform has one
SHORTCUT_HELP = QKeySequence.StandardKey.HelpContents  # F1


def app_version() -> str:
    from .. import __version__  # the one place it is written (also right in a frozen build)

    return __version__


class DeskActions(QObject):
    """One set of actions shared by the menu button and the tray menu."""

    settingsRequested = Signal()
    answerMethodRequested = Signal()
    contactsRequested = Signal()
    historyRequested = Signal()
    helpRequested = Signal()
    aboutRequested = Signal()
    diagnosticsRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = QAction(self.tr("Settings…"), self)
        self.settings.setObjectName("SettingsAction")
        self.answer_method = QAction(self.tr("How calls are answered…"), self)
        self.answer_method.setObjectName("AnswerMethodAction")
        self.answer_method.triggered.connect(self.answerMethodRequested)
        self.help = QAction(self.tr("Help"), self)
        self.help.setObjectName("HelpAction")
        self.about = QAction(self.tr("About callpanel"), self)
        self.about.setObjectName("AboutAction")
        self.diagnostics = QAction(self.tr("Copy diagnostics"), self)
        self.diagnostics.setObjectName("DiagnosticsAction")
        self.diagnostics.triggered.connect(self.diagnosticsRequested)
        self.quit = QAction(self.tr("Quit"), self)
        self.quit.setObjectName("QuitAction")
        self.contacts = QAction(self.tr("Contacts…"), self)
        self.contacts.setObjectName("ContactsAction")
        self.history = QAction(self.tr("Call history…"), self)
        self.history.setObjectName("HistoryAction")
        self.contacts.triggered.connect(self.contactsRequested)
        self.history.triggered.connect(self.historyRequested)
        self.settings.triggered.connect(self.settingsRequested)
        self.help.triggered.connect(self.helpRequested)
        self.about.triggered.connect(self.aboutRequested)
        self.quit.triggered.connect(self.quitRequested)

    def fill(self, menu: QMenu) -> None:
        menu.addAction(self.contacts)
        menu.addAction(self.history)
        menu.addAction(self.settings)
        menu.addAction(self.answer_method)
        menu.addAction(self.help)
        menu.addAction(self.about)
        menu.addAction(self.diagnostics)
        menu.addSeparator()
        menu.addAction(self.quit)


class MenuButton(QToolButton):
    def __init__(self, actions: DeskActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MenuButton")
        self.setIcon(menu_icon())
        self.setToolTip(self.tr("Menu: settings, help, about"))
        self.setAccessibleName(self.tr("Menu"))
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.panel_menu = QMenu(self)
        self.panel_menu.setObjectName("PanelMenu")
        actions.fill(self.panel_menu)
        self.setMenu(self.panel_menu)


def help_text(shortcuts: dict[str, str]) -> str:
    lines = [
        QCoreApplication.translate(
            "DeskHelp", "Colours: orange rings, blue is being dialled, green is a conversation."
        ),
        QCoreApplication.translate(
            "DeskHelp", "Violet is on hold by you, grey is on hold by the other side."
        ),
        "",
        QCoreApplication.translate("DeskHelp", "Keyboard shortcuts (they act on the marked call):"),
    ]
    lines += [f"  {keys}  —  {what}" for what, keys in shortcuts.items()]
    lines += [
        "",
        QCoreApplication.translate(
            "DeskHelp", "Right-click a recent call to call back or copy the number."
        ),
        QCoreApplication.translate(
            "DeskHelp", "The ☰ menu opens the settings: server, phone, alerts and hotkeys."
        ),
    ]
    return "\n".join(lines)


def show_help(parent: QWidget, shortcuts: dict[str, str]) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("HelpBox")
    box.setWindowTitle(QCoreApplication.translate("DeskHelp", "callpanel help"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(help_text(shortcuts))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("AboutBox")
    box.setWindowTitle(QCoreApplication.translate("DeskHelp", "About callpanel"))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        QCoreApplication.translate("DeskHelp", "callpanel %s — a call panel for Asterisk operators")
        % app_version()
        + "\n\n"
        + QCoreApplication.translate("DeskHelp", "MIT licence. Qt for Python %s, Python %s.")
        % (pyside_version, platform.python_version())
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
