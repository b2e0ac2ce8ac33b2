"""A company directory (LDAP / Active Directory) as a lookup source, through ``ldap3``.

The caller's number is searched in the usual phone attributes in the forms a directory holds
it (E.164, national, as received; RFC 4517's telephoneNumberMatch already ignores spaces and
dashes). Values are escaped into the filter; only the first entry is used. ``ldap3`` is
synchronous here, so the search runs in a worker thread with connect and receive timeouts.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import phonenumbers

from .lookup import MAX_TIMEOUT, LookupResult
from .phone import to_e164

PHONE_ATTRIBUTES = ("telephoneNumber", "mobile", "homePhone", "ipPhone", "otherTelephone")
NAME_ATTRIBUTES = ("displayName", "cn")
COMPANY_ATTRIBUTES = ("company", "o", "department")
_URL = re.compile(r"ldaps?://[A-Za-z0-9._:\[\]-]+(?::\d+)?/?", re.ASCII)

if TYPE_CHECKING:
    from ldap3 import Connection
# ldap3 is imported only when a directory is configured: the settings check URLs without it.
ConnectionFactory = Callable[[], "Connection"]


def check_ldap_url(value: str) -> str:
    if value and _URL.fullmatch(value) is None:
        raise ValueError(f"the LDAP server must be ldap://host[:port] or ldaps://…, not {value!r}")
    return value


def number_forms(number: str, region: str) -> list[str]:
    """'+79161234567' → ['+79161234567', '89161234567', '79161234567', …] (unique, ordered)."""
    forms = [number]
    e164 = to_e164(number, region)
    if e164 is not None:
        parsed = phonenumbers.parse(e164)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        forms += [e164, e164[1:], re.sub(r"\D", "", national)]
    return list(dict.fromkeys(form for form in forms if form))


def phone_filter(number: str, region: str) -> str:
    """``(|(telephoneNumber=…)(mobile=…)…)`` with every value escaped."""
    from ldap3.utils.conv import escape_filter_chars

    terms = [
        f"({attribute}={escape_filter_chars(form)})"
        for form in number_forms(number, region)
        for attribute in PHONE_ATTRIBUTES
    ]
    return "(|" + "".join(terms) + ")"


def _first(entry: dict[str, object], names: tuple[str, ...]) -> str:
    for name in names:
        value = entry.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        if isinstance(value, str) and value.strip():
            return value
    return ""


def result_from_attributes(attributes: dict[str, object]) -> LookupResult | None:
    name = _first(attributes, NAME_ATTRIBUTES)
    company = _first(attributes, COMPANY_ATTRIBUTES)
    if not name and not company:
        return None
    return LookupResult(name, company, "", "ldap")


class LdapLookup:
    name = "ldap"

    def __init__(
        self,
        url: str,
        base: str,
        *,
        region: str,
        bind_dn: str = "",
        password: str = "",
        timeout: float = MAX_TIMEOUT,
        connect: ConnectionFactory | None = None,
    ) -> None:
        self.url = check_ldap_url(url)
        self.base = base
        self.region = region
        self.timeout = min(timeout, MAX_TIMEOUT)
        self._bind_dn = bind_dn
        self._password = password
        self._connect = connect or self._real_connection

    def _real_connection(self) -> Connection:
        from ldap3 import Connection, Server

        server = Server(self.url, connect_timeout=self.timeout, get_info="NO_INFO")
        return Connection(
            server,
            user=self._bind_dn or None,
            password=self._password or None,
            receive_timeout=self.timeout,
            read_only=True,
            raise_exceptions=True,
        )

    async def lookup(self, number: str) -> LookupResult | None:
        return await asyncio.to_thread(self._search, number)

    def _search(self, number: str) -> LookupResult | None:
        conn = self._connect()
        try:
            if not conn.bind():
                raise ConnectionError(f"the LDAP server refused the bind: {conn.result}")
            conn.search(
                self.base,
                phone_filter(number, self.region),
                attributes=[*NAME_ATTRIBUTES, *COMPANY_ATTRIBUTES],
                size_limit=1,
                time_limit=max(1, int(self.timeout)),
            )
            for entry in conn.response or []:
                if entry.get("type") == "searchResEntry":
                    return result_from_attributes(dict(entry.get("attributes") or {}))
            return None
        finally:
            conn.unbind()
