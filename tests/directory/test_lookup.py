from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from ldap3 import MOCK_SYNC, Connection, Server

from callpanel.directory.contacts import Contact, ContactNumber
from callpanel.directory.http_lookup import (
    HttpLookup,
    LookupRefused,
    parse_answer,
    validate_lookup_url,
)
from callpanel.directory.ldap_lookup import LdapLookup, number_forms, phone_filter
from callpanel.directory.lookup import BookSource, CallerLookup, LookupResult

pytestmark = pytest.mark.timeout(30)


class Source:
    def __init__(
        self,
        name: str,
        answer: LookupResult | None = None,
        *,
        hang: bool = False,
        fail: Exception | None = None,
    ) -> None:
        self.name = name
        self.answer = answer
        self.hang = hang
        self.fail = fail
        self.asked: list[str] = []

    async def lookup(self, number: str) -> LookupResult | None:
        self.asked.append(number)
        if self.hang:
            await asyncio.Event().wait()
        if self.fail is not None:
            raise self.fail
        return self.answer


def test_first_source_that_knows_wins_and_answers_are_cached() -> None:
    book = Source("contacts")
    crm = Source("http", LookupResult("Ivan", "Acme", source="http"))
    ldap = Source("ldap", LookupResult("Never asked"))
    clock = [0.0]
    lookup = CallerLookup([book, crm, ldap], cache_seconds=60, clock=lambda: clock[0])
    assert asyncio.run(lookup.lookup("+79161234567")) == LookupResult("Ivan", "Acme", "", "http")
    assert ldap.asked == []
    asyncio.run(lookup.lookup("+79161234567"))
    assert len(crm.asked) == 1  # cached
    clock[0] = 61
    asyncio.run(lookup.lookup("+79161234567"))
    assert len(crm.asked) == 2  # expired


def test_two_questions_about_one_number_at_once_make_one_request() -> None:
    """The call card and the screen pop ask together; the CRM is asked once, and one asker
    giving up (the pop's timeout) does not stop the other's answer."""

    class Gated(Source):
        def __init__(self) -> None:
            super().__init__("http", LookupResult("Ivan", source="http"))
            self.gate = asyncio.Event()

        async def lookup(self, number: str) -> LookupResult | None:
            self.asked.append(number)
            await self.gate.wait()
            return self.answer

    async def scenario() -> tuple[LookupResult | None, LookupResult | None, bool]:
        crm = Gated()
        lookup = CallerLookup([crm])
        card = asyncio.ensure_future(lookup.lookup("+79161234567"))
        pop = asyncio.ensure_future(asyncio.wait_for(lookup.lookup("+79161234567"), 0.01))
        gave_up = False
        try:
            await pop
        except TimeoutError:
            gave_up = True
        crm.gate.set()
        first = await card
        again = await lookup.lookup("+79161234567")  # cached now
        assert crm.asked == ["+79161234567"]
        return first, again, gave_up

    first, again, gave_up = asyncio.run(scenario())
    assert gave_up and first == again == LookupResult("Ivan", source="http")


def test_a_hanging_or_failing_source_costs_only_its_timeout_and_is_logged_escaped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    slow = Source("http", hang=True)
    broken = Source("ldap", fail=OSError("refused\r\nINJECTED"))
    last = Source("other", LookupResult("Found"))
    lookup = CallerLookup([slow, broken, last], timeout=0.05)
    with caplog.at_level(logging.WARNING):
        assert asyncio.run(lookup.lookup("101")) == LookupResult("Found")
    text = caplog.text
    assert "lookup http: no answer within" in text
    assert "refused\\r\\nINJECTED" in text and "\nINJECTED" not in text


def test_timeout_is_never_above_1_5_s() -> None:
    assert CallerLookup([], timeout=30).timeout == 1.5


def test_results_are_plain_bounded_text_and_links_only_web_pages() -> None:
    result = LookupResult("<b>Evil</b>\nname" + "x" * 500, "Co\x00", "javascript:alert(1)")
    assert "\n" not in result.name and len(result.name) == 256
    assert result.company == "Co" and result.link == ""
    assert LookupResult("a", link="https://crm/x").link == "https://crm/x"


def test_book_source() -> None:
    contact = Contact("Иван", "Ромашка", (ContactNumber("101"),), link="https://crm/1", id=7)
    source = BookSource(lambda number: contact if number == "101" else None)
    assert asyncio.run(source.lookup("101")) == LookupResult(
        "Иван", "Ромашка", "https://crm/1", "contacts", 7
    )
    assert asyncio.run(source.lookup("102")) is None


# --- HTTP ------------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    release = threading.Event()
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Handler.seen.append(self.path)
        key = self.path.split("?", 1)[0]
        if key == "/slow":
            Handler.release.wait(10)
        status, kind, body = Handler.routes.get(key, (404, "text/plain", b"no"))
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def crm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.release.clear()
    Handler.seen.clear()
    ok = json.dumps(
        {
            "results": [
                {
                    "name": "Иван Петров",
                    "company": {"name": "Ромашка"},
                    "url": "https://crm.example.com/c/1",
                }
            ]
        }
    ).encode()
    Handler.routes = {
        "/ok": (200, "application/json; charset=utf-8", ok),
        "/empty": (200, "application/json", b"[]"),
        "/html": (200, "text/html", b"<html>login</html>"),
        "/huge": (200, "application/json", b"[" + b"1," * 40000 + b"1]"),
        "/bad": (200, "application/json", b"{nope"),
        "/moved": (302, "text/plain", b""),
        "/error": (500, "text/plain", b"boom"),
        "/slow": (200, "application/json", b"{}"),
    }
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        Handler.release.set()
        server.shutdown()
        server.server_close()


