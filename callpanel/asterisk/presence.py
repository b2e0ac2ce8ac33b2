"""Colleagues' presence from Asterisk's hints and device states.

* ``ExtensionStateList`` (13+, write class ``call`` or ``reporting``) lists every hint as
  ``ExtensionStatus`` items: ``Exten``, ``Context``, ``Hint`` (``SIP/102&Custom:x``, presence
  after a comma), ``Status``; the same event arrives on every change (read class ``call``).
* ``Status`` is a bit mask (main/pbx.c): 1 in use, 2 busy, 4 unavailable, 8 ringing,
  16 on hold; 0 idle; -1 the hint was deactivated, -2 removed. ``9`` is in use and ringing.
* ``DeviceStateChange`` (``Device``, ``State`` such as ``BUSY`` / ``NOT_INUSE``) tells a custom
  device state: DND is the device ``Custom:DND<extension>`` (see docs/CALL-CENTRE.md);
  ``DeviceStateList`` lists them all at login.
"""

from __future__ import annotations

from ..ami import Event
from ..centre import Colleague, ColleagueState

_INUSE, _BUSY, _UNAVAILABLE, _RINGING, _ONHOLD = 1, 2, 4, 8, 16
# Device states that mean "set" for a custom DND device (anything but free or unknown).
_DND_ON = frozenset({"BUSY", "INUSE", "RINGING", "RINGINUSE", "ONHOLD", "UNAVAILABLE"})
MAX_NAME = 80


def hint_state(status: int) -> ColleagueState | None:
    """The colleague state of an extension state mask; None: the hint is gone."""
    if status < 0:
        return None
    if status & _RINGING:
        return ColleagueState.RINGING
    if status & _ONHOLD:
        return ColleagueState.ON_HOLD
    if status & (_INUSE | _BUSY):
        return ColleagueState.IN_CALL
    if status & _UNAVAILABLE:
        return ColleagueState.UNAVAILABLE
    return ColleagueState.IDLE


def hint_devices(hint: str) -> tuple[str, ...]:
    """``SIP/102&Custom:DND102,CustomPresence:102`` → ``("SIP/102", "Custom:DND102")``."""
    devices = hint.split(",", 1)[0]
    return tuple(d.strip() for d in devices.split("&") if d.strip())


def colleague_from(event: Event) -> tuple[Colleague | None, bool]:
    """An ``ExtensionStatus`` → (colleague, removed). (None, False): not a usable item."""
    exten = (event.get("Exten") or "").strip()
    if not exten or not exten.isprintable() or len(exten) > MAX_NAME:
        return None, False
    try:
        status = int((event.get("Status") or "").strip())
    except ValueError:
        return None, False
    state = hint_state(status)
    colleague = Colleague(
        extension=exten,
        context=event.get("Context") or "",
        name="",
        devices=hint_devices(event.get("Hint") or ""),
        state=state or ColleagueState.UNAVAILABLE,
    )
    return colleague, state is None


def dnd_extension(device: str, prefix: str) -> str | None:
    """``Custom:DND102`` → ``"102"`` for the prefix ``Custom:DND``; else None."""
    if prefix and device.casefold().startswith(prefix.casefold()) and len(device) > len(prefix):
        return device[len(prefix) :]
    return None


def dnd_on(state: str) -> bool:
    return state.strip().upper() in _DND_ON


def pickup_devices(colleague: Colleague) -> tuple[str, ...]:
    """The phones of a colleague's hint that ``PickupChan`` can take a ringing call from."""
    return tuple(
        d for d in colleague.devices if d.split("/", 1)[0].upper() in ("SIP", "PJSIP", "IAX2")
    )
