"""Does the PBX know the operator's phone? Asked once after each login.

A misspelt phone (``SIP/999`` for ``SIP/101``) logs in fine and then shows no call at all: the
panel only follows channels of its endpoints. Asterisk answers the question without a call:
the dialplan function ``DEVICE_STATE(SIP/999)``, read with ``Getvar`` and no channel, is
``INVALID`` when the channel driver has no such device (chan_sip: no such peer; chan_pjsip: no
such endpoint; a Local endpoint: no such extension) or no such driver is loaded. A phone that
exists but is not registered is ``UNAVAILABLE``; one whose state is not known yet is
``UNKNOWN`` — both exist. ``Getvar`` needs read/write class call or reporting, which the panel
needs anyway; when it is refused nothing is concluded.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from ..ami import Action, Response
from ..ami.controls import escape_for_log
from .errors import AsteriskError
from .validate import check_endpoint

log = logging.getLogger(__name__)

NO_SUCH_DEVICE = "INVALID"

Send = Callable[[Action], Awaitable[Response]]


def device_state_action(endpoint: str) -> Action:
    """``Getvar Variable: DEVICE_STATE(SIP/101)`` (the endpoint checked for control characters
    and a dial-string's ``&``, ``,`` or ``(``)."""
    return Action.create("Getvar", {"Variable": f"DEVICE_STATE({check_endpoint(endpoint)})"})


def is_missing(reply: Response) -> bool:
    """The device state in a Getvar reply says Asterisk has no such phone."""
    return (reply.get("Value") or "").strip().upper() == NO_SUCH_DEVICE


async def missing_phones(send: Send, endpoints: Sequence[str]) -> tuple[str, ...]:
    """The endpoints Asterisk says it does not know, in the configured order. An endpoint
    whose state cannot be read (permission, timeout, the link gone) is not counted."""
    missing: list[str] = []
    for endpoint in endpoints:
        try:
            reply = await send(device_state_action(endpoint))
        except AsteriskError as exc:
            log.info("device state of %s not read: %s", endpoint, escape_for_log(exc))
            continue
        if is_missing(reply):
            missing.append(endpoint)
    return tuple(missing)
