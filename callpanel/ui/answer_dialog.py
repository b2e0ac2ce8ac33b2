"""How calls are answered: the three answer methods in plain words, those the PBX cannot do
greyed out with the reason, and a real test call to the operator's phone to see the chosen one
work (asterisk/answer_trial.py does the PBX side). Opened on the first start and from the ☰ menu;
the choice goes into the settings."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..asterisk.answer_trial import (
    METHODS,
    AnswerTrial,
    Assessment,
    Lack,
    MethodCheck,
    TrialFailure,
    TrialSession,
    TrialState,
    TrialStatus,
)
from ..asterisk.config import AnswerStrategy
from ..asterisk.errors import AsteriskError
from .reasons import denial_text

log = logging.getLogger(__name__)

WIDTH = 560  # the explanations in three or four lines each
MIN_WIDTH = 440

Spawn = Callable[[Coroutine[Any, Any, None]], object]
# a new login for the dialog, or why there can be none (a text for the operator)
SessionSource = Callable[[], "TrialSession | str"]


def method_title(strategy: AnswerStrategy) -> str:
    titles = {
        AnswerStrategy.NONE: QCoreApplication.translate(
            "AnswerDialog", "I pick up the phone myself"
        ),
        AnswerStrategy.PHONE_NOTIFY: QCoreApplication.translate(
            "AnswerDialog", "The panel tells my desk phone to pick up"
        ),
        AnswerStrategy.PBX_BRIDGE: QCoreApplication.translate(
            "AnswerDialog", "The PBX calls my phone, which answers by itself"
        ),
    }
    return titles[strategy]


def method_explanation(strategy: AnswerStrategy) -> str:
    texts = {
        AnswerStrategy.NONE: QCoreApplication.translate(
            "AnswerDialog",
            "You answer with the handset, the headset button or the phone's own key. The "
            "panel shows every call, but its Answer button stays off.",
        ),
        AnswerStrategy.PHONE_NOTIFY: QCoreApplication.translate(
            "AnswerDialog",
            "Answer in the panel sends your phone a signal to pick up (a SIP NOTIFY "
            "“talk”). Many desk phones (Yealink, Snom, Fanvil, Grandstream) obey it once it "
            "is allowed in their own settings; softphones rarely do.",
        ),
        AnswerStrategy.PBX_BRIDGE: QCoreApplication.translate(
            "AnswerDialog",
            "Answer in the panel makes the PBX call your phone with an auto-answer request "
            "and puts the caller through to that call. Your phone must accept auto-answer "
            "(headset or speaker).",
        ),
    }
    return texts[strategy]


def lack_text(check: MethodCheck) -> str:
    """Why the PBX cannot do this method, in the operator's words."""
    if check.lack is Lack.DENIED and check.denial is not None:
        return QCoreApplication.translate("AnswerDialog", "Not possible here: %s") % denial_text(
            check.denial
        )
    if check.lack is Lack.ACTION_NOT_ALLOWED:
        return (
            QCoreApplication.translate(
                "AnswerDialog",
                "Not possible here: this AMI user may not run %1 (write class “%2” in "
                "manager.conf). Ask the PBX administrator.",
            )
            .replace("%1", check.action)
            .replace("%2", check.write_class)
        )
    if check.lack is Lack.ACTION_NOT_LOADED:
        return (
            QCoreApplication.translate(
                "AnswerDialog", "Not possible here: this PBX has no %s (its module is not loaded)."
            )
            % check.action
        )
    if check.lack is Lack.NO_CONTEXT:
        return (
            QCoreApplication.translate(
                "AnswerDialog",
                "Not possible here: the PBX has no dialplan context “%s” for auto-answer calls. "
                "Ask the PBX administrator to add it.",
            )
            % check.context
        )
    return ""


