"""The set-up check's words: every finding, topic, feature and note has them, in English and in
Russian; configuration lines and what the server said are quoted as they are."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from callpanel.asterisk.checklines import (
    CheckLine,
    Feature,
    Finding,
    Fix,
    FixFile,
    FixNote,
    Need,
    Status,
    Topic,
)
from callpanel.store.settings import Language
from callpanel.ui import check_words as words
from callpanel.ui.i18n import Translations

FACTS = ("one %2", "two", "three", "four")  # "%2" in a server's text is not filled again


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    translations = Translations(qapp)
    assert translations.install(Language.RU) == "ru"
    try:
        yield
    finally:
        translations.install(Language.EN)


def every_line() -> list[CheckLine]:
    return [
        CheckLine(Topic.PHONE, Status.MISSING, finding, subject="SIP/101", facts=FACTS,
                  needs=(Need("Park", Feature.PARK_HOLD),))
        for finding in Finding
    ]  # fmt: skip


def test_every_finding_topic_feature_and_note_has_words() -> None:
    for line in every_line():
        assert words.finding_text(line), line.finding
    for topic in Topic:
        assert words.topic_text(CheckLine(topic, Status.OK, Finding.WRITE_OK, subject="x"))
    for feature in Feature:
        assert words.feature_text(feature)
    for note in FixNote:
        assert words.note_text(Fix(FixFile.MANAGER, note=note, note_value="cmd"))


def test_a_line_with_its_fix_in_english() -> None:
    line = CheckLine(
        Topic.QUEUE_ACTIONS,
        Status.MISSING,
        Finding.QUEUE_ACTIONS_DENIED,
        facts=("QueueAdd, QueuePause",),
        fixes=(Fix(FixFile.MANAGER, "callpanel", ("write = call,originate,reporting,agent",),
                   'asterisk -rx "manager reload"'),),
    )  # fmt: skip
    assert words.line_text(line).splitlines() == [
        "[missing] write class agent: this user may not run QueueAdd, QueuePause: the operator "
        "cannot log in to queues or pause",
        "          fix in manager.conf [callpanel]:",
        "              write = call,originate,reporting,agent",
        '          then: asterisk -rx "manager reload"',
    ]
    assert words.summary_text([line]) == "missing: 1; warnings: 0"


def test_a_server_text_is_not_filled_twice() -> None:
    line = CheckLine(Topic.PHONE, Status.SKIPPED, Finding.PROBE_REFUSED, facts=("bad %2 %1",))
    assert words.finding_text(line) == "the test action was refused: bad %2 %1"


def test_every_finding_is_translated_to_russian(russian: None) -> None:
    for line in every_line():
        text = words.finding_text(line)
        if line.finding in (Finding.CONNECTION_FAILED, Finding.LOGIN_REFUSED,
                            Finding.ACTION_FAILED):  # fmt: skip
            assert text == FACTS[0]  # Asterisk's own words, quoted
            continue
        assert any("а" <= ch <= "я" for ch in text.lower()), (line.finding, text)
    for feature in Feature:
        assert any("а" <= ch <= "я" for ch in words.feature_text(feature)), feature


def test_a_line_in_russian_keeps_the_configuration_lines(russian: None) -> None:
    line = CheckLine(
        Topic.CALLER_ID,
        Status.WARNING,
        Finding.CALLER_ID_SHORT,
        facts=('"Operator 101" <101>', "pjsip.conf [101] callerid"),
        fixes=(
            Fix(FixFile.SETTINGS, note=FixNote.SETTINGS_CALLER_ID),
            Fix(FixFile.EXTENSIONS, "internal", ("same => n,Set(CALLERID(num)={company})",),
                'asterisk -rx "dialplan reload"', FixNote.BEFORE_TRUNK_DIAL),
        ),
    )  # fmt: skip
    rows = [row.strip() for row in words.line_text(line).splitlines()]
    assert rows[0].startswith("[ внимание] номер, который видит клиент при звонке из панели: ")
    assert '"Operator 101" <101>' in rows[0] and "pjsip.conf [101] callerid" in rows[0]
    assert "исправить в extensions.conf [internal]:" in rows
    assert "same => n,Set(CALLERID(num)=<номер компании>)" in rows
    assert words.summary_text([line]) == "всё, что нужно панели, есть; предупреждений: 1"


def test_each_russian_text_keeps_the_names_and_numbers_of_its_english() -> None:
    """A translation filed under the wrong English (a shifted list) loses the other text's
    numbers, action names and placeholders: 5039, 74951234567, QueuePause, res_parking, %1."""
    import re
    import sys
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "resources" / "translations"
    sys.path.insert(0, str(folder))
    try:
        from fill_ru_package import RU
    finally:
        sys.path.remove(str(folder))
    token = re.compile(r"%\d|\w*\d\w*|\b\w+_\w+\b|\b[A-Z][a-z]+[A-Z]\w*\b")
    for (context, english), russian in RU.items():
        if context != "SetupCheck":
            continue
        for name in token.findall(english):
            assert name in russian, (english, russian, name)
