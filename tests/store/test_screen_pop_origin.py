"""Issue 11 item 12: a caller can never pick the host the screen pop opens, and a ``+`` in the
number reaches the CRM as ``%2B`` (a raw ``+`` in a query is a space)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from callpanel.store.settings import (
    Settings,
    SettingsError,
    render_screen_pop_url,
    validate_screen_pop_url,
)


@pytest.mark.parametrize(
    "template",
    [
        "https://{number}.crm.example/",
        "https://crm.example@{name}/",
        "https://{name}@crm.example/card",
        "https://crm.example:{number}/",
        "https://crm.example{name}",
        "http{name}://crm.example/",
        "https://crm.{name}?q=1",
    ],
)
def test_placeholders_in_the_scheme_host_or_port_are_refused(template: str) -> None:
    with pytest.raises(ValueError, match="only in the path, query or fragment"):
        validate_screen_pop_url(template)
    with pytest.raises(SettingsError):
        Settings(screen_pop_url=template)


@pytest.mark.parametrize(
    "template",
    [
        "https://crm.example/{name}",
        "https://crm.example/card?phone={number}&name={name}",
        "https://crm.example/card#{name}",
        "https://crm.example:8443/x/{number}?n={name}",
    ],
)
@pytest.mark.parametrize(
    "name", ["evil.example/", "@evil.example", "//evil.example", "a:b@evil", "\\\\evil", "?#"]
)
def test_the_rendered_url_keeps_the_template_host(template: str, name: str) -> None:
    url = urlsplit(render_screen_pop_url(template, number="+1", name=name))
    expected = urlsplit(template.replace("{number}", "").replace("{name}", ""))
    assert (url.scheme, url.hostname, url.port) == (
        expected.scheme,
        expected.hostname,
        expected.port,
    )


def test_a_plus_in_the_number_arrives_as_a_plus() -> None:
    url = render_screen_pop_url(
        "https://crm.example/find?phone={number}", number="+79161234567", name=""
    )
    assert "%2B79161234567" in url
    assert parse_qs(urlsplit(url).query) == {"phone": ["+79161234567"]}
