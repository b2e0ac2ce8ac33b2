"""Issue 11 item 6: settings are checked with the same control-character rule as every AMI
action, when built (the dialog) and when loaded from settings.toml."""

from __future__ import annotations

import pytest

from callpanel.ami import LocalProtocolError, check_value
from callpanel.store.settings import Settings, SettingsError, SettingsStore

CONTROLS = ["\u2028", "\u2029", "\x85", "\x9b", "\x7f", "\x1b", "\r", "\n", "\x00"]


@pytest.mark.parametrize("char", CONTROLS)
def test_a_caller_id_the_serializer_would_refuse_is_refused_here(char: str) -> None:
    value = f"Operator{char}74951234567"
    with pytest.raises(LocalProtocolError):  # what every dial would hit
        check_value(value)
    with pytest.raises(SettingsError) as caught:
        Settings(caller_id=value)
    assert caught.value.field == "caller_id"
    assert f"U+{ord(char):04X}" in caught.value.reason


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("host", "pbx\u2028evil"),
        ("originate_context", "internal\x85"),
        ("cafile", "/etc/ssl/ca\u2029.pem"),
        ("endpoints", ("SIP/101", "SIP/10\u20282")),
        ("username", "op\x85"),
    ],
)
def test_every_text_setting_uses_the_same_rule(field: str, value: object) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(**{field: value})
    assert caught.value.field == field


def test_a_saved_caller_id_with_u2028_falls_back_at_load() -> None:
    store = SettingsStore()
    store.dir.mkdir(parents=True, exist_ok=True)
    store.path.write_text('caller_id = "Op\\u2028 74951234567"\nhost = "pbx"\n', "utf-8")
    settings = store.load()
    assert settings.caller_id is None and settings.host == "pbx"
    assert any(w.startswith("caller_id:") and "U+2028" in w for w in store.warnings)