def test_http_lookup_fills_the_template_and_reads_the_answer(crm: str) -> None:
    source = HttpLookup(crm + "/ok?phone={number}&intl={e164}", region="RU")
    result = asyncio.run(source.lookup("89161234567"))
    assert result == LookupResult("Иван Петров", "Ромашка", "https://crm.example.com/c/1", "http")
    assert Handler.seen[-1] == "/ok?phone=89161234567&intl=%2B79161234567"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/html", "text/html, not JSON"),
        ("/huge", "larger than"),
        ("/bad", "not valid JSON"),
        ("/moved", "redirected"),
        ("/error", "HTTP 500"),
    ],
)
def test_http_lookup_refuses_what_is_not_a_result(crm: str, path: str, message: str) -> None:
    source = HttpLookup(crm + path + "?q={number}", region="RU")
    with pytest.raises(LookupRefused, match=message):
        asyncio.run(source.lookup("101"))


def test_http_lookup_unknown_caller(crm: str) -> None:
    assert asyncio.run(HttpLookup(crm + "/empty?q={number}", region="RU").lookup("1")) is None
    assert asyncio.run(HttpLookup(crm + "/nothing?q={number}", region="RU").lookup("1")) is None


def test_a_slow_endpoint_costs_the_chain_its_timeout_only(crm: str) -> None:
    slow = HttpLookup(crm + "/slow?q={number}", region="RU", timeout=0.2)
    lookup = CallerLookup([slow], timeout=0.2)

    async def run() -> tuple[LookupResult | None, float]:
        loop = asyncio.get_running_loop()
        start = loop.time()
        result = await lookup.lookup("101")
        return result, loop.time() - start

    result, took = asyncio.run(run())
    assert result is None
    assert took < 1.5


@pytest.mark.parametrize(
    "template",
    [
        "javascript:alert({number})",
        "http://{number}.evil/",
        "https://crm/x?q={name}",
        "https://crm/x?q={number.__class__}",
        "https://crm/ x",
        "file:///etc/passwd",
    ],
)
def test_lookup_url_rules_match_the_screen_pop(template: str) -> None:
    with pytest.raises(ValueError):
        validate_lookup_url(template)


def test_parse_answer_shapes() -> None:
    assert parse_answer("application/json", b'{"name": "A"}') == LookupResult("A", source="http")
    assert parse_answer("application/vnd.api+json", b'{"data": {"fullName": "B"}}') is not None
    assert parse_answer("application/json", b'{"data": []}') is None
    assert parse_answer("application/json", b'"just text"') is None
    assert parse_answer("application/json", b'{"name": 5}') is None
    # the CRM's id of the contact, for a screen pop that opens its page
    assert parse_answer("application/json", b'{"name": "A", "id": 42}').contact_id == "42"
    assert parse_answer("application/json", b'[{"name": "A", "uid": "x-1"}]').contact_id == "x-1"
    assert parse_answer("application/json", b'{"name": "A", "id": true}').contact_id == ""


# --- LDAP (ldap3's MOCK_SYNC: an in-memory directory; no LDAP server library is used) ----------


def directory() -> Connection:
    conn = Connection(
        Server("directory.test"),
        user="cn=reader,o=lab",
        password="secret",
        client_strategy=MOCK_SYNC,
    )
    conn.strategy.add_entry("cn=reader,o=lab", {"objectClass": "person", "userPassword": "secret"})
    conn.strategy.add_entry(
        "cn=Иван Петров,ou=people,o=lab",
        {
            "objectClass": "person",
            "cn": "Иван Петров",
            "displayName": "Иван Петров",
            "company": "ООО Ромашка",
            "telephoneNumber": "+79161234567",
        },
    )
    conn.strategy.add_entry(
        "cn=x*)(cn=*,ou=people,o=lab",
        {"objectClass": "person", "cn": "Tricky", "mobile": "89031112233"},
    )
    return conn


@pytest.mark.parametrize("number", ["+79161234567", "89161234567", "79161234567"])
def test_ldap_finds_the_caller_in_any_form(number: str) -> None:
    source = LdapLookup("ldap://directory.test", "o=lab", region="RU", connect=directory)
    assert asyncio.run(source.lookup(number)) == LookupResult(
        "Иван Петров", "ООО Ромашка", source="ldap"
    )


def test_ldap_other_attribute_and_unknown() -> None:
    source = LdapLookup("ldap://directory.test", "o=lab", region="RU", connect=directory)
    assert asyncio.run(source.lookup("+79031112233")) == LookupResult("Tricky", source="ldap")
    assert asyncio.run(source.lookup("101")) is None


def test_ldap_refused_bind_is_an_error_the_chain_logs() -> None:
    def wrong() -> Connection:
        conn = directory()
        conn.password = "wrong"
        return conn

    source = LdapLookup("ldap://directory.test", "o=lab", region="RU", connect=wrong)
    with pytest.raises(ConnectionError):
        asyncio.run(source.lookup("+79161234567"))


def test_ldap_filter_escapes_values() -> None:
    assert number_forms("+79161234567", "RU") == ["+79161234567", "79161234567", "89161234567"]
    star = phone_filter("*", "RU")
    assert "\\2a" in star and "(telephoneNumber=*)" not in star


def test_ldap_url_check() -> None:
    with pytest.raises(ValueError):
        LdapLookup("http://x", "o=lab", region="RU")
