"""The panel's **Copy diagnostics** (menu): the report to the clipboard, the zip with the log and
the AMI traffic into the log directory; and the recorder that keeps that traffic."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import diagnostics
from ..asterisk import traffic
from ..store import paths

log = logging.getLogger(__name__)

_recording: list[Callable[[], None]] = []


def record_traffic() -> None:
    """From now on keep the AMI traffic (scrubbed) in the log directory's ami-traffic.jsonl."""
    if _recording:
        return
    sink = traffic.TrafficFile(diagnostics.traffic_path())
    remove = traffic.add_tap(traffic.TrafficRecorder(sink=sink))

    def stop() -> None:
        remove()
        sink.close()

    _recording.append(stop)


def stop_recording() -> None:
    while _recording:
        _recording.pop()()


def copy_diagnostics(parent: QWidget | None, *, ask: bool = True, mask: bool | None = None) -> str:
    """Collect, write the zip, put the report on the clipboard; returns the zip's path."""
    if mask is None:
        mask = ask and (
            QMessageBox.question(
                parent,
                QApplication.translate("Diagnostics", "Copy diagnostics"),
                QApplication.translate(
                    "Diagnostics",
                    "Replace phone numbers and caller names with stand-ins? (The secret is "
                    "never included.)",
                ),
            )
            == QMessageBox.StandardButton.Yes
        )
    for handler in logging.getLogger().handlers:
        handler.flush()
    found = diagnostics.collect(mask=bool(mask))
    target = found.write_zip(paths.log_dir() / diagnostics.default_zip_name())
    note = QApplication.translate(
        "Diagnostics", "Attach this file to the bug report (log and AMI traffic): %1"
    ).replace("%1", str(target))
    QApplication.clipboard().setText(found.report + "\n" + note + "\n")
    log.info("diagnostics written to %s", target)
    if ask:
        QMessageBox.information(
            parent,
            QApplication.translate("Diagnostics", "Copy diagnostics"),
            QApplication.translate("Diagnostics", "The report is on the clipboard.") + "\n" + note,
        )
    return str(target)