def trial_text(strategy: AnswerStrategy, status: TrialStatus, answer_sent: bool) -> str:
    """What the test call is doing, and what it shows."""
    state, failure = status.state, status.failure
    if state is TrialState.CALLING:
        return QCoreApplication.translate("AnswerDialog", "Calling your phone…")
    if state is TrialState.RINGING and failure is TrialFailure.NOTIFY_FAILED:
        return (
            QCoreApplication.translate(
                "AnswerDialog",
                "The PBX could not tell your phone to pick up (%s). Answer on the handset, or "
                "choose another method.",
            )
            % status.detail
        )
    if state is TrialState.RINGING:
        if strategy is AnswerStrategy.PHONE_NOTIFY and answer_sent:
            return QCoreApplication.translate(
                "AnswerDialog",
                "The signal to pick up was sent. If your phone keeps ringing, it does not "
                "obey it: allow it in the phone's settings, or choose another method.",
            )
        if strategy is AnswerStrategy.PHONE_NOTIFY:
            return QCoreApplication.translate(
                "AnswerDialog", "Your phone rings: press “Answer from the panel”."
            )
        if strategy is AnswerStrategy.PBX_BRIDGE:
            return QCoreApplication.translate(
                "AnswerDialog",
                "Your phone rings and should pick up by itself in a moment; do not touch it.",
            )
        return QCoreApplication.translate("AnswerDialog", "Your phone rings: pick it up.")
    if state is TrialState.ANSWERED:
        if strategy is AnswerStrategy.PHONE_NOTIFY and answer_sent:
            return QCoreApplication.translate(
                "AnswerDialog",
                "Your phone picked up when the panel told it to: answering from the panel "
                "works. You hear your own voice.",
            )
        if strategy is AnswerStrategy.PBX_BRIDGE:
            return QCoreApplication.translate(
                "AnswerDialog",
                "Your phone picked up. If you did not touch it, answering from the panel "
                "works. You hear your own voice.",
            )
        return QCoreApplication.translate(
            "AnswerDialog", "Answered: the panel sees your phone's calls. You hear your own voice."
        )
    if state is TrialState.ENDED:
        return QCoreApplication.translate("AnswerDialog", "The test call has ended.")
    if state is TrialState.FAILED:
        failures = {
            TrialFailure.REFUSED: QCoreApplication.translate(
                "AnswerDialog", "The PBX refused the test call: %s"
            )
            % status.detail,
            TrialFailure.UNREACHABLE: QCoreApplication.translate(
                "AnswerDialog",
                "Your phone could not be called. Is it switched on and registered, and is "
                "its name in the settings right?",
            ),
            TrialFailure.BUSY: QCoreApplication.translate(
                "AnswerDialog", "Your phone declined the test call."
            ),
            TrialFailure.NO_ANSWER: QCoreApplication.translate(
                "AnswerDialog", "Nobody answered the test call."
            ),
        }
        return failures.get(failure or TrialFailure.UNREACHABLE, "")
    return ""


