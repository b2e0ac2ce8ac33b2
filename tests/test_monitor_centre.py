"""The monitor's call-centre command lines."""

from __future__ import annotations

import pytest

from callpanel.asterisk.errors import InvalidInput
from callpanel.monitor_centre import CentreLine, is_centre_verb, parse


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("queues", CentreLine("queues", None)),
        ("login support", CentreLine("login", "support")),
        ("logout support", CentreLine("logout", "support")),
        ("pause all", CentreLine("pause", None, "")),
        ("pause support lunch break", CentreLine("pause", "support", "lunch break")),
        ("PAUSE all обед", CentreLine("pause", None, "обед")),
        ("unpause all", CentreLine("unpause", None)),
        ("unpause sales", CentreLine("unpause", "sales")),
        ("dnd on", CentreLine("dnd", "on")),
        ("dnd OFF", CentreLine("dnd", "off")),
        ("colleagues", CentreLine("colleagues", None)),
        ("pickup 102", CentreLine("pickup", "102")),
    ],
)
def test_parse(line: str, parsed: CentreLine) -> None:
    assert is_centre_verb(line)
    assert parse(line) == parsed


@pytest.mark.parametrize(
    "line", ["login", "pickup", "dnd", "dnd maybe", "queues x", "login a b", "unpause a b"]
)
def test_bad_lines_say_what_is_wrong(line: str) -> None:
    with pytest.raises(InvalidInput):
        parse(line)


def test_call_verbs_are_not_centre_verbs() -> None:
    assert not is_centre_verb("answer") and not is_centre_verb("dial 102")
