"""A colleague list of 2,000 extensions stays responsive (issue 13, item 8).

Builds the real ColleaguesPanel (model, sort/filter proxy, one-column QTreeView) offscreen
and measures, in the same process, against two comparisons: one QLabel per colleague in a
layout (what a widget-per-row list would cost), and the same panel showing its rows in a
QListView (what it used before: a QListView repaints every visible row for each change):

* load: the whole list at login (the ExtensionStateList snapshot) shown and laid out;
* live: 10,000 colleague state changes (ExtensionStatus) applied and painted;
* search: typing "1", "12", "123", "1234" and clearing, each keystroke filtered and painted.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_colleagues.py``
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from callpanel.centre import (
    CentreState,
    Colleague,
    ColleagueChanged,
    ColleagueState,
)
from callpanel.ui.colleagues import ColleaguesPanel

COUNT = 2000
CHANGES = 10_000
NAMES = ("Мария Соколова", "Dmitry Orlov", "Elena Popova", "Алексей Морозов-Задунайский")


class FakeGlue:
    """Just enough of CentreGlue for the panel: signals are wired by hand below."""

    def __init__(self, state: CentreState) -> None:
        from PySide6.QtCore import QObject, Signal

        class Signals(QObject):
            colleagueChanged = Signal(object, bool)
            colleaguesReset = Signal()

        self.signals = Signals()
        self.colleagueChanged = self.signals.colleagueChanged
        self.colleaguesReset = self.signals.colleaguesReset
        self.state = state

    def why_not(self, *_args: object, **_kw: object) -> str:
        return ""


def colleagues() -> list[Colleague]:
    return [
        Colleague(str(1000 + i), "internal", f"{NAMES[i % 4]} {i}", (f"PJSIP/{1000 + i}",),
                  ColleagueState.IDLE)
        for i in range(COUNT)
    ]  # fmt: skip


def pump(app: QApplication) -> None:
    app.processEvents()
    app.processEvents()


def bench_panel(app: QApplication, list_view: bool = False) -> dict[str, float]:
    state = CentreState()
    state.replace_colleagues(colleagues())
    glue = FakeGlue(state)
    t0 = time.perf_counter()
    panel = ColleaguesPanel(glue)  # type: ignore[arg-type]
    if list_view:  # the comparison: the same model and filter in a QListView
        view = QListView(panel)
        view.setModel(panel.proxy)
        view.setUniformItemSizes(True)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout = panel.layout()
        assert layout is not None
        layout.replaceWidget(panel.view, view)
        panel.view.hide()
    panel.resize(420, 600)
    panel.show()
    pump(app)
    load = time.perf_counter() - t0

    rng = random.Random(13)
    states = list(ColleagueState)
    t0 = time.perf_counter()
    worst = 0.0
    for n in range(CHANGES):
        ext = str(1000 + rng.randrange(COUNT))
        t1 = time.perf_counter()
        for event in state.set_colleague_state(ext, states[n % len(states)]):
            assert isinstance(event, ColleagueChanged)
            glue.colleagueChanged.emit(event.colleague, event.removed)
        if n % 50 == 0:
            pump(app)  # a paint now and then, as the event loop would
        worst = max(worst, time.perf_counter() - t1)
    pump(app)
    live = time.perf_counter() - t0

    t0 = time.perf_counter()
    keystroke = 0.0
    for text in ("1", "12", "123", "1234", "мар", ""):
        t1 = time.perf_counter()
        panel.search.setText(text)
        pump(app)
        keystroke = max(keystroke, time.perf_counter() - t1)
    search = time.perf_counter() - t0
    panel.close()
    return {"load": load, "live": live, "worst_change": worst, "search": search,
            "worst_keystroke": keystroke}  # fmt: skip


def bench_widgets(app: QApplication) -> dict[str, float]:
    """The comparison: one QLabel per colleague; a change rewrites one label."""
    t0 = time.perf_counter()
    area = QScrollArea()
    box = QWidget()
    layout = QVBoxLayout(box)
    labels = {}
    for c in colleagues():
        label = QLabel(f"{c.extension}  {c.name}")
        layout.addWidget(label)
        labels[c.extension] = label
    area.setWidget(box)
    area.resize(420, 600)
    area.show()
    pump(app)
    load = time.perf_counter() - t0
    rng = random.Random(13)
    t0 = time.perf_counter()
    for n in range(CHANGES):
        ext = str(1000 + rng.randrange(COUNT))
        labels[ext].setText(f"{ext} state {n}")
        if n % 50 == 0:
            pump(app)
    pump(app)
    live = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in ("1", "12", "123", "1234", "мар", ""):
        for ext, label in labels.items():
            label.setVisible(text in ext or text in label.text())
        pump(app)
    search = time.perf_counter() - t0
    area.close()
    return {"load": load, "live": live, "search": search}


def line(what: str, ours: float, theirs: float, name: str, extra: str = "") -> str:
    ratio = theirs / ours if ours else float("inf")
    return (
        f"  {what:<10} panel {ours * 1000:8.1f} ms   {name} {theirs * 1000:8.1f} ms"
        f"   ratio {ratio:.1f}x{extra}"
    )


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    panel = bench_panel(app)
    widgets = bench_widgets(app)
    listed = bench_panel(app, list_view=True)
    print(f"colleagues: {COUNT}, state changes: {CHANGES} (PySide6 offscreen)")
    for name, other in (("widgets", widgets), ("QListView", listed)):
        print(f"against {name}:")
        print(line("load", panel["load"], other["load"], name))
        per_change = panel["live"] / CHANGES * 1e6
        worst = panel["worst_change"] * 1000
        print(line("changes", panel["live"], other["live"], name,
                   f"   ({per_change:.0f} µs a change, worst {worst:.1f} ms)"))  # fmt: skip
        keystroke = panel["worst_keystroke"] * 1000
        print(line("search", panel["search"], other["search"], name,
                   f"   (worst keystroke {keystroke:.1f} ms)"))  # fmt: skip


if __name__ == "__main__":
    main()