class AnswerMethodDialog(QDialog):
    chosen = Signal(object)  # the AnswerStrategy the operator chose (Use this method)

    def __init__(
        self,
        current: AnswerStrategy,
        *,
        session_source: SessionSource,
        spawn: Spawn,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerMethodDialog")
        self.setWindowTitle(self.tr("How calls are answered"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, False)
        self._source = session_source
        self._spawn = spawn
        self.session: TrialSession | None = None
        self.assessment: Assessment | None = None
        self.trial: AnswerTrial | None = None
        self._answer_sent = False
        self._opening = False
        self._closing = False

        intro = QLabel(
            self.tr(
                "How should the panel's Answer button pick up a call? The PBX was asked what "
                "it can do; a test call rings your phone so that you can see the method work."
            )
        )
        intro.setWordWrap(True)
        # the explanations scroll on a small screen (a laptop at 2x: ~680x380 logical pixels)
        self.body = QWidget()
        methods = QVBoxLayout(self.body)
        methods.setContentsMargins(0, 0, 0, 0)
        methods.addWidget(intro)
        self.group = QButtonGroup(self)
        self.radios: dict[AnswerStrategy, QRadioButton] = {}
        self.reasons: dict[AnswerStrategy, QLabel] = {}
        for strategy in METHODS:
            radio = QRadioButton(method_title(strategy))
            radio.setObjectName(f"Method-{strategy.value}")
            explanation = QLabel(method_explanation(strategy))
            explanation.setWordWrap(True)
            explanation.setObjectName("MethodExplanation")
            reason = QLabel()
            reason.setWordWrap(True)
            reason.setObjectName("MethodReason")
            reason.setStyleSheet("color: #c92a2a;")
            reason.setVisible(False)
            box = QVBoxLayout()
            box.setContentsMargins(24, 0, 0, 6)
            box.setSpacing(2)
            box.addWidget(explanation)
            box.addWidget(reason)
            methods.addWidget(radio)
            methods.addLayout(box)
            self.group.addButton(radio)
            self.radios[strategy] = radio
            self.reasons[strategy] = reason
        methods.addStretch(1)
        self.radios[current].setChecked(True)
        self.group.buttonToggled.connect(self._method_changed)
        self.area = QScrollArea()
        self.area.setWidget(self.body)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)

        self.status = QLabel(self.tr("Asking the PBX what it can do…"))
        self.status.setObjectName("TrialStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the server
        self.test_button = QPushButton(self.tr("Test call to my phone"))
        self.test_button.setObjectName("TestCallButton")
        self.test_button.setEnabled(False)
        self.answer_button = QPushButton(self.tr("Answer from the panel"))
        self.answer_button.setObjectName("TrialAnswerButton")
        self.end_button = QPushButton(self.tr("End test call"))
        self.end_button.setObjectName("EndTrialButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.box = QDialogButtonBox()
        self.use_button = self.box.addButton(
            self.tr("Use this method"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_button.setObjectName("UseMethodButton")
        later = self.box.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("NotNowButton")
        layout.addWidget(self.box)
        self.box.accepted.connect(self._use)
        self.box.rejected.connect(self.reject)
        self.test_button.clicked.connect(self._test)
        self.answer_button.clicked.connect(self._answer)
        self.end_button.clicked.connect(self._end)
        self.finished.connect(self._finished)
        self.setMinimumWidth(MIN_WIDTH)
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_screen()

    def fit_screen(self) -> None:
        """As tall as the explanations need at this width, never larger than the screen:
        then they scroll."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.size()
        width = min(max(self.width(), WIDTH), free.width() - frame.width())
        self.setMinimumWidth(min(MIN_WIDTH, width))
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        side = margins.left() + margins.right() if margins is not None else 0
        bar = self.area.verticalScrollBar().sizeHint().width()
        # heightForWidth alone comes out short for the nested layouts: the taller of the two
        needed = max(self.body.heightForWidth(width - side - bar), self.body.sizeHint().height())
        others = self.sizeHint().height() - self.area.sizeHint().height()
        cap = free.height() - frame.height()
        height = min(max(needed + others + 4, self.height(), 200), cap)  # grows, never shrinks
        self.resize(width, height)

    # -- the PBX ------------------------------------------------------------------------------

    def start(self) -> None:
        """Log in (its own session) and grey out what this PBX cannot do."""
        found = self._source()
        if isinstance(found, str):
            self.status.setText(found)
            return
        self.session = found
        self._spawn(self._open(found))

    async def _open(self, session: TrialSession) -> None:
        self._opening = True
        try:
            assessment = await session.open()
        except AsteriskError as exc:
            log.info("answer methods: %s", exc)
            if not self._closing:
                self.status.setText(self.tr("The PBX could not be asked: %s") % exc)
                self.status.setToolTip(str(exc))
            return
        finally:
            self._opening = False
            if self._closing:  # closed while logging in: log off now; the widgets may be gone
                await self.close_session()
        if not self._closing:
            self.show_assessment(assessment)

    def show_assessment(self, assessment: Assessment) -> None:
        self.assessment = assessment
        for check in assessment.methods:
            reason = self.reasons[check.strategy]
            reason.setText(lack_text(check))
            reason.setVisible(not check.available)
        selected = self.selected()
        if not assessment.check(selected).available:
            self.radios[AnswerStrategy.NONE].setChecked(True)
        if assessment.can_test:
            self.status.setText(
                self.tr("Choose a method and make a test call to see it work on your phone.")
            )
        else:
            self.status.setText(
                self.tr(
                    "A test call is not possible: this AMI user may not originate calls "
                    "(write class “originate”)."
                )
            )
        self._update_buttons()
        if self.isVisible():  # the reasons made it taller
            self.fit_screen()

    def selected(self) -> AnswerStrategy:
        return next(s for s, radio in self.radios.items() if radio.isChecked())

    # -- the test call ------------------------------------------------------------------------

    def _calling(self) -> bool:
        return self.trial is not None and self.trial.status.state in (
            TrialState.CALLING,
            TrialState.RINGING,
            TrialState.ANSWERED,
        )

    def _update_buttons(self) -> None:
        ready = self.session is not None and self.assessment is not None
        can_test = ready and self.assessment is not None and self.assessment.can_test
        calling = self._calling()
        self.test_button.setEnabled(bool(can_test) and not calling)
        self.test_button.setVisible(not calling)  # End test call takes its place
        self.end_button.setVisible(calling)
        notify = self.selected() is AnswerStrategy.PHONE_NOTIFY
        ringing = self.trial is not None and self.trial.status.state is TrialState.RINGING
        self.answer_button.setVisible(notify and calling)
        self.answer_button.setEnabled(ringing)
        for radio in self.radios.values():  # the method is not changed in the middle of a test
            radio.setDisabled(calling or not self._possible(radio))

    def _possible(self, radio: QRadioButton) -> bool:
        if self.assessment is None:
            return True
        strategy = next(s for s, r in self.radios.items() if r is radio)
        return self.assessment.check(strategy).available

    def _method_changed(self, _button: object = None, _checked: bool = True) -> None:
        self._update_buttons()

    def _test(self) -> None:
        if self.session is None:
            return
        self._answer_sent = False
        self.trial = self.session.trial(
            self.selected(), caller_name=self.tr("Test call"), on_change=self._trial_changed
        )
        self._spawn(self.trial.ring())

    def _trial_changed(self, status: TrialStatus) -> None:
        if self.trial is None:
            return
        self.status.setText(trial_text(self.trial.strategy, status, self._answer_sent))
        self.status.setToolTip(status.detail)
        self._update_buttons()

    def _answer(self) -> None:
        if self.trial is None:
            return
        self._answer_sent = True
        self._spawn(self.trial.answer())
        if self.trial.status.state is TrialState.RINGING:
            self._trial_changed(self.trial.status)

    def _end(self) -> None:
        if self.trial is not None:
            self._spawn(self.trial.end())

    # -- closing --------------------------------------------------------------------------------

    def _use(self) -> None:
        self.chosen.emit(self.selected())
        self.accept()

    def _finished(self, _result: int) -> None:
        self._closing = True
        if self.session is not None and not self._opening:
            self._spawn(self.close_session())

    async def close_session(self) -> None:
        """Hang the test call up and log off (once)."""
        session, self.session = self.session, None
        if session is not None:
            try:
                await session.close()
            except AsteriskError as exc:
                log.info("answer methods: closing: %s", exc)
