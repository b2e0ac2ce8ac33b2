from __future__ import annotations

import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callpanel.ami import LineEnding
from callpanel.asterisk.config import AnswerStrategy, HoldStrategy
from callpanel.store import paths
from callpanel.store.secrets import Secret
from callpanel.store.settings import (
    FIELDS,
    SETTINGS_VERSION,
    Language,
    Settings,
    SettingsError,
    SettingsStore,
    render_screen_pop_url,
    settings_from_dict,
    settings_to_dict,
    to_client_config,
    to_connection_config,
    validate_screen_pop_url,
)

# Same examples every run: no flaky CI, no timing deadline on slow machines.
DETERMINISTIC = settings(derandomize=True, deadline=None, database=None)


def write(store: SettingsStore, text: str) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(text, encoding="utf-8")


def test_defaults() -> None:
    s = Settings()
    assert (s.port, s.tls, s.cafile, s.tls_verify, s.username) == (
        5038,
        False,
        None,
        True,
        "callpanel",
    )
    assert s.endpoints == ("SIP/101",)
    assert (s.originate_context, s.transfer_context, s.caller_id) == ("internal", "internal", None)
    assert s.line_ending is LineEnding.CRLF
    assert s.answer_strategy is AnswerStrategy.NONE and s.hold_strategy is HoldStrategy.NONE
    assert s.notifications and s.confirm_external_dial and not s.store_secret_in_file
    assert s.screen_pop_url == "" and s.language is Language.SYSTEM
    assert s.version == SETTINGS_VERSION


def test_values_are_normalised_to_types() -> None:
    s = Settings(
        endpoints=["SIP/101", "PJSIP/alice", "SIP/101"],  # type: ignore[arg-type]
        answer_strategy="pbx-bridge",  # type: ignore[arg-type]
        hold_strategy="pbx-moh",  # type: ignore[arg-type]
        line_ending="lf",  # type: ignore[arg-type]
        language="ru",  # type: ignore[arg-type]
        cafile="",
        caller_id="",
    )
    assert s.endpoints == ("SIP/101", "PJSIP/alice")
    assert s.answer_strategy is AnswerStrategy.PBX_BRIDGE
    assert s.hold_strategy is HoldStrategy.PBX_MOH
    assert s.line_ending is LineEnding.LF
    assert s.language is Language.RU
    assert s.cafile is None and s.caller_id is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("host", ""),
        ("host", "pbx example"),
        ("host", "pbx\r\nAction: Originate"),
        ("port", 0),
        ("port", 70000),
        ("port", True),
        ("port", "5038"),
        ("tls", "yes"),
        ("username", "call panel"),
        ("username", "a\nb"),
        ("endpoints", ()),
        ("endpoints", "SIP/101"),
        ("endpoints", ("SIP/101&SIP/102",)),
        ("endpoints", ("101",)),
        ("originate_context", "in ternal"),
        ("transfer_context", "a,b"),
        ("caller_id", "x\r\ny"),
        ("line_ending", "cr"),
        ("answer_strategy", "auto"),
        ("hold_strategy", "park"),
        ("language", "de"),
        ("screen_pop_url", "javascript:alert(1)"),
        ("cafile", "/a\x00b"),
    ],
)
def test_bad_value_raises_naming_the_field(name: str, value: Any) -> None:
    with pytest.raises(SettingsError) as info:
        Settings(**{name: value})
    assert info.value.field == name
    with pytest.raises(SettingsError):
        Settings().replace(**{name: value})


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "cfg")
    s = Settings(
        host="pbx.example.org",
        port=5039,
        tls=True,
        cafile="/etc/ssl/pbx.pem",
        tls_verify=False,
        username="op_1",
        endpoints=("PJSIP/101", "SIP/102"),
        caller_id='"Support" <74951234567>',
        line_ending=LineEnding.LF,
        answer_strategy=AnswerStrategy.PHONE_NOTIFY,
        hold_strategy=HoldStrategy.PBX_PARK,
        notifications=False,
        screen_pop_url="https://crm.example.org/card?phone={number}&n={name}",
        confirm_external_dial=False,
        language=Language.EN,
        store_secret_in_file=True,
    )
    store.save(s)
    assert SettingsStore(tmp_path / "cfg").load() == s
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    table = tomllib.loads(store.path.read_text(encoding="utf-8"))
    assert table["version"] == SETTINGS_VERSION
    assert table["answer_strategy"] == "phone-notify" and table["line_ending"] == "lf"


