"""Which caller ID an outside party sees when the operator transfers a call to them.

A transferred call is dialled by a channel that is not ours: on a blind transfer the
transferred party's own channel runs the transfer dialplan, so the outside party would see
that party's number — the customer's own number, or after click-to-call the callee's. A
carrier only lets a company present numbers it owns; other numbers are rejected or shown as
spoofed. So:

- Blind transfer (``BlindTransfer``, or ``Redirect`` from a panel hold): just before it the
  panel puts our caller ID into ``CALLPANEL_CID_NUM`` / ``CALLPANEL_CID_NAME`` on the
  transferred party's channel, and the transfer context of
  ``packaging/asterisk/extensions.conf`` (``[panel-transfer]``) sets ``CALLERID`` from them
  before it dials an outside number. Without those lines the variables do nothing and the
  transfer works as before; the panel finds out with ``ShowDialPlan``
  (:func:`transfer_lines_present`) and says what the outside party will see instead.
- Attended transfer: Asterisk dials the consultation from the operator's own channel (a Local
  channel that takes the operator channel's caller ID, at creation and again in the
  connected-line update when it joins the operator's bridge), so it already presents the
  phone's own caller ID. With a ``caller_id`` setting the panel sets the operator channel's
  ``CALLERID`` to it first (:func:`caller_id_setvars`), as a click-to-call does; a variable
  set on the Local channel in the dialplan would race with that update.

Our caller ID: the ``caller_id`` setting when set, otherwise the caller ID the PBX gives the
operator's phone for its own calls (PJSIP endpoint or chan_sip peer ``callerid``; without one,
the endpoint's name when it is a number, as the phone's own From carries it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from ..ami import Action, EventList, Response
from .client_views import Sender
from .errors import ActionFailed, InvalidInput
from .validate import check_channel, check_context, clean_display_name, normalize_number

__all__ = [
    "CID_NAME",
    "CID_NUM",
    "Presented",
    "caller_id_setvars",
    "identity_reads",
    "lines_in",
    "operator_identity",
    "parse_caller_id",
    "setvars",
    "transfer_lines_present",
]

log = logging.getLogger(__name__)

TRANSFER_CONTEXT = "panel-transfer"  # the packaging's transfer context that presents ours
CID_NUM = "CALLPANEL_CID_NUM"
CID_NAME = "CALLPANEL_CID_NAME"


@dataclass(frozen=True, slots=True)
class Presented:
    """A caller ID we may present: ``number`` as dialled (digits, ``*``, ``#``, ``+``)."""

    name: str
    number: str

    def __str__(self) -> str:
        return f"{self.name} <{self.number}>" if self.name else self.number


def parse_caller_id(value: str) -> Presented | None:
    """``"Support" <74951234567>``, ``Support <74951234567>`` or a bare number; None when the
    number part is not a number we could present (empty, ``<unknown>``, a name)."""
    text = value.strip()
    name, number = "", text
    if text.endswith(">") and "<" in text:
        head, _, tail = text.rpartition("<")
        name, number = head.strip().strip('"').strip(), tail[:-1]
    try:
        number = normalize_number(number)
    except InvalidInput:
        return None
    return Presented(clean_display_name(name), number)


def identity_reads(endpoint: str) -> list[Action]:
    """The Getvar actions that read the caller ID configured for ``endpoint``'s phone.

    No Channel: Asterisk evaluates the function on a dummy channel (write class call or
    reporting). PJSIP answers ``"Name" <num>`` in one read, chan_sip a name and a number.
    """
    tech, _, resource = endpoint.partition("/")
    if tech.upper() == "PJSIP":
        return [Action.create("Getvar", {"Variable": f"PJSIP_ENDPOINT({resource},callerid)"})]
    if tech.upper() == "SIP":
        return [
            Action.create("Getvar", {"Variable": f"SIPPEER({resource},callerid_name)"}),
            Action.create("Getvar", {"Variable": f"SIPPEER({resource},callerid_num)"}),
        ]
    return []


def _value(reply: Response) -> str:
    return (reply.get("Value") or "").strip()


async def operator_identity(sender: Sender, endpoint: str) -> Presented | None:
    """What the PBX presents for the phone's own calls, or None when it cannot be told."""
    reads = identity_reads(endpoint)
    values: list[str] = []
    try:
        for action in reads:
            values.append(_value(await sender.send(action)))
    except ActionFailed as exc:  # no such endpoint, no permission: say nothing rather than guess
        log.info("caller ID of %s not readable: %s", endpoint, exc.message)
        return None
    found: Presented | None = None
    if len(values) == 1:
        found = parse_caller_id(values[0])
    elif len(values) == 2:
        found = parse_caller_id(f'"{values[0]}" <{values[1]}>' if values[1] else "")
    if found is not None:
        return found
    # No caller ID configured: the phone's own calls carry the user of its From, which is
    # the endpoint's name on the usual set-up (101). Only a number qualifies.
    return parse_caller_id(endpoint.partition("/")[2])


def setvars(channel: str, presented: Presented) -> list[Action]:
    """Setvar actions putting ``presented`` on ``channel`` for the transfer dialplan."""
    return _set_pair(channel, CID_NUM, CID_NAME, presented)


def caller_id_setvars(channel: str, presented: Presented) -> list[Action]:
    """Setvar actions making ``presented`` the caller ID of ``channel`` itself."""
    return _set_pair(channel, "CALLERID(num)", "CALLERID(name)", presented)


def _set_pair(channel: str, num_var: str, name_var: str, presented: Presented) -> list[Action]:
    channel = check_channel(channel)
    name = clean_display_name(presented.name)
    return [
        Action.create(
            "Setvar", {"Channel": channel, "Variable": num_var, "Value": presented.number}
        ),
        Action.create("Setvar", {"Channel": channel, "Variable": name_var, "Value": name}),
    ]


def lines_in(listing: EventList, context: str) -> bool:
    """Whether ``context`` itself (not a context it includes) uses ``CALLPANEL_CID_NUM``."""
    for event in listing.items:
        if event.get("Context") != context:
            continue
        if CID_NUM in (event.get("AppData") or ""):
            return True
    return False


class ListSender(Protocol):
    """Enough of a link to read the dialplan: the client's ``Sender`` or a bare connection
    (the set-up check)."""

    async def send_list(self, action: Action, *, timeout: float | None = None) -> EventList: ...


async def transfer_lines_present(sender: ListSender, context: str) -> bool | None:
    """True when the transfer context sets our caller ID, False when it does not, None when
    Asterisk would not say (``ShowDialPlan`` needs write class reporting or config)."""
    context = check_context(context, "transfer context")
    try:
        listing = await sender.send_list(Action.create("ShowDialPlan", {"Context": context}))
    except ActionFailed as exc:
        if "did not find context" in exc.message.lower():
            return False
        log.info("dialplan of %s not readable: %s", context, exc.message)
        return None
    return lines_in(listing, context)
