"""Issue 11 item 14: ``callpanel tel:…`` that cannot even be handed to the running panel (a line
break, 10 kB) says the link was refused, exits 2, and never claims the panel did not answer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from callpanel.ui.app import INSTANCE_ENV, run_gui
from callpanel.ui.single_instance import SingleInstance, unfit_reason


@pytest.fixture
def running_panel(qapp: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[SingleInstance]:
    name = f"callpanel-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(INSTANCE_ENV, name)
    instance = SingleInstance(name)
    assert instance.listen()
    yield instance
    instance.close()


@pytest.mark.parametrize(
    ("link", "why"),
    [
        ("tel:101\r\n102", "control characters"),
        ("tel:" + "1" * 10_000, "longer than"),
    ],
)
def test_an_unsendable_link_is_refused_with_its_reason(
    running_panel: SingleInstance, link: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    received: list[str] = []
    running_panel.messageReceived.connect(received.append)
    assert run_gui([link]) == 2
    err = capsys.readouterr().err
    assert "the link was refused" in err and why in err
    assert "did not answer" not in err
    assert received == []


def test_what_fits_in_one_message() -> None:
    assert unfit_reason("tel:101") is None
    assert unfit_reason("tel:1\r2") == "it contains a line break"
    assert unfit_reason("x" * 5000) == "it is longer than 4096 bytes"
    assert unfit_reason("\udcff") == "it is not valid text"
