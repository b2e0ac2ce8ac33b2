"""Puts the panel together: settings, secret, history, bridge, window, tray, notifications,
screen pop, external dial requests, language switching and a bounded shutdown."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QApplication

from ..asterisk.answer_trial import TrialSession
from ..asterisk.config import AnswerStrategy, ClientConfig, ConnectionConfig
from ..asterisk.status import ConnectionStatus, LinkState
from ..calls.model import Call
from ..centre import AgentState, AgentStatus
from ..directory.contacts import is_dialable
from ..directory.lookup import CallerLookup, LookupResult
from ..directory.phone import effective_region, to_e164
from ..store.contacts import ContactsStore
from ..store.history import History, HistoryError
from ..store.lookups import (
    build_caller_lookup,
    ldap_account,
    store_ldap_password,
    stored_ldap_password,
)
from ..store.secrets import KeyringStatus, KeyringUnavailable, SecretStore, SecretStoreError
from ..store.settings import (
    ConnectionMode,
    Settings,
    SettingsStore,
    to_centre_config,
    to_client_config,
    to_connection_config,
)
from .agent_status import AgentStatusMenu
from .answer_dialog import AnswerMethodDialog
from .bridge import QtConnector
from .desk import Desk
from .directory_glue import DirectoryGlue, book_result
from .format import set_display_region
from .history import HistoryPanel
from .i18n import Translations
from .notify import TrayNotifier
from .screenpop import Opener, ScreenPop
from .settings_dialog import ProbeFactory, SettingsDialog, default_probe_factory
from .style import STYLE
from .tray import PanelTray
from .uri import parse_dial_uri
from .window import MainWindow

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 3.0
DO_PREFIX = "do:"  # `callpanel --do answer` from another process (a desktop shortcut)


class PanelController(QObject):
    quitRequested = Signal()

    def __init__(
        self,
        *,
        bridge: QtConnector,
        settings: Settings,
        secret: str | None,
        settings_store: SettingsStore | None = None,
        secret_store: SecretStore | None = None,
        history: History | None = None,
        contacts: ContactsStore | None = None,
        translations: Translations | None = None,
        use_tray: bool | None = None,
        screen_pop_opener: Opener | None = None,
        probe_factory: ProbeFactory = default_probe_factory,
        trial_factory: Callable[[ConnectionConfig, ClientConfig], TrialSession] = TrialSession,
        persist: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings
        self.secret = secret
        self.settings_store = settings_store
        self.secret_store = secret_store
        self.history_store = history if history is not None else History(":memory:")
        self.contacts_store = contacts
        # An LDAP password typed this session when no keyring could keep it: (account, password)
        self._ldap_password: tuple[tuple[str, str], str] | None = None
        self.caller_lookup = self._build_lookup()
        self._apply_retention()
        self.translations = translations
        self.persist = persist
        self._probe_factory = probe_factory
        self._opener = screen_pop_opener
        self.use_tray = PanelTray.available() if use_tray is None else use_tray
        self.quit_event = asyncio.Event()
        self.settings_dialog: SettingsDialog | None = None
        self._trial_factory = trial_factory
        self.answer_dialog: AnswerMethodDialog | None = None
        self._answer_asked = False  # the first-run question, once per run
        self.tray: PanelTray | None = None
        self.desk = Desk(bridge, settings, parent=self)
        self.desk.problem.connect(lambda text: self.window.error_bar.show_error(text))
        self.window: MainWindow = self._build_window()
        bridge.statusChanged.connect(self._status_changed)

    # -- building (again, when the language changes) ---------------------------------------

    def _build_window(self) -> MainWindow:
        set_display_region(effective_region(self.settings.region, QLocale.system().name()))
        history = HistoryPanel(self.history_store)
        window = MainWindow(
            self.bridge,
            history=history,
            screen_pop=ScreenPop(self.settings.screen_pop_url, opener=self._opener),
        )
        window.setStyleSheet(STYLE)
        window.confirm_external_dial = self.settings.confirm_external_dial
        window.notifications.enabled = self.settings.notifications
        window.set_pause_reasons(self.settings.pause_reasons)
        window.queues.reasonsChanged.connect(self._pause_reasons_edited)
        window.settingsRequested.connect(self.open_settings)
        window.desk_actions.answerMethodRequested.connect(self.open_answer_dialog)
        window.quitRequested.connect(self.request_quit)
        if self.use_tray:
            tray = PanelTray(self, actions=window.desk_actions)
            tray.showHideRequested.connect(self.toggle_window)
            tray.dialRequested.connect(self._tray_dial)
            tray.quitRequested.connect(self.request_quit)
            tray.set_state(self.bridge.status.state)
            tray.add_status_menu(AgentStatusMenu(window.centre, window.pause_reasons))
            window.centre.statusChanged.connect(tray.set_agent_status)
            tray.set_agent_status(window.centre.status)
            window.missedChanged.connect(tray.set_missed)
            tray.set_missed(history.unseen())
            # the tray goes first in the chain; the banner stays as the fallback
            window.notifications._notifiers.insert(0, TrayNotifier(tray.icon, window.notifications))
            tray.show()
            window.hide_to_tray = True
            window.tray_alive = tray.alive
            self.tray = tray
        self.desk.attach(window)
        # Do not disturb (the agent status Asterisk reports) also silences the ringtone.
        window.centre.statusChanged.connect(self._agent_status_changed)
        self._agent_status_changed(window.centre.status)
        window.screen_pop.contact_for = self._screen_pop_contact
        window.screen_pop.lookup_for = self._screen_pop_lookup
        window.screen_pop.e164_for = self._e164
        window.screen_pop.call_going = self._call_going
        self.directory = DirectoryGlue(
            window,
            history=self.history_store,
            book=self.contacts_store,
            lookup=self.caller_lookup,
            region=self._region(),
        )
        return window

    def _agent_status_changed(self, status: AgentStatus) -> None:
        self.desk.set_dnd(status.state is AgentState.DND)

    # -- who is calling ----------------------------------------------------------------------

    def _screen_pop_contact(self, call: Call) -> LookupResult | None:
        return book_result(self.contacts_store, call)

    async def _screen_pop_lookup(self, number: str) -> LookupResult | None:
        """The whole lookup (the card asks the same question at the same time: one request)."""
        if not is_dialable(number):
            return None
        return await self.caller_lookup.lookup(number)

    def _call_going(self, call_id: str) -> bool:
        return call_id in self.window.call_widgets

    def _e164(self, number: str) -> str:
        return to_e164(number, self._region()) or ""

    def _region(self) -> str:
        return effective_region(self.settings.region, QLocale.system().name())

    def _build_lookup(self) -> CallerLookup:
        if self.contacts_store is not None:
            self.contacts_store.region = self._region()
        try:
            return build_caller_lookup(
                self.settings,
                self.contacts_store,
                secrets=self.secret_store,
                locale_name=QLocale.system().name(),
                ldap_password=self._session_ldap_password(),
            )
        except ValueError as exc:  # a source the settings check let through but cannot run
            log.warning("caller lookup sources: %s", exc)
            return CallerLookup([])

    def _session_ldap_password(self) -> str | None:
        account = ldap_account(self.settings)
        if self._ldap_password is None or account != self._ldap_password[0]:
            return None
        return self._ldap_password[1]

    def _keep_ldap_password(self, settings: Settings, password: str) -> None:
        """Into the keyring; without one (or without persistence) for this session only."""
        account = ldap_account(settings)
        if account is None:
            return
        if self.secret_store is not None and self.persist:
            try:
                store_ldap_password(settings, self.secret_store, password)
            except KeyringUnavailable:
                log.info("no keyring: the LDAP password is kept for this session only")
                self.window.error_bar.show_error(
                    self.tr("No system keyring: the LDAP password is kept until the panel quits")
                )
            except SecretStoreError as exc:
                self.window.error_bar.show_error(
                    self.tr("The LDAP password was not stored: %s") % exc
                )
            else:
                self._ldap_password = None
                return
        self._ldap_password = (account, password)

    def _apply_retention(self) -> None:
        days = self.settings.history_days
        if days <= 0:
            return
        try:
            removed = self.history_store.prune_older_than(time.time() - days * 86400)
        except (HistoryError, sqlite3.Error) as exc:
            log.warning("history retention: %s", exc)
            return
        if removed:
            log.info("history: %d calls older than %d days removed", removed, days)

    def rebuild_window(self) -> None:
        """New widgets pick up the new language; calls and status come back from the bridge."""
        visible = self.window.isVisible()
        geometry = self.window.saveGeometry()
        old, old_tray = self.window, self.tray
        if self.answer_dialog is not None:  # a child of the old window: it goes with it
            self.answer_dialog.reject()
        old.hide_to_tray = False
        old.screen_pop.cancel()
        old.quitRequested.disconnect(self.request_quit)
        self.window = self._build_window()
        if old_tray is not None:
            old_tray.dispose()
            old_tray.deleteLater()
        old.close()
        old.deleteLater()
        self.window.restoreGeometry(geometry)
        if visible:
            self.window.show()

    # -- life ------------------------------------------------------------------------------------

    def start(self) -> None:
        """Connect with the current settings, or ask for what is missing (first run)."""
        self.desk.start()
        if self.secret is None:
            self.open_settings()
            return
        self.bridge.start(
            to_connection_config(self.settings, self.secret),
            to_client_config(self.settings),
            to_centre_config(self.settings),
        )
        self.window.conn_bar.set_endpoints(self.settings.endpoints)

    def request_quit(self) -> None:
        self.quit_event.set()
        self.quitRequested.emit()

    async def shutdown(self, timeout: float = SHUTDOWN_TIMEOUT) -> None:
        """Log off (bounded), close dialogs, hide the tray."""
        try:
            await asyncio.wait_for(self.bridge.stop(timeout), timeout + 1)
        except TimeoutError:
            log.warning("shutdown: the connection did not close within %.0f s", timeout)
        if self.settings_dialog is not None:
            self.settings_dialog.reject()
        if self.answer_dialog is not None:
            dialog = self.answer_dialog
            dialog.reject()
            try:  # a test call must not ring on after the panel quits
                await asyncio.wait_for(dialog.close_session(), timeout)
            except TimeoutError:
                log.warning("shutdown: the test call session did not close")
        self.desk.close()
        if self.tray is not None:
            self.tray.dispose()
        self.window.hide_to_tray = False
        self.window.hide()
        self.window.screen_pop.cancel()
        self.directory.shutdown()
        if self.contacts_store is not None:
            self.contacts_store.close()
        try:
            self.history_store.close()
        except Exception as exc:  # closing must not stop the exit
            log.warning("history close: %s", exc)

    def toggle_window(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.window.show_and_raise()

    def _tray_dial(self) -> None:
        self.window.show_and_raise()
        self.window.dial_box.focus_number()

    def _status_changed(self, status: ConnectionStatus) -> None:
        if self.tray is not None:
            self.tray.set_state(status.state)
        if (
            status.state is LinkState.CONNECTED
            and not self.settings.answer_method_chosen
            and self.settings.connection is ConnectionMode.AMI
            and not self._answer_asked
        ):
            # the first start: how calls are answered is a choice, made with a test call
            self._answer_asked = True
            self.open_answer_dialog()
        if status.state is LinkState.AUTH_FAILED and status.setting is not None:
            # Our own setting stops every login: retrying will not help, the user must change it.
            problem = self.window.conn_bar.setting_problem(status.setting)
            self.open_settings().mark_setting(status.setting, problem)

    # -- outside requests ---------------------------------------------------------------------

    def handle_message(self, message: str) -> None:
        """A line from another `callpanel` process: "show" or a tel:/callto:/sip: link/number."""
        if message == "show":
            self.window.show_and_raise()
            return
        if message.startswith(DO_PREFIX) and self.desk.do(message[len(DO_PREFIX) :]):
            return
        parsed = parse_dial_uri(message)
        if not parsed.ok or parsed.number is None:
            log.warning("a link from another program was refused: %s", parsed.reason)
            self.window.show_and_raise()
            self.window.error_bar.show_error(
                self.tr("A link from another program was refused: %s") % parsed.reason
            )
            return
        log.info("a link from another program: %s", parsed.number)
        self.window.dial_from_outside(parsed.number)

    # -- settings -------------------------------------------------------------------------------

    def keyring_status(self) -> KeyringStatus:
        if self.secret_store is None:
            return KeyringStatus(False, "none", "no secret store in this session")
        return self.secret_store.status()

    def open_settings(self) -> SettingsDialog:
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return self.settings_dialog
        dialog = SettingsDialog(
            self.settings,
            keyring=self.keyring_status(),
            has_secret=self._secret_stored(),
            session_secret=self.secret is not None,
            spawn=self.bridge.spawn,
            probe_factory=self._probe_factory,
            stored_secret=self.secret,
            ldap_password_stored=self._ldap_password_known(),
            parent=self.window,
        )
        dialog.settingsAccepted.connect(
            lambda settings, secret: self._dialog_accepted(dialog, settings, secret)
        )
        dialog.finished.connect(lambda _r: self._settings_closed(dialog))
        self.settings_dialog = dialog
        self.window.show_and_raise()
        dialog.open()
        missing = self.bridge.status.missing_phones
        if self.bridge.status.state is LinkState.CONNECTED and missing:
            dialog.mark_setting("endpoints", self.window.conn_bar.missing_phones_text(missing))
        return dialog

    # -- how calls are answered ---------------------------------------------------------------

    def open_answer_dialog(self) -> AnswerMethodDialog:
        if self.answer_dialog is not None:
            self.answer_dialog.raise_()
            return self.answer_dialog
        dialog = AnswerMethodDialog(
            self.settings.answer_strategy,
            session_source=self._trial_session,
            spawn=lambda coro: self.bridge.spawn(coro, name=self.tr("Test call")),
            parent=self.window,
        )
        dialog.chosen.connect(self._answer_method_chosen)
        dialog.finished.connect(lambda _r: self._answer_dialog_closed(dialog))
        self.answer_dialog = dialog
        self.window.show_and_raise()
        dialog.open()
        dialog.start()
        return dialog

    def _trial_session(self) -> TrialSession | str:
        if self.settings.connection is ConnectionMode.HUB:
            return self.tr(
                "Through the hub the panel does not log in to Asterisk itself: the answer "
                "method is chosen in the settings, Phone, Answer."
            )
        if self.secret is None:
            return self.tr("Type the AMI secret in the settings first.")
        return self._trial_factory(
            to_connection_config(self.settings, self.secret), to_client_config(self.settings)
        )

    def _answer_method_chosen(self, strategy: AnswerStrategy) -> None:
        self.apply_settings(
            self.settings.replace(answer_strategy=strategy, answer_method_chosen=True), None
        )

    def _answer_dialog_closed(self, dialog: AnswerMethodDialog) -> None:
        if self.answer_dialog is dialog:
            self.answer_dialog = None
        dialog.deleteLater()

    def _ldap_password_known(self) -> bool:
        return (
            self._session_ldap_password() is not None
            or stored_ldap_password(self.settings, self.secret_store) is not None
        )

    def _dialog_accepted(
        self, dialog: SettingsDialog, settings: Settings, secret: str | None
    ) -> None:
        password = dialog.dialling.typed_ldap_password()
        if password is not None:
            self._keep_ldap_password(settings, password)  # before the lookup is rebuilt
        self.apply_settings(settings, secret)

    def _secret_stored(self) -> bool:
        """Is a secret really stored (keyring or opted-in file), not only typed this run?"""
        if self.secret_store is None:
            return False
        s = self.settings
        return (
            self.secret_store.get(s.username, s.host, allow_file=s.store_secret_in_file) is not None
        )

    def _settings_closed(self, dialog: SettingsDialog) -> None:
        if self.settings_dialog is dialog:
            self.settings_dialog = None
        dialog.deleteLater()

    def apply_settings(self, settings: Settings, secret: str | None) -> None:
        old = self.settings
        self.settings = settings
        if secret is not None:
            self.secret = secret
            self._store_secret(settings, secret)
        if self.persist and self.settings_store is not None:
            try:
                self.settings_store.save(settings)
            except OSError as exc:
                self.window.error_bar.show_error(self.tr("Settings not saved: %s") % exc)
        if self.translations is not None and settings.language != old.language:
            self.translations.install(settings.language)
            self.rebuild_window()
        set_display_region(effective_region(settings.region, QLocale.system().name()))
        self.caller_lookup = self._build_lookup()
        self.directory.lookup = self.caller_lookup
        self.directory.region = self._region()
        self._apply_retention()
        self.window.confirm_external_dial = settings.confirm_external_dial
        self.window.notifications.enabled = settings.notifications
        self.window.screen_pop.template = settings.screen_pop_url
        self.window.set_pause_reasons(settings.pause_reasons)
        self.desk.apply(settings)
        if self.secret is None:
            self.window.error_bar.show_error(self.tr("Type the AMI secret in the settings"))
            return
        if secret is not None or self._link_changed(old, settings):
            self.bridge.spawn(self._reconnect(), name="reconnect")

    def _pause_reasons_edited(self, reasons: tuple[str, ...]) -> None:
        self.apply_settings(self.settings.replace(pause_reasons=reasons), None)

    def _link_changed(self, old: Settings, new: Settings) -> bool:
        """Reconnect only for what the connection or the commands use (server, phone,
        strategies…) or when not connected: a new ringtone volume must not drop the calls."""
        if self.bridge.manager is None or self.bridge.status.state is not LinkState.CONNECTED:
            return True
        secret = self.secret or ""
        return to_connection_config(old, secret) != to_connection_config(new, secret) or (
            to_client_config(old) != to_client_config(new)
            or to_centre_config(old) != to_centre_config(new)
        )

    async def _reconnect(self) -> None:
        assert self.secret is not None
        await self.bridge.restart(
            to_connection_config(self.settings, self.secret),
            to_client_config(self.settings),
            to_centre_config(self.settings),
        )
        self.window.conn_bar.set_endpoints(self.settings.endpoints)

    def _store_secret(self, settings: Settings, secret: str) -> None:
        if self.secret_store is None or not self.persist:
            return
        try:
            self.secret_store.set(
                settings.username, settings.host, secret, allow_file=settings.store_secret_in_file
            )
        except KeyringUnavailable:
            log.info("no keyring and no opt-in: the secret is kept for this session only")
        except SecretStoreError as exc:
            self.window.error_bar.show_error(self.tr("The secret was not stored: %s") % exc)


def install_error_hooks(loop: asyncio.AbstractEventLoop, report: Callable[[str], None]) -> None:
    """Uncaught errors (in Qt slots, asyncSlot tasks, loop callbacks) are logged and shown in
    the error bar instead of vanishing or killing the panel (docs/TESTS.md)."""

    def excepthook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        log.error("uncaught error", exc_info=(kind, value, tb))
        report(QApplication.translate("Panel", "Internal error: %s") % value)

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = context.get("message", "")
        if isinstance(exc, asyncio.CancelledError):
            return
        log.error("asyncio: %s", message, exc_info=exc)
        report(QApplication.translate("Panel", "Internal error: %s") % (exc or message))

    sys.excepthook = excepthook
    loop.set_exception_handler(loop_handler)
