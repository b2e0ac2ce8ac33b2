"""Call-control actions: validate the request, answer like Asterisk, then change the model.

A handler returns the response (and list items) plus ``then``, the model change that runs
after the response is written, so events follow the response as in the recordings.
Session actions (Login, Challenge, Logoff, Events, Filter) live in :mod:`server`, read-only
ones in :mod:`queries`.
"""

from __future__ import annotations

import asyncio
import re

from . import events as ev
from .actionbase import (
    ActionContext,
    ActionResult,
    AmiRequest,
    Handler,
    Pairs,
    aid,
    channel_of,
    error,
    ok,
)
from .dialplan import OriginateRequest
from .model import SimError
from .queries import (
    bridge_list,
    command,
    core_settings,
    core_show_channels,
    core_status,
    device_state_list,
    extension_state,
    extension_state_list,
    get_config,
    getvar,
    parking_lots,
    ping,
    queue_status,
    show_dialplan,
    status,
)
from .state import Channel
from .transfers import RedirectTarget

MAX_UNIQUEID = 149

__all__ = ["ACTIONS", "ActionContext", "ActionResult", "AmiRequest", "Pairs", "run_action"]


# -- call control -----------------------------------------------------------------------------


def hangup(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    name = req.get("Channel")
    if not name:
        return error(req, "No channel specified")
    cause_text = req.get("Cause")
    cause = int(cause_text) if cause_text.isdigit() and 0 < int(cause_text) < 128 else 16
    pbx = ctx.pbx
    if len(name) > 2 and name.startswith("/") and name.endswith("/"):
        try:
            pattern = re.compile(name[1:-1])
        except re.error:
            return error(req, "Invalid regex")
        chans = [c for c in pbx.channels.values() if pattern.search(c.name)]
        items = [[("Event", "ChannelHungup"), ("Channel", c.name), *aid(req)] for c in chans]

        def hang_all() -> None:
            for c in chans:
                pbx.hangup(c, cause, request=False)

        return ActionResult(
            [
                ev.list_ack(req.action_id, "Channels hung up will follow"),
                *items,
                ev.list_complete("ChannelsHungupListComplete", req.action_id, len(items)),
            ],
            then=hang_all,
        )
    ch = pbx.require(name)
    result = ok(req, "Channel Hungup")
    result.then = lambda: pbx.hangup(ch, cause, request=False)
    return result


def _parse_callerid(text: str) -> tuple[str, str]:
    """``"Name" <num>`` / ``Name <num>`` / ``num``."""
    match = re.match(r'\s*"?([^"<]*?)"?\s*<([^>]*)>\s*\Z', text)
    if match:
        return match.group(2).strip(), match.group(1).strip()
    return text.strip(), ""


def originate(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    channel = req.get("Channel")
    if not channel:
        return error(req, "Channel not specified")
    if "/" not in channel:
        return error(req, "Invalid channel")
    priority_text = req.get("Priority", "1") or "1"
    if not priority_text.isdigit():
        return error(req, "Invalid priority")
    timeout_text = req.get("Timeout", "30000") or "30000"
    if not timeout_text.lstrip("-").isdigit() or int(timeout_text) < 0:
        return error(req, "Invalid timeout")
    channel_id, other_id = req.get("ChannelId") or None, req.get("OtherChannelId") or None
    for uid in (channel_id, other_id):
        if uid is not None and len(uid) > MAX_UNIQUEID:
            return error(req, f"Uniqueid length exceeds maximum of {MAX_UNIQUEID}\n")
        if uid is not None and ctx.pbx.find(uid) is not None:
            return error(req, "Originate failed")
    app, context, exten = req.get("Application"), req.get("Context"), req.get("Exten")
    if not app and exten and int(priority_text) and not ctx.pbx.exists(context, exten):
        return error(req, "Extension does not exist.")
    if not app and not exten:
        return error(req, "Originate with 'Exten' requires 'Context' and 'Priority'")
    cid_num, cid_name = _parse_callerid(req.get("CallerID"))
    spec = OriginateRequest(
        channel=channel,
        context=context,
        exten=exten,
        priority=int(priority_text),
        application=app,
        data=req.get("Data"),
        cid_num=cid_num,
        cid_name=cid_name,
        timeout=max(1, int(timeout_text)) / 1000.0,
        channel_id=channel_id,
        other_id=other_id,
        action_id=req.action_id,
        predial=req.get("PreDialGoSub"),
        variables=tuple(
            (name.strip(), value)
            for name, sep, value in (v.partition("=") for v in req.get_all("Variable"))
            if sep
        ),
    )
    is_async = req.get("Async").lower() in ("true", "yes", "1", "on", "y", "t")
    if is_async:
        result = ok(req, "Originate successfully queued")
        result.then = lambda: ctx.pbx.originate(spec)
        return result
    future: asyncio.Future[Pairs] = asyncio.get_running_loop().create_future()

    def done(success: bool) -> None:
        if not future.done():
            if success:
                future.set_result(
                    ev.response("Success", req.action_id, "Originate successfully queued")
                )
            else:
                future.set_result(ev.response("Error", req.action_id, "Originate failed"))

    return ActionResult([], then=lambda: ctx.pbx.originate(spec, done), deferred=future)


def redirect(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    pbx = ctx.pbx
    name = req.get("Channel")
    if not name:
        return error(req, "Channel not specified")
    exten, context = req.get("Exten"), req.get("Context")
    if not exten or not context:
        return error(req, "Exten not specified" if not exten else "Context not specified")
    priority = req.get("Priority", "1")
    if not priority.isdigit():
        return error(req, "Invalid priority")
    main = pbx.find(name)
    if main is None:
        return error(req, f"Channel does not exist: {name}")
    targets = [RedirectTarget(main, context, exten, int(priority))]
    extra = req.get("ExtraChannel")
    if extra:
        other = pbx.find(extra)
        if other is None:
            return error(req, f"ExtraChannel does not exist: {extra}")
        eprio = req.get("ExtraPriority", priority)
        targets.append(
            RedirectTarget(
                other,
                req.get("ExtraContext") or context,
                req.get("ExtraExten") or exten,
                int(eprio) if eprio.isdigit() else 1,
            )
        )
    for target in targets:
        pbx.check_redirect(target)
    result = ok(req, "Dual Redirect successful" if extra else "Redirect successful")
    result.then = lambda: pbx.redirect(targets)
    return result


def blind_transfer(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    ch = channel_of(ctx, req)
    exten = req.get("Exten")
    if not exten:
        return error(req, "No extension specified")
    context = req.get("Context") or ch.context
    ctx.pbx.check_blind_transfer(ch, context, exten)
    result = ok(req, "Transfer succeeded")
    result.then = lambda: ctx.pbx.blind_transfer(ch, context, exten)
    return result


def atxfer(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    name = req.get("Channel")
    if not name:
        return error(req, "No channel specified")
    exten = req.get("Exten")
    if not exten:
        return error(req, "No extension specified")
    ch = ctx.pbx.find(name)
    if ch is None:
        return error(req, "Channel specified does not exist")
    context = req.get("Context") or "internal"
    result = ok(req, "Atxfer successfully queued")
    result.then = lambda: ctx.pbx.atxfer(ch, context, exten)
    return result


def cancel_atxfer(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    name = req.get("Channel")
    if not name:
        return error(req, "No channel specified")
    ch = ctx.pbx.find(name)
    if ch is None:
        return error(req, "Channel specified does not exist")
    result = ok(req, "CancelAtxfer successfully queued")
    result.then = lambda: ctx.pbx.cancel_atxfer(ch)
    return result


def bridge(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    n1, n2 = req.get("Channel1"), req.get("Channel2")
    if not n1 or not n2:
        return error(req, "Channel1 and Channel2 must be specified")
    a = ctx.pbx.find(n1)
    if a is None:
        return error(req, f"Channel1 does not exist: {n1}")
    b = ctx.pbx.find(n2)
    if b is None:
        return error(req, f"Channel2 does not exist: {n2}")
    if a is b:
        return error(req, "Unable to add Channel1 to bridge: same channel")
    if b.uniqueid in ctx.pbx.dials or a.uniqueid in ctx.pbx.dials:
        return error(req, "Unable to add Channel2 to bridge: channel is ringing")
    result = ok(req, "Channels have been bridged")
    result.then = lambda: ctx.pbx.bridge_channels(a, b)
    return result


def park(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    name = req.get("Channel")
    if not name:
        return error(req, "Channel not specified")
    ch = ctx.pbx.find(name)
    if ch is None:
        return error(req, f"Channel does not exist: {name}")
    timeout_name = req.get("TimeoutChannel") or req.get("Channel2")
    parker = ctx.pbx.find(timeout_name) if timeout_name else None
    if ch.state != 6 or ch.uniqueid in ctx.pbx.dials:
        return error(req, "Park action failed\n")
    result = ok(req, "Park successful\n")

    def do_park() -> None:
        ctx.pbx.park(ch, parker)

    result.then = do_park
    return result


def parked_calls(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    items = ctx.pbx.parked_items(req.action_id)
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Parked calls will follow"),
            *items,
            ev.list_complete(
                "ParkedCallsComplete", req.action_id, len(items), ("Total", str(len(items)))
            ),
        ]
    )


def play_dtmf(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    name = req.get("Channel")
    if not name:
        return error(req, "Channel not specified")
    ch = ctx.pbx.find(name)
    if ch is None:
        return error(req, f"Channel '{name}' not found")
    digit = req.get("Digit")[:1]
    if not digit or digit not in "0123456789*#ABCDabcd":
        return error(req, "No digit specified")
    direction = "Received" if req.get("Receive").lower() in ("true", "yes", "1") else "Sent"

    def send() -> None:
        if not ch.gone:
            ctx.pbx.emit(ev.dtmf_begin(ch, digit, direction))
            ctx.pbx.emit(ev.dtmf_end(ch, digit, direction))

    result = ok(req, "DTMF successfully queued")
    result.then = send
    return result


def _notify_event(req: AmiRequest) -> str | None:
    for value in req.get_all("Variable"):
        for item in value.split(","):
            key, _, val = item.partition("=")
            if key.strip().lower() == "event":
                return val.strip().strip('"').lower()
    return None


def pjsip_notify(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    pbx = ctx.pbx
    event = _notify_event(req)
    if event is None:
        return error(req, "PJSIPNotify requires either 'Option' or 'Variable' headers")
    name, endpoint = req.get("Channel"), req.get("Endpoint")
    if name:
        ch = pbx.find(name)
        # res_pjsip_notify: no PJSIP channel, or no early dialog yet (the phone has not sent
        # 180 Ringing), are the same error (22.10.1)
        if ch is None or ch.tech != "PJSIP" or ch.state not in (5, 6):
            return error(req, "Channel not found")
    elif endpoint:
        ep = endpoint if endpoint.startswith("PJSIP/") else f"PJSIP/{endpoint}"
        chans = pbx.channels_of(ep)
        if ep not in pbx.phones:
            return error(req, f"Unable to retrieve endpoint {endpoint}\n")
        if not chans:
            return ok(req, "NOTIFY sent")  # nothing to act on: the phone ignores it
        ch = chans[-1]
    else:
        return error(req, "PJSIPNotify requires either 'Endpoint', 'URI' or 'Channel'")
    return _notify(ctx, req, ch, event, "NOTIFY sent")


def sip_notify(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    pbx = ctx.pbx
    peer = req.get("Channel")
    if not peer:
        return error(req, "SIPNotify requires a channel name")
    event = _notify_event(req)
    if event is None:
        return error(req, "SIPNotify requires a Variable header with the Event")
    endpoint = peer if peer.startswith("SIP/") else f"SIP/{peer}"
    if endpoint not in pbx.phones:
        return error(req, "Unable to build sip pvt data for notify (memory/socket error)")
    chans = pbx.channels_of(endpoint)
    call_id = req.get("Call-ID")
    if call_id:
        chans = [c for c in chans if c.call_id == call_id]
        if not chans:
            return error(req, "Call-ID not found")
    if not chans:
        return ok(req, "Notify Sent")
    return _notify(ctx, req, chans[-1], event, "Notify Sent")


def _notify(
    ctx: ActionContext, req: AmiRequest, ch: Channel, event: str, message: str
) -> ActionResult:
    phone = ctx.pbx.phones.get(ch.endpoint)
    if phone is None or not phone.notify or event not in ("talk", "hold", "unhold", "resume"):
        return error(req, f"Phone {ch.endpoint} rejected NOTIFY Event: {event} (489 Bad Event)")
    result = ok(req, message)

    def apply() -> None:
        if not ch.gone:
            try:
                ctx.pbx.notify(ch, event)
            except SimError:
                pass  # e.g. talk on a call that is already up: the phone ignores it

    result.then = apply
    return result


# write classes per action (docs/AMI.md §3, §5); empty = no write permission needed
# -- the call centre (app_queue, func_devstate): see centre.py --------------------------------


def _flag(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


def queue_add(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    queue, interface = req.get("Queue"), req.get("Interface")
    if not queue or not interface:
        return error(req, "'Queue' and 'Interface' not specified.")
    problem = ctx.pbx.centre.add(queue, interface, req.get("MemberName"),
                                 req.get("StateInterface"), _flag(req.get("Paused")),
                                 req.get("Reason"))  # fmt: skip
    return error(req, problem) if problem else ok(req, "Added interface to queue")


def queue_remove(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    queue, interface = req.get("Queue"), req.get("Interface")
    if not queue or not interface:
        return error(req, "Need 'Queue' and 'Interface' parameters.")
    problem = ctx.pbx.centre.remove(queue, interface)
    return error(req, problem) if problem else ok(req, "Removed interface from queue")


def queue_pause(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    interface, paused = req.get("Interface"), req.get("Paused")
    if not interface or not paused:
        return error(req, "Need 'Interface' and 'Paused' parameters.")
    on = _flag(paused)
    problem = ctx.pbx.centre.pause(interface, req.get("Queue"), on, req.get("Reason"))
    if problem:
        return error(req, problem)
    return ok(req, "Interface paused successfully" if on else "Interface unpaused successfully")


def setvar(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    """Setvar: the sim only acts on ``DEVICE_STATE(Custom:…)`` (func_devstate), as DND uses."""
    variable = req.get("Variable")
    if not variable:
        return error(req, "No variable specified")
    if req.get("Channel"):
        channel_of(ctx, req)  # "No such channel" as Asterisk says
    found = re.fullmatch(r"DEVICE_STATE\((Custom:[^)]+)\)", variable, re.IGNORECASE)
    if found is not None:
        ctx.pbx.centre.set_custom(found.group(1), req.get("Value") or "UNKNOWN")
    return ok(req, "Variable Set")


ACTIONS: dict[str, tuple[Handler, frozenset[str]]] = {
    "ping": (ping, frozenset()),
    "coresettings": (core_settings, frozenset({"system", "reporting"})),
    "corestatus": (core_status, frozenset({"system", "reporting"})),
    "coreshowchannels": (core_show_channels, frozenset({"system", "reporting"})),
    "status": (status, frozenset({"system", "call", "reporting"})),
    "bridgelist": (bridge_list, frozenset()),
    "command": (command, frozenset({"command"})),
    "getvar": (getvar, frozenset({"call", "reporting"})),
    "extensionstate": (extension_state, frozenset({"call", "reporting"})),
    "devicestatelist": (device_state_list, frozenset({"call", "reporting"})),
    "extensionstatelist": (extension_state_list, frozenset({"call", "reporting"})),
    "hangup": (hangup, frozenset({"system", "call"})),
    "originate": (originate, frozenset({"originate"})),
    "redirect": (redirect, frozenset({"call"})),
    "blindtransfer": (blind_transfer, frozenset({"call"})),
    "atxfer": (atxfer, frozenset({"call"})),
    "cancelatxfer": (cancel_atxfer, frozenset({"call"})),
    "bridge": (bridge, frozenset({"call"})),
    "park": (park, frozenset({"call"})),
    "parkedcalls": (parked_calls, frozenset()),
    "parkinglots": (parking_lots, frozenset({"call"})),
    "getconfig": (get_config, frozenset({"system", "config"})),
    "playdtmf": (play_dtmf, frozenset({"call"})),
    "pjsipnotify": (pjsip_notify, frozenset({"system"})),
    "sipnotify": (sip_notify, frozenset({"system"})),
    "queuestatus": (queue_status, frozenset()),
    "queueadd": (queue_add, frozenset({"agent"})),
    "queueremove": (queue_remove, frozenset({"agent"})),
    "queuepause": (queue_pause, frozenset({"agent"})),
    "setvar": (setvar, frozenset({"call"})),
    "showdialplan": (show_dialplan, frozenset({"config", "reporting"})),
}


def run_action(ctx: ActionContext, req: AmiRequest, handler: Handler) -> ActionResult:
    try:
        return handler(ctx, req)
    except SimError as exc:
        return error(req, str(exc))