def test_default_location_follows_env(tmp_path: Path) -> None:
    store = SettingsStore()
    assert store.path == tmp_path / "config" / "settings.toml"
    assert paths.data_dir() == tmp_path / "data"


def test_missing_file_gives_defaults_without_warnings() -> None:
    store = SettingsStore()
    assert store.load() == Settings()
    assert store.warnings == ()


def test_bad_values_fall_back_to_defaults_with_warnings(caplog: pytest.LogCaptureFixture) -> None:
    store = SettingsStore()
    write(
        store,
        'version = 1\nhost = "pbx.local"\nport = 99999\nendpoints = []\n'
        'hold_strategy = "pbx-park"\nanswer_strategy = 3\nscreen_pop_url = "file:///etc/passwd"\n',
    )
    s = store.load()
    assert s.host == "pbx.local" and s.hold_strategy is HoldStrategy.PBX_PARK  # good ones kept
    assert s.port == 5038 and s.endpoints == ("SIP/101",) and s.screen_pop_url == ""
    assert s.answer_strategy is AnswerStrategy.NONE
    fields = sorted(w.split(":")[0] for w in store.warnings)
    assert fields == ["answer_strategy", "endpoints", "port", "screen_pop_url"]
    assert "port" in caplog.text


def test_invalid_toml_is_moved_aside_not_lost() -> None:
    store = SettingsStore()
    write(store, 'host = "unterminated\n')
    assert store.load() == Settings()
    aside = store.path.with_name("settings.toml.invalid")
    assert aside.read_text(encoding="utf-8") == 'host = "unterminated\n'
    assert not store.path.exists()
    assert "not valid TOML" in store.warnings[0]


def test_not_utf8_is_moved_aside() -> None:
    store = SettingsStore()
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b'host = "\xff"\n')
    assert store.load() == Settings()
    assert store.path.with_name("settings.toml.invalid").exists()


def test_secret_in_toml_is_ignored_and_removed_on_save() -> None:
    store = SettingsStore()
    write(store, 'host = "pbx.local"\nsecret = "hunter2"\npassword = "hunter3"\n')
    s = store.load()
    assert s.host == "pbx.local"
    assert sum("never read from the settings file" in w for w in store.warnings) == 2
    store.save(s)
    text = store.path.read_text(encoding="utf-8")
    assert "hunter" not in text and "secret =" not in text


def test_unknown_keys_are_kept_with_a_warning() -> None:
    store = SettingsStore()
    write(store, 'host = "pbx.local"\nfuture_option = "x"\nfuture_list = [1, 2]\n[table]\na = 1\n')
    s = store.load()
    assert any(w.startswith("future_option: unknown") for w in store.warnings)
    assert any(
        w.startswith("table: unknown setting of an unsupported type") for w in store.warnings
    )
    store.save(s.replace(port=6000))
    table = tomllib.loads(store.path.read_text(encoding="utf-8"))
    assert table["future_option"] == "x" and table["future_list"] == [1, 2]
    assert "table" not in table and table["port"] == 6000


def test_settings_from_a_newer_version_load_with_a_warning() -> None:
    s, unknown, warnings = settings_from_dict({"version": SETTINGS_VERSION + 1, "port": 5040})
    assert s.port == 5040 and unknown == {}
    assert "newer callpanel" in warnings[0]


def test_bad_version_is_treated_as_first() -> None:
    s, _unknown, warnings = settings_from_dict({"version": "two", "port": 5040})
    assert s.port == 5040 and warnings[0].startswith("version:")


