"""URL templates filled with a caller's details: the screen pop and the HTTP lookup.

One rule for both: only http(s); ``{placeholders}`` from a fixed set, and only after the host
(a caller must never choose the server the panel talks to); values percent-encoded (a name
like ``a&b=c#`` cannot add parameters, ``+`` arrives as ``%2B``); and the rendered URL must
keep the template's scheme, host, port and user.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from urllib.parse import quote, urlsplit

MAX_URL_LENGTH = 2048
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f\u0085\u2028\u2029]")


def validate_url_template(template: object, fields: frozenset[str], what: str) -> str:
    """``""`` (off) or a usable template; anything else raises ``ValueError`` saying why."""
    if not isinstance(template, str):
        raise ValueError(f"the {what} must be text")
    if template == "":
        return template
    if len(template) > MAX_URL_LENGTH:
        raise ValueError(f"the {what} is longer than {MAX_URL_LENGTH} characters")
    if _CONTROL_OR_SPACE.search(template):
        raise ValueError(f"the {what} contains spaces or control characters")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"bad placeholder in the {what}: {exc}") from None
    allowed = ", ".join(f"{{{name}}}" for name in sorted(fields))
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in fields or spec or conversion:
            raise ValueError(f"only {allowed} may be used, not {{{name}}}")
    origin = origin_of(template)
    if "{" in origin or "}" in origin:
        raise ValueError(
            f"placeholders may be used only in the path, query or fragment of the {what}, "
            "not in its scheme, host or port"
        )
    url = urlsplit(origin)
    if url.scheme.lower() not in ("http", "https") or not url.hostname:
        raise ValueError(f"the {what} must start with http:// or https:// and name a host")
    return template


def render_url_template(
    template: str, values: Mapping[str, str], fields: frozenset[str], what: str
) -> str:
    """The template filled with ``values`` (missing fields: empty), each percent-encoded."""
    validate_url_template(template, fields, what)
    encoded = {name: quote(values.get(name, ""), safe="") for name in fields}
    rendered = template.format(**encoded)
    if not same_origin(origin_of(template), rendered):
        raise ValueError(f"the rendered {what} would leave the template's host")
    return rendered


def origin_of(url: str) -> str:
    """``scheme://user@host:port``: everything before the path, query or fragment."""
    start = url.find("//")
    start = start + 2 if start >= 0 else 0
    ends = [i for i in (url.find(c, start) for c in "/?#") if i >= 0]
    return url[: min(ends)] if ends else url


def same_origin(a: str, b: str) -> bool:
    one, two = urlsplit(a), urlsplit(b)
    try:
        return (one.scheme.lower(), one.hostname, one.port, one.username) == (
            two.scheme.lower(),
            two.hostname,
            two.port,
            two.username,
        )
    except ValueError:  # a port that is not a number
        return False
