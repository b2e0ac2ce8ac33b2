"""The compact main window: connection line, notification/error bars, one widget per active
call (ringing on top), the dial box and the call history. It only talks to the bridge."""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..asterisk.status import ConnectionStatus
from ..calls.events import CallState, Capability, Direction, EndReason
from ..calls.model import Call
from ..calls.numbers import NumberRefused, normalize_number
from .agent_status import AgentStatusButton
from .banners import ErrorBar, NotificationBanner
from .bridge import QtConnector
from .callwidget import CallWidget
from .centre_glue import CentreGlue
from .centre_words import incoming_title
from .colleagues import ColleaguesPanel
from .deskmenu import DeskActions, MenuButton, show_about, show_help
from .diagnostics_action import copy_diagnostics
from .dialbox import DialBox
from .format import caller_line, format_number
from .history import HistoryPanel
from .notify import BannerNotifier, NotificationChain
from .queues_panel import PauseReasons, QueuesPanel, shown_reasons
from .screenpop import ScreenPop
from .statusbar import ConnectionBar
from .strings import end_reason_text, number_refused_text
from .transfer import TransferDialog

log = logging.getLogger(__name__)

_UNCONNECTED = frozenset(
    {EndReason.BUSY, EndReason.NO_ANSWER, EndReason.REJECTED, EndReason.FAILED}
)

SHORTCUT_ANSWER = "Ctrl+Shift+A"
SHORTCUT_HANGUP = "Ctrl+Shift+E"
SHORTCUT_HOLD = "Ctrl+Shift+H"
SHORTCUT_DIAL = "Ctrl+L"
MAX_CALLS_HEIGHT = 430
HIDE_CALLS_DELAY_MS = 250  # the empty call list collapses this long after the last call
SHORTCUT_HINTS = {
    Capability.ANSWER: SHORTCUT_ANSWER,
    Capability.HANGUP: SHORTCUT_HANGUP,
    Capability.HOLD: SHORTCUT_HOLD,
    Capability.UNHOLD: SHORTCUT_HOLD,
}