def test_upgrades_run_in_order_from_the_file_version() -> None:
    def one_to_two(t: dict[str, Any]) -> dict[str, Any]:  # "endpoint" became a list
        t["endpoints"] = [t.pop("endpoint")]
        return t

    def two_to_three(t: dict[str, Any]) -> dict[str, Any]:  # "ami_port" was renamed
        t["port"] = t.pop("ami_port")
        return t

    upgrades = {1: one_to_two, 2: two_to_three}
    s, unknown, warnings = settings_from_dict(
        {"version": 1, "endpoint": "PJSIP/7", "ami_port": 5040},
        upgrades=upgrades,
        current_version=3,
    )
    assert s.endpoints == ("PJSIP/7",) and s.port == 5040
    assert unknown == {} and warnings == []
    s2, _, _ = settings_from_dict(
        {"version": 2, "ami_port": 5041}, upgrades=upgrades, current_version=3
    )
    assert s2.port == 5041  # only the later step ran


def test_a_failing_upgrade_costs_a_warning_not_the_panel() -> None:
    def broken(t: dict[str, Any]) -> dict[str, Any]:
        raise KeyError("endpoint")

    s, _, warnings = settings_from_dict(
        {"version": 1, "port": 5040}, upgrades={1: broken}, current_version=2
    )
    assert s.port == 5040 and "upgrading settings from version 1 failed" in warnings[0]


junk = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@DETERMINISTIC
@given(st.dictionaries(st.sampled_from([*FIELDS, "version", "secret", "x"]), junk))
def test_any_table_loads_without_raising(raw: dict[str, Any]) -> None:
    s, _unknown, _warnings = settings_from_dict(raw)
    assert Settings(**{name: getattr(s, name) for name in FIELDS}) == s  # valid by construction
    assert "secret" not in settings_to_dict(s)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://crm.example.org/card?phone={number}",
        "http://10.0.0.5:8080/search/{number}/{name}",
        "HTTPS://crm/{{literal}}?q={number}",
    ],
)
def test_screen_pop_url_accepted(url: str) -> None:
    assert validate_screen_pop_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert({number})",
        "file:///home/op/{number}",
        "ftp://crm/{number}",
        "https:///{number}",
        "https://crm/{0}",
        "https://crm/{}",
        "https://crm/{number.__class__}",
        "https://crm/{number!r}",
        "https://crm/{number:>10}",
        "https://crm/{secret}",
        "https://crm/{number",
        "https://crm/ {number}",
        "https://crm/\n{number}",
        "https://crm/" + "a" * 3000,
        "//crm/{number}",
    ],
)
def test_screen_pop_url_refused(url: str) -> None:
    with pytest.raises(ValueError):
        validate_screen_pop_url(url)


def test_screen_pop_url_values_are_encoded() -> None:
    url = render_screen_pop_url(
        "https://crm/card?phone={number}&name={name}", number="+7495#1", name="Иван & Co=1#x"
    )
    assert url == (
        "https://crm/card?phone=%2B7495%231&name=%D0%98%D0%B2%D0%B0%D0%BD%20%26%20Co%3D1%23x"
    )


def test_to_connection_config() -> None:
    s = Settings(
        host="pbx",
        port=5039,
        tls=True,
        cafile="/ca.pem",
        tls_verify=False,
        username="op",
        line_ending=LineEnding.LF,
    )
    conn = to_connection_config(s, Secret("s3cr3t-value"))
    assert (conn.host, conn.port, conn.username, conn.secret) == ("pbx", 5039, "op", "s3cr3t-value")
    assert (conn.tls, conn.cafile, conn.tls_verify, conn.line_ending) == (
        True,
        "/ca.pem",
        False,
        LineEnding.LF,
    )
    assert "s3cr3t-value" not in repr(conn)
    assert to_connection_config(s, "plain").secret == "plain"


def test_to_client_config() -> None:
    s = Settings(
        endpoints=("PJSIP/101",),
        originate_context="from-panel",
        transfer_context="xfer",
        caller_id="Support <100>",
        answer_strategy=AnswerStrategy.PBX_BRIDGE,
        hold_strategy=HoldStrategy.PHONE_NOTIFY,
    )
    client = to_client_config(s)
    assert client.endpoints == ("PJSIP/101",)
    assert (client.originate_context, client.transfer_context) == ("from-panel", "xfer")
    assert client.caller_id == "Support <100>"
    assert client.answer_strategy is AnswerStrategy.PBX_BRIDGE
    assert client.hold_strategy is HoldStrategy.PHONE_NOTIFY


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "c")
    store.save(Settings(port=1))
    store.save(Settings(port=2))
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["settings.toml"]
    assert store.load().port == 2
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
