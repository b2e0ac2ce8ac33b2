"""S7: click-to-call links from argv; only valid numbers come out, everything else has a reason."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.ui.uri import (
    MAX_URI_LENGTH,
    DialUri,
    dial_uri_from_argv,
    is_dial_uri,
    parse_dial_uri,
)

# Same examples every run: no flaky CI, no timing deadline on slow machines.
DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)

VALID = re.compile(r"\+?[0-9*#]{1,32}", re.ASCII)


@pytest.mark.parametrize(
    ("text", "number", "scheme"),
    [
        ("tel:+74951234567", "+74951234567", "tel"),
        ("TEL:+74951234567", "+74951234567", "tel"),
        ("tel:+7-495-123-45-67;phone-context=example.com", "+74951234567", "tel"),
        ("tel:+7(495)123.45.67;ext=12", "+74951234567", "tel"),
        ("tel:+7%20495%20123%2045%2067", "+74951234567", "tel"),
        ("tel:%2A100%23", "*100#", "tel"),
        ("tel://+74951234567", "+74951234567", "tel"),
        ("tel:101", "101", "tel"),
        ("callto:+74951234567", "+74951234567", "callto"),
        ("callto://+74951234567/", "+74951234567", "callto"),
        ("callto://8-800-100-00-00?call", "88001000000", "callto"),
        ("sip:101@pbx.local", "101", "sip"),
        ("sip:+74951234567@pbx.local;user=phone", "+74951234567", "sip"),
        ("sip:+7495;phone-context=x@pbx", "+7495", "sip"),
        ("sips:102@pbx", "102", "sips"),
        ("sip:103", "103", "sip"),
        ("+7 (495) 123-45-67", "+74951234567", ""),
        ("  101  ", "101", ""),
        ("*72#", "*72#", ""),
        ("8\u00a0800\u00a0100", "8800100", ""),
    ],
)
def test_accepted(text: str, number: str, scheme: str) -> None:
    assert parse_dial_uri(text) == DialUri(number, "", scheme)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("tel:javascript:alert(1)", "only digits"),
        ("tel:javascript%3Aalert(1)", "only digits"),
        ("javascript:alert(1)", "unsupported link type"),
        ("http://evil.example/+7495", "unsupported link type"),
        ("tel:" + "1" * 10_000, "longer than 512"),
        ("tel:+7495&SIP/999", "only digits"),
        ("tel:101@internal", "only digits"),
        ("tel:", "no number"),
        ("tel:;phone-context=x", "no number"),
        ("tel:" + "1" * 33, "longer than 32 digits"),
        ("tel:+7495%0d%0aAction:%20Originate", "control characters"),
        ("tel:+7495%zz", "broken %-escape"),
        ("tel:%ff%fe", "broken %-escape"),
        ("tel:+7495\r\nAction: Originate", "control characters"),
        ("sip:101@pbx?Subject=hi", "headers"),
        ("sip:101@pbx;transport=tcp?X-Foo=1", "headers"),
        ("sip:alice@pbx", "only digits"),
        ("sip:101:secret@pbx", "password"),
        ("sip:@pbx", "no number"),
        ("callto:skype.user", "only digits"),
        ("+7 495 ١٢٣", "only digits"),  # Arabic-Indic digits are not dialable
        ("１０１", "only digits"),  # full-width digits
        ("++7495", "only digits"),
        ("", "no number"),
    ],
)
def test_refused_with_a_reason(text: str, reason: str) -> None:
    result = parse_dial_uri(text)
    assert result.number is None and not result.ok
    assert reason in result.reason


def test_not_text() -> None:
    assert parse_dial_uri(b"tel:101").number is None  # type: ignore[arg-type]


def test_is_dial_uri() -> None:
    assert is_dial_uri("tel:+7") and is_dial_uri("Callto://1") and is_dial_uri("sips:1@x")
    assert not is_dial_uri("+7495") and not is_dial_uri("--demo") and not is_dial_uri("http://x")


def test_from_argv_skips_options() -> None:
    assert dial_uri_from_argv(["--demo", "tel:+7-495"]) == DialUri("+7495", "", "tel")
    assert dial_uri_from_argv(["--demo"]) is None
    assert dial_uri_from_argv([]) is None
    bad = dial_uri_from_argv(["tel:javascript:x"])
    assert bad is not None and not bad.ok


def test_pure_python_no_qt() -> None:
    # Loaded as a file: callpanel/ui/__init__.py (the window helper's) may import Qt itself.
    direct = (
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('uri', 'callpanel/ui/uri.py')\n"
        "mod = importlib.util.module_from_spec(spec); sys.modules['uri'] = mod\n"
        "spec.loader.exec_module(mod)\n"
        "assert 'PySide6' not in sys.modules\n"
        "assert mod.parse_dial_uri('tel:101').number == '101'\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", direct], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert result.returncode == 0, result.stderr


@DETERMINISTIC
@given(st.text(max_size=600))
def test_any_text_gives_a_valid_number_or_a_reason(text: str) -> None:
    result = parse_dial_uri(text)
    if result.number is None:
        assert result.reason
    else:
        assert VALID.fullmatch(result.number) and result.reason == ""


@DETERMINISTIC
@given(st.sampled_from(["tel:", "callto:", "callto://", "sip:", "sips:", ""]), st.text(max_size=80))
def test_any_link_body_gives_a_valid_number_or_a_reason(prefix: str, body: str) -> None:
    result = parse_dial_uri(prefix + body)
    assert (result.number is None and result.reason) or VALID.fullmatch(result.number or "")


numbers = st.from_regex(r"\+?[0-9*#]{1,32}", fullmatch=True)
separators = st.sampled_from(["", "-", ".", " ", "(", ")"])


@DETERMINISTIC
@given(numbers, st.lists(separators, min_size=33, max_size=33), st.sampled_from([";a=b", ""]))
def test_separators_and_params_are_removed(number: str, seps: list[str], params: str) -> None:
    plus = "+" if number.startswith("+") else ""
    digits = number.removeprefix("+")
    decorated = plus + "".join(d + s for d, s in zip(digits, seps, strict=False))
    encoded = decorated.replace("#", "%23").replace(" ", "%20")
    assert parse_dial_uri(f"tel:{encoded}{params}").number == number
    assert parse_dial_uri(f"sip:{encoded}@pbx{params}").number == number
    assert parse_dial_uri(decorated).number == number


def test_max_length_boundary() -> None:
    padded = "tel:101;" + "x" * (MAX_URI_LENGTH - len("tel:101;"))
    assert parse_dial_uri(padded).number == "101"
    assert parse_dial_uri(padded + "x").number is None