class MainWindow(QMainWindow):
    settingsRequested = Signal()
    quitRequested = Signal()
    missedChanged = Signal(int)

    def __init__(
        self,
        bridge: QtConnector,
        *,
        history: HistoryPanel | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        screen_pop: ScreenPop | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle("callpanel")
        self.bridge = bridge
        self._clock = clock
        self.hide_to_tray = False  # set by the app when a tray icon exists
        self.tray_alive: Callable[[], bool] = lambda: True  # the app: is the tray still there?
        self.quit_prompt: QMessageBox | None = None
        self._max_calls_height = MAX_CALLS_HEIGHT  # less on a small screen (fit_screen)
        self._quit_confirmed = False
        self.confirm_external_dial = True
        # Who a number is, for the operator's phone while it rings before a call out (the
        # contacts and the history set it; the phone shows the number alone when "").
        self.callee_name: Callable[[str], str] = lambda _number: ""
        self.screen_pop = screen_pop or ScreenPop("")
        self.call_widgets: dict[str, CallWidget] = {}
        self.transfer_dialog: TransferDialog | None = None
        self.external_prompt: QMessageBox | None = None

        central = QWidget(self)
        central.setObjectName("Central")
        self.conn_bar = ConnectionBar(clock=monotonic, parent=central)
        self.desk_actions = DeskActions(self)
        self.centre = CentreGlue(bridge, self)
        self.pause_reasons = PauseReasons()
        self.agent_status = AgentStatusButton(self.centre, self.pause_reasons)
        self.conn_bar.add_corner_widget(self.agent_status)  # Available / Paused / DND
        self.menu_button = MenuButton(self.desk_actions, self.conn_bar)
        self.conn_bar.add_corner_widget(self.menu_button)
        self.banner = NotificationBanner(central)
        self.error_bar = ErrorBar(central)
        self.no_calls = QLabel(self.tr("No active calls"), central)
        self.no_calls.setObjectName("NoCalls")
        self.no_calls.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.calls_box = QWidget(central)
        self.calls_box.setObjectName("CallsBox")
        self.calls_layout = QVBoxLayout(self.calls_box)
        self.calls_layout.setContentsMargins(0, 0, 0, 0)
        self.calls_layout.setSpacing(6)
        self.calls_layout.addStretch(1)  # call widgets keep their natural height, on top
        self.calls_scroll = QScrollArea(central)
        self.calls_scroll.setWidgetResizable(True)
        self.calls_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.calls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.calls_scroll.setWidget(self.calls_box)
        self.calls_scroll.setVisible(False)
        self.dial_box = DialBox(central)
        self.dial_box.edit.setToolTip(self.tr("Number to call (%s)") % SHORTCUT_DIAL)
        self.history = history if history is not None else HistoryPanel(None, parent=central)
        self.history.setParent(central)
        # The call centre: colleagues and queues beside the history, the status in the bar.
        self.colleagues = ColleaguesPanel(self.centre, central)
        self.queues = QueuesPanel(self.centre, self.pause_reasons(), central)
        self.side_tabs = QTabWidget(central)
        self.side_tabs.setObjectName("SideTabs")
        self.side_tabs.addTab(self.history, self.tr("History"))
        self.side_tabs.addTab(self.colleagues, self.tr("Colleagues"))
        self.side_tabs.addTab(self.queues, self.tr("Queues"))

        body = QVBoxLayout()
        body.setContentsMargins(10, 8, 10, 10)
        body.setSpacing(8)
        body.addWidget(self.banner)
        body.addWidget(self.error_bar)
        body.addWidget(self.dial_box)  # above the calls: it never moves when a call rings
        body.addWidget(self.no_calls)
        body.addWidget(self.calls_scroll)
        body.addWidget(self.side_tabs, 2)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.conn_bar)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.setMinimumWidth(360)
        self.history.setMinimumHeight(0)
        self.resize(440, 680)

        self.notifications = NotificationChain(self)
        banner_notifier = BannerNotifier(self.banner, self.notifications)
        self.notifications.add(banner_notifier)
        self.notifications.banner = banner_notifier
        me = weakref.ref(self)  # the chain is our child: no strong reference back
        self.notifications.window_active = lambda: (w := me()) is not None and w.isActiveWindow()
        self.notifications.window_visible = lambda: (w := me()) is not None and (
            w.isVisible() and not w.isMinimized()
        )
        self.notifications.activated.connect(self.focus_call)

        self._hide_calls = QTimer(self)
        self._hide_calls.setSingleShot(True)
        self._hide_calls.setInterval(HIDE_CALLS_DELAY_MS)
        self._hide_calls.timeout.connect(self._collapse_calls)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()

        self._shortcuts = [
            self._shortcut(SHORTCUT_ANSWER, self.answer_current),
            self._shortcut(SHORTCUT_HANGUP, self.hangup_current),
            self._shortcut(SHORTCUT_HOLD, self.toggle_hold_current),
            self._shortcut(SHORTCUT_DIAL, self.dial_box.focus_number),
        ]

        bridge.statusChanged.connect(self._status)
        bridge.callAdded.connect(self._call_added)
        bridge.callUpdated.connect(self._call_updated)
        bridge.callEnded.connect(self._call_ended)
        bridge.callDropped.connect(self._call_dropped)
        bridge.incomingCall.connect(self._incoming)
        bridge.offeredChanged.connect(self._offered_changed)
        bridge.dialAllowedChanged.connect(self.dial_box.set_dial_allowed)
        bridge.errorOccurred.connect(self.error_bar.show_error)
        bridge.consultingChanged.connect(self._consulting_changed)
        self.dial_box.dialRequested.connect(self._dial)
        self.colleagues.callRequested.connect(self._dial)
        self.colleagues.transferRequested.connect(self._transfer_to_colleague)
        self.queues.reasonsChanged.connect(self.set_pause_reasons)
        self.history.callBackRequested.connect(self._call_back)
        self.history.missedChanged.connect(self.missedChanged)
        self.conn_bar.settingsRequested.connect(self.settingsRequested)
        self.desk_actions.settingsRequested.connect(self.settingsRequested)
        self.desk_actions.quitRequested.connect(self.quitRequested)
        self.desk_actions.helpRequested.connect(self.show_help)
        self.desk_actions.aboutRequested.connect(lambda: show_about(self))
        self.desk_actions.diagnosticsRequested.connect(lambda: copy_diagnostics(self))
        self.conn_bar.retryRequested.connect(bridge.retry)
        self.conn_bar.set_endpoints(bridge.client_config.endpoints)
        self.conn_bar.set_status(bridge.status)
        allowed, reason = bridge.dial_allowed()
        self.dial_box.set_dial_allowed(allowed, reason)
        for call in bridge.calls():
            self._call_added(call)

    # -- shortcuts and "current call" ----------------------------------------------------------

    def _shortcut(self, keys: str, slot: Callable[[], object]) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def ordered_widgets(self) -> list[CallWidget]:
        return [
            self.call_widgets[c.call_id]
            for c in self.bridge.calls()
            if c.call_id in self.call_widgets
        ]

    def _first_with(self, cap: Capability, states: tuple[CallState, ...]) -> CallWidget | None:
        for state in states:
            for widget in self.ordered_widgets():
                if widget.call.state is state and cap in widget.caps:
                    return widget
        return None

    def answer_current(self) -> None:
        widget = self._first_with(Capability.ANSWER, (CallState.RINGING,))
        if widget is not None:
            self.bridge.answer(widget.call_id)

    def hangup_current(self) -> None:
        # the conversation first, then a call we are dialling, then a ringing one (reject)
        widget = self._first_with(
            Capability.HANGUP,
            (CallState.TALKING, CallState.DIALING, CallState.HOLD, CallState.RINGING),
        )
        if widget is not None:
            self.bridge.hangup(widget.call_id)

    def toggle_hold_current(self) -> None:
        widget = self._first_with(Capability.HOLD, (CallState.TALKING,))
        if widget is not None:
            self.bridge.hold(widget.call_id)
            return
        widget = self._first_with(Capability.UNHOLD, (CallState.HOLD,))
        if widget is not None:
            self.bridge.unhold(widget.call_id)

    # -- bridge signals -------------------------------------------------------------------------

    def _status(self, status: ConnectionStatus) -> None:
        self.conn_bar.set_status(status)

    def _offered_changed(self) -> None:
        for widget in self.call_widgets.values():
            widget.set_offered(self.bridge.offered, self.bridge.why_not)
        self._mark_current()

    def _consulting_changed(self, call_id: str, on: bool) -> None:
        widget = self.call_widgets.get(call_id)
        if widget is not None:
            widget.set_consulting(on)

    def _call_added(self, call: Call) -> None:
        if call.call_id in self.call_widgets:
            self._call_updated(call)
            return
        widget = CallWidget(
            call,
            offered=self.bridge.offered,
            why_not=self.bridge.why_not,
            clock=self._clock,
            shortcuts=SHORTCUT_HINTS,
            parent=self.calls_box,
        )
        widget.answerRequested.connect(self.bridge.answer)
        widget.holdRequested.connect(self.bridge.hold)
        widget.unholdRequested.connect(self.bridge.unhold)
        widget.hangupRequested.connect(self.bridge.hangup)
        widget.dtmfRequested.connect(self.bridge.dtmf)
        widget.transferRequested.connect(self.open_transfer)
        widget.cancelTransferRequested.connect(self.bridge.cancel_transfer)
        widget.completeTransferRequested.connect(self.bridge.complete_transfer)
        widget.set_consulting(call.call_id in self.bridge.consulting)
        widget.keypad_button.toggled.connect(lambda _on: self._fit_calls())
        self.call_widgets[call.call_id] = widget
        self._relayout()
        # new cards go below the others: bring this one into view
        QTimer.singleShot(0, lambda: self._show_widget(call.call_id))

    def _show_widget(self, call_id: str) -> None:
        widget = self.call_widgets.get(call_id)
        if widget is not None:
            self.calls_scroll.ensureWidgetVisible(widget)

    def _call_updated(self, call: Call) -> None:
        widget = self.call_widgets.get(call.call_id)
        if widget is None:
            self._call_added(call)
            return
        widget.set_call(call)
        if call.state is not CallState.RINGING:
            self.notifications.withdraw(call.call_id)
        self._relayout()

    def _call_ended(self, call: Call) -> None:
        self._call_dropped(call)
        self.history.record(call)
        if (
            call.direction is Direction.OUTGOING
            and call.answered_at is None
            and call.end_reason in _UNCONNECTED
        ):
            # A click-to-call that never connected would otherwise just vanish.
            self.error_bar.show_error(
                self.tr("Call to %s: %s")
                % (format_number(call.number) or call.number, end_reason_text(call.end_reason))
            )

    def _call_dropped(self, call: Call) -> None:
        self.notifications.withdraw(call.call_id)
        widget = self.call_widgets.pop(call.call_id, None)
        if widget is not None:
            # out of the layout and hidden; setParent(None) would first make it a top-level
            # window, a few ms each (docs/TESTS.md: event flood)
            self.calls_layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        if self.transfer_dialog is not None and self.transfer_dialog.call_id == call.call_id:
            self.transfer_dialog.reject()
        self._relayout()

    def set_pause_reasons(self, reasons: tuple[str, ...]) -> None:
        self.pause_reasons.items = shown_reasons(reasons)
        self.queues.set_reasons(self.pause_reasons.items)

    def _transfer_to_colleague(self, extension: str, attended: bool) -> None:
        widget = self.current_widget()
        if widget is None:
            self.error_bar.show_error(self.tr("Transfer: there is no call to transfer"))
            return
        self.bridge.transfer(widget.call_id, extension, attended=attended)

    def _incoming(self, call: Call) -> None:
        title = incoming_title(call)  # a queue call names its queue
        self.notifications.notify(call.call_id, title, caller_line(call.name, call.number))
        self.screen_pop.open_for(call)

    def _relayout(self) -> None:
        """Cards stay where they first appeared (a new call is added below): a card never
        moves under the mouse when another call changes state."""
        order = list(self.call_widgets.values())
        layout = self.calls_layout
        items = (layout.itemAt(i) for i in range(layout.count()))
        placed = [item.widget() for item in items if item is not None]
        if [w for w in placed if w is not None] != order:  # most updates keep the order
            for widget in self.call_widgets.values():
                layout.removeWidget(widget)
            for index, widget in enumerate(order):
                layout.insertWidget(index, widget)
        has_calls = bool(self.call_widgets)
        self.no_calls.setVisible(not has_calls)
        if has_calls:
            self.calls_scroll.setVisible(True)
            self._hide_calls.stop()
        elif not self._hide_calls.isActive():
            # Collapsed a moment later: showing the area again costs a few ms, and a burst
            # of short calls would otherwise show and hide it for every call
            # (docs/TESTS.md: event flood).
            self._hide_calls.start()
        self._fit_calls()
        self._mark_current()

    def current_widget(self) -> CallWidget | None:
        """The call the shortcuts act on: a ringing call to answer, else the conversation."""
        return self._first_with(Capability.ANSWER, (CallState.RINGING,)) or self._first_with(
            Capability.HANGUP,
            (CallState.TALKING, CallState.DIALING, CallState.HOLD, CallState.RINGING),
        )

    def _mark_current(self) -> None:
        current = self.current_widget()
        several = len(self.call_widgets) > 1  # with one call there is nothing to tell apart
        for widget in self.call_widgets.values():
            widget.set_current(widget is current, marked=several and widget is current)

    def _collapse_calls(self) -> None:
        if not self.call_widgets:
            self.calls_scroll.setVisible(False)

    def _fit_calls(self) -> None:
        """As tall as the calls need (the history takes the rest); scroll beyond three or so.
        Computed from the widgets' hints: new ones are not shown (laid out) yet."""
        widgets = list(self.call_widgets.values())
        if not widgets:
            return
        spacing = self.calls_layout.spacing()
        needed = sum(w.sizeHint().height() for w in widgets) + spacing * (len(widgets) - 1)
        self.calls_scroll.setFixedHeight(min(needed + 2, self._max_calls_height))

    def tick(self) -> None:
        for widget in self.call_widgets.values():
            widget.refresh_timer()
        self.conn_bar.refresh()

    # -- actions --------------------------------------------------------------------------------

    def focus_call(self, call_id: str) -> None:
        """Raise the window on this call (a notification was clicked)."""
        self.show_and_raise()
        widget = self.call_widgets.get(call_id)
        if widget is not None:
            self.calls_scroll.ensureWidgetVisible(widget)
            target = widget.answer_button if widget.answer_button.isEnabled() else widget
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_help(self) -> None:
        show_help(
            self,
            {
                self.tr("answer the ringing call"): SHORTCUT_ANSWER,
                self.tr("hang up"): SHORTCUT_HANGUP,
                self.tr("hold / take back"): SHORTCUT_HOLD,
                self.tr("type a number to call"): SHORTCUT_DIAL,
            },
        )

    def show_and_raise(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def open_transfer(self, call_id: str) -> None:
        widget = self.call_widgets.get(call_id)
        if widget is None:
            return
        if self.transfer_dialog is not None:
            self.transfer_dialog.reject()
        call = widget.call
        dialog = TransferDialog(
            call_id,
            caller_line(call.name, call.number),
            self.history.recent_contacts(),
            attended_allowed=Capability.ATTENDED_TRANSFER in widget.caps,
            blind_allowed=Capability.TRANSFER in widget.caps,
            caller_number=call.number,
            lines_missing=self.bridge.transfer_lines is False,
            parent=self,
        )
        dialog.transferChosen.connect(self._transfer_chosen)
        dialog.finished.connect(lambda _r: self._forget_transfer(dialog))
        self.transfer_dialog = dialog
        dialog.open()

    def _forget_transfer(self, dialog: TransferDialog) -> None:
        if self.transfer_dialog is dialog:
            self.transfer_dialog = None
        dialog.deleteLater()

    def _transfer_chosen(self, call_id: str, number: str, attended: bool) -> None:
        self.bridge.transfer(call_id, number, attended=attended)

    def _dial(self, number: str) -> None:
        self.error_bar.dismiss()
        try:
            normalize_number(number)  # the client checks again; this names the bad character now
        except NumberRefused as exc:
            self.error_bar.show_error(
                self.tr("Call: the input is not valid: %s") % number_refused_text(exc)
            )
            return
        self.bridge.dial(number, self.callee_name(number))

    def _call_back(self, number: str) -> None:
        self.dial_box.set_number(number)
        self._dial(number)

    def dial_from_outside(self, number: str) -> None:
        """A number from `callpanel dial` or a tel:/callto:/sip: link: shown, then confirmed."""
        self.show_and_raise()
        self.dial_box.set_number(number)
        if not self.confirm_external_dial:
            self._dial(number)
            return
        if self.external_prompt is not None:
            self.external_prompt.close()
        box = QMessageBox(self)
        box.setObjectName("ExternalDialPrompt")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Call this number?"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Another program asks to call %s. Call now?") % format_number(number))
        call_button = box.addButton(self.tr("Call"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        call_button.setObjectName("ConfirmCall")

        def done(_result: int) -> None:
            if box.clickedButton() is call_button:
                self._dial(number)
            if self.external_prompt is box:
                self.external_prompt = None
            box.deleteLater()

        box.finished.connect(done)
        self.external_prompt = box
        box.open()

    # -- window ---------------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.history.mark_seen()
        self.fit_screen()

    def fit_screen(self) -> None:
        """Never taller or wider than the screen's free area (a laptop at 2x scale has
        ~680x380 logical pixels): the history and the calls scroll instead."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.size()  # the title bar and borders
        width = min(self.width(), max(self.minimumWidth(), free.width() - frame.width()))
        height = min(self.height(), free.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        self._max_calls_height = max(120, min(MAX_CALLS_HEIGHT, free.height() // 2))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() is QEvent.Type.ActivationChange and self.isActiveWindow():
            self.history.mark_seen()

    def closeEvent(self, event: QCloseEvent) -> None:
        # to the tray only while there is one: a tray host that went away leaves no way back
        if self.hide_to_tray and self.tray_alive():
            event.ignore()
            self.hide()
            return
        active = [w for w in self.call_widgets.values() if w.call.state is not CallState.ENDED]
        if active and not self._quit_confirmed:
            event.ignore()
            self._ask_quit(len(active))
            return
        event.accept()
        self.quitRequested.emit()

    def _ask_quit(self, calls: int) -> None:
        """Closing with calls in progress: ask first (the calls go on at the phone)."""
        if self.quit_prompt is not None:
            self.quit_prompt.raise_()
            return
        box = QMessageBox(self)
        box.setObjectName("QuitPrompt")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Quit callpanel?"))
        text = self.tr("Calls in progress: %d. They go on at your phone, unseen. Quit anyway?")
        box.setText(text % calls)
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.DestructiveRole)
        quit_button.setObjectName("ConfirmQuit")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def done(_result: int) -> None:
            self.quit_prompt = None
            if box.clickedButton() is quit_button:
                self._quit_confirmed = True
                self.close()
            box.deleteLater()

        box.finished.connect(done)
        self.quit_prompt = box
        box.open()
