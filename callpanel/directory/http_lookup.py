"""A CRM's search API as a lookup source: ``https://crm.example.com/api/phone?q={number}``.

The answer must be JSON (``Content-Type: application/json`` or ``…+json``), at most 64 KB,
and either an object with a name or a list whose first element has one; ``{"results": […]}``
and ``{"data": …}`` wrappers are unwrapped. HTML (a login page), a huge body, invalid JSON or a
redirect is refused. Runs ``urllib`` in a worker thread with its own timeout, so the panel's
event loop never waits on the network.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from .lookup import MAX_TIMEOUT, LookupResult
from .phone import to_e164
from .urltemplate import render_url_template, validate_url_template

LOOKUP_FIELDS = frozenset({"number", "e164"})
MAX_BODY = 64 * 1024
_NAME_KEYS = ("name", "full_name", "fullName", "display_name", "displayName", "title", "fio")
_COMPANY_KEYS = ("company", "organization", "organisation", "org", "company_name")
_LINK_KEYS = ("url", "link", "href", "web_url")
_ID_KEYS = ("id", "contact_id", "contactId", "uid")
_WRAPPERS = ("results", "result", "data", "items", "contacts")


class LookupRefused(Exception):
    """The endpoint answered with something that is not a usable lookup result."""


def validate_lookup_url(template: object) -> str:
    return validate_url_template(template, LOOKUP_FIELDS, "lookup URL")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        raise LookupRefused("the endpoint redirected; give its final address")


def parse_answer(content_type: str, body: bytes) -> LookupResult | None:
    """The result in a JSON answer, ``None`` when it knows no one; ``LookupRefused`` if bad."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise LookupRefused(f"the endpoint answered {kind or 'without a type'}, not JSON")
    if len(body) > MAX_BODY:
        raise LookupRefused(f"the answer is larger than {MAX_BODY} bytes")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LookupRefused(f"the answer is not valid JSON: {exc}") from None
    for _ in range(3):
        if isinstance(data, dict):
            inner = next((data[k] for k in _WRAPPERS if k in data), None)
            if inner is None or any(k in data for k in _NAME_KEYS):
                break
            data = inner
        elif isinstance(data, list):
            data = data[0] if data else None
        else:
            break
    if not isinstance(data, dict):
        return None
    name = _first_text(data, _NAME_KEYS)
    company = _first_text(data, _COMPANY_KEYS)
    if not name and not company:
        return None
    return LookupResult(name, company, _first_text(data, _LINK_KEYS), "http", _first_id(data))


def _first_id(data: dict[str, object]) -> str:
    """The CRM's id of the contact: text or a whole number (not a bool, a float or a list)."""
    for key in _ID_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return ""


def _first_text(data: dict[str, object], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, dict):  # {"company": {"name": "Acme"}}
            inner = value.get("name")
            if isinstance(inner, str) and inner.strip():
                return inner
    return ""


class HttpLookup:
    name = "http"

    def __init__(
        self,
        template: str,
        *,
        region: str,
        timeout: float = MAX_TIMEOUT,
        headers: dict[str, str] | None = None,
        opener: Callable[[], urllib.request.OpenerDirector] | None = None,
    ) -> None:
        self.template = validate_lookup_url(template)
        self.region = region
        self.timeout = min(timeout, MAX_TIMEOUT)
        self._headers = {"Accept": "application/json", "User-Agent": "callpanel", **(headers or {})}
        self._opener = opener or (lambda: urllib.request.build_opener(_NoRedirect()))

    def url_for(self, number: str) -> str:
        values = {"number": number, "e164": to_e164(number, self.region) or number}
        return render_url_template(self.template, values, LOOKUP_FIELDS, "lookup URL")

    async def lookup(self, number: str) -> LookupResult | None:
        url = self.url_for(number)
        return await asyncio.to_thread(self._fetch, url)

    def _fetch(self, url: str) -> LookupResult | None:
        request = urllib.request.Request(url, headers=self._headers)
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                body = response.read(MAX_BODY + 1)
                content_type = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:  # "no such caller" for many APIs
                return None
            raise LookupRefused(f"the endpoint answered HTTP {exc.code}") from None
        return parse_answer(content_type, body)
