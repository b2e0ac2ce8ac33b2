"""The who-is-calling settings: region, dialling rules, lookup sources, history retention."""

from __future__ import annotations

from pathlib import Path

import pytest

from callpanel.store.settings import (
    Settings,
    SettingsError,
    SettingsStore,
    render_screen_pop_url,
    settings_from_dict,
    to_client_config,
    to_dial_rules,
)


def test_defaults_dial_exactly_as_typed() -> None:
    rules = to_dial_rules(Settings(), "C")
    assert rules.apply("+79161234567") == "+79161234567"
    assert (
        to_client_config(Settings(dial_rules=("+7=8",), region="RU")).dial_rules.apply(
            "+79161234567"
        )
        == "89161234567"
    )


def test_round_trip_through_toml(tmp_path: Path) -> None:
    settings = Settings(
        region="kz",
        dial_rules=(" +7 = 8 ", "+=810"),
        outside_prefix="9",
        internal_max_digits=3,
        lookup_url="https://crm.example.com/api/find?phone={e164}",
        ldap_url="ldaps://dc.example.com:636",
        ldap_base="dc=example,dc=com",
        ldap_bind_dn="cn=reader,dc=example,dc=com",
        history_days=30,
    )
    assert settings.region == "KZ" and settings.dial_rules == ("+7=8", "+=810")
    store = SettingsStore(tmp_path)
    store.save(settings)
    assert SettingsStore(tmp_path).load() == settings


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("region", "XX"),
        ("dial_rules", ["+7=8&"]),
        ("dial_rules", "+7=8"),
        ("outside_prefix", "9,w"),
        ("internal_max_digits", 40),
        ("lookup_url", "http://{number}.example.com/"),
        ("lookup_url", "https://crm/x?q={name}"),
        ("ldap_url", "http://dc"),
        ("ldap_base", "dc=x\ndc=y"),
        ("history_days", -1),
    ],
)
def test_bad_values_name_the_field_and_fall_back_in_the_file(name: str, value: object) -> None:
    with pytest.raises(SettingsError) as info:
        Settings(**{name: value})
    assert info.value.field == name
    settings, _unknown, warnings = settings_from_dict({name: value})
    assert getattr(settings, name) == getattr(Settings(), name)
    assert warnings and warnings[0].startswith(name)


def test_screen_pop_gets_the_contact_fields_encoded() -> None:
    template = "https://crm.example.com/pop?n={number}&who={contact}&co={company}&i={e164}"
    assert Settings(screen_pop_url=template).screen_pop_url == template
    url = render_screen_pop_url(
        template, number="8916", name="x", contact="Иван & Co", company="A#B", e164="+7916"
    )
    assert url == (
        "https://crm.example.com/pop?n=8916&who=%D0%98%D0%B2%D0%B0%D0%BD%20%26%20Co"
        "&co=A%23B&i=%2B7916"
    )
    # fields a call without a contact lacks are empty, not an error
    assert render_screen_pop_url(template, number="1", name="").endswith("&co=&i=")
