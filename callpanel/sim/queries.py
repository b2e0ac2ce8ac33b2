"""Read-only actions: Ping, CoreSettings, CoreStatus, the lists, Command, Getvar, GetConfig,
Parkinglots."""

from __future__ import annotations

import re
import time

from . import events as ev
from .actionbase import ActionContext, ActionResult, AmiRequest, aid, error, ok

# -- status and lists --------------------------------------------------------------------------


def ping(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    return ActionResult(
        [
            ev.response(
                "Success",
                req.action_id,
                None,
                ("Ping", "Pong"),
                ("Timestamp", f"{time.time():.6f}"),
            )
        ]
    )


def core_settings(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    extra = [
        ("AMIversion", ctx.dialect.ami_version),
        ("AsteriskVersion", ctx.dialect.version),
        ("SystemName", ""),
        ("CoreMaxCalls", "0"),
        ("CoreMaxLoadAvg", "0.000000"),
        ("CoreRunUser", "asterisk"),
        ("CoreRunGroup", "asterisk"),
        ("CoreMaxFilehandles", "0"),
        ("CoreRealTimeEnabled", "No"),
        ("CoreCDRenabled", "Yes"),
        ("CoreHTTPenabled", "No"),
    ]
    if ctx.dialect.sounds_search_dir:
        extra.append(("SoundsSearchCustomDir", "No"))
    return ok(req, None, *extra)


def core_status(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    boot = time.localtime(ctx.pbx.boot_time)
    date, clock = time.strftime("%Y-%m-%d", boot), time.strftime("%H:%M:%S", boot)
    return ok(
        req,
        None,
        ("CoreStartupDate", date),
        ("CoreStartupTime", clock),
        ("CoreReloadDate", date),
        ("CoreReloadTime", clock),
        ("CoreCurrentCalls", str(len(ctx.pbx.channels))),
    )


def core_show_channels(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    items = [ev.core_show_channel(ch, req.action_id) for ch in ctx.pbx.channels.values()]
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Channels will follow"),
            *items,
            ev.list_complete("CoreShowChannelsComplete", req.action_id, len(items)),
        ]
    )


def status(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    name = req.get("Channel")
    chans = list(ctx.pbx.channels.values())
    if name:
        chans = [ctx.pbx.require(name)]
    items = [ev.status_item(ctx.dialect, ch, req.action_id) for ch in chans]
    n = str(len(items))
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Channel status will follow"),
            *items,
            ev.list_complete("StatusComplete", req.action_id, len(items), ("Items", n)),
        ]
    )


def bridge_list(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    items = [ev.bridge_list_item(br, req.action_id) for br in ctx.pbx.bridges.values()]
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Bridge listing will follow"),
            *items,
            ev.list_complete("BridgeListComplete", req.action_id, len(items)),
        ]
    )


def command(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    text = req.get("Command")
    if not text:
        return error(req, "No command provided")
    known = " ".join(text.split()).lower()
    if known == "core show version":
        out, good = ctx.dialect.build_line, True
    elif known == "core show uptime":
        secs = int(time.time() - ctx.pbx.boot_time)
        out, good = f"System uptime: {secs} seconds\nLast reload: {secs} seconds", True
    elif known in ("core show channels", "core show channels concise"):
        lines = [
            f"{c.name}!{c.context}!{c.exten}!{c.priority}!{c.state_desc}"
            for c in ctx.pbx.channels.values()
        ]
        out, good = "\n".join([*lines, f"{len(lines)} active channels"]), True
    else:
        out = f"No such command '{text}' (type 'core show help {text}' for other possible commands)"
        good = False
    if ctx.dialect.command_follows:
        head = [("Response", "Follows"), ("Privilege", "Command")]
        if req.action_id:
            head.append(("ActionID", req.action_id))
        block = "".join(f"{k}: {v}{ctx.eol}" for k, v in head)
        raw = f"{block}{out}\n--END COMMAND--{ctx.eol}{ctx.eol}".encode()
        return ActionResult([], raw=raw)
    outputs = [("Output", line) for line in out.split("\n")]
    status_word = "Success" if good else "Error"
    return ActionResult(
        [ev.response(status_word, req.action_id, "Command output follows", *outputs)]
    )


def getvar(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    variable = req.get("Variable")
    if not variable:
        return error(req, "No variable specified")
    ch = ctx.pbx.find(req.get("Channel")) if req.get("Channel") else None
    if req.get("Channel") and ch is None:
        return error(req, "No such channel")
    value = ""
    if ch is None and variable.upper().startswith("DEVICE_STATE(") and variable.endswith(")"):
        # a function read without a channel: INVALID for a device Asterisk does not know
        device = variable[len("DEVICE_STATE(") : -1]
        tech, _, number = device.partition("/")
        known = tech == ctx.pbx.tech and number in ("101", "102", "trunk")
        value = ctx.pbx.device_state(device) if known else "INVALID"
    if ch is None and value == "":
        value = _phone_function(ctx, variable)
    if ch is not None:
        upper = variable.upper()
        if upper == "SIPCALLID" or upper == "CHANNEL(PJSIP,CALL-ID)":
            value = ch.call_id
        elif upper == "CHANNEL(LINKEDID)":
            value = ch.linkedid
        elif upper == "CHANNEL(UNIQUEID)" or upper == "UNIQUEID":
            value = ch.uniqueid
        elif upper == "BRIDGEPEER":
            value = ",".join(p.name for p in ctx.pbx.peers(ch))
    return ok(req, None, ("Variable", variable), ("Value", value))


def _hints(ctx: ActionContext) -> list[tuple[str, str, str]]:
    """(exten, hint, device state) of the phones that have hints in context internal."""
    pbx = ctx.pbx
    phones = [
        (n, pbx.phone_endpoint(n), pbx.device_state(pbx.phone_endpoint(n))) for n in ("101", "102")
    ]
    return phones + pbx.centre.hints()  # the demo colleagues


def extension_state(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    exten = req.get("Exten")
    if not exten:
        return error(req, "Extension not specified")
    context = req.get("Context") or "default"
    found = next((h for h in _hints(ctx) if h[0] == exten and context == "internal"), None)
    if found is None:
        return ok(req, "Extension Status", ("Exten", exten), ("Context", context), ("Hint", ""),
                  ("Status", "-1"), ("StatusText", "Unknown"))  # fmt: skip
    status, text = ev.EXTENSION_STATUS.get(found[2], (0, "Idle"))
    return ok(req, "Extension Status", ("Exten", exten), ("Context", context), ("Hint", found[1]),
              ("Status", str(status)), ("StatusText", text))  # fmt: skip


def device_state_list(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    aid = [("ActionID", req.action_id)] if req.action_id else []
    devices = [(hint, state) for _, hint, state in _hints(ctx)]
    devices += sorted(ctx.pbx.centre.custom.items())  # Custom:DND101 and friends
    items = [[("Event", "DeviceStateChange"), *aid, ("Device", device), ("State", state)]
             for device, state in devices]  # fmt: skip
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Device State Changes will follow"),
            *items,
            ev.list_complete("DeviceStateListComplete", req.action_id, len(items)),
        ]
    )


def extension_state_list(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    items = []
    for exten, hint, state in _hints(ctx):
        event = ev.extension_status(exten, hint, state)
        aid = [("ActionID", req.action_id)] if req.action_id else []
        items.append([("Event", "ExtensionStatus"), *aid, *event.headers])
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Extension Statuses will follow"),
            *items,
            ev.list_complete("ExtensionStateListComplete", req.action_id, len(items)),
        ]
    )


def queue_status(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    """QueueStatus (no class needed): QueueParams, then its QueueMember items, per queue."""
    from .centre import QUEUES

    centre = ctx.pbx.centre
    wanted_queue, wanted_member = req.get("Queue"), req.get("Member")
    aid = [("ActionID", req.action_id)] if req.action_id else []
    items: list[list[tuple[str, str]]] = []
    for queue in QUEUES:
        if wanted_queue and queue != wanted_queue:
            continue
        strategy = "ringall" if queue == "support" else "rrmemory"
        items.append([("Event", "QueueParams"), ("Queue", queue), ("Max", "0"),
                      ("Strategy", strategy), ("Calls", "0"), ("Holdtime", "0"),
                      ("TalkTime", "0"), ("Completed", "0"), ("Abandoned", "0"),
                      ("ServiceLevel", "0"), ("ServicelevelPerf", "0.0"), ("Weight", "0"),
                      *aid])  # fmt: skip
        for m in centre.members.values():
            if m.queue == queue and (not wanted_member or m.interface == wanted_member):
                items.append(centre.member_item(m, req.action_id))
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Queue status will follow"),
            *items,
            ev.list_complete("QueueStatusComplete", req.action_id, len(items)),
        ]
    )


# what ShowDialPlan lists for each context of the demo dialplan (exten, application)
DIALPLAN = {
    "internal": [("101", "Dial"), ("102", "Dial"), ("600", "Queue"), ("601", "Queue"),
                 ("799", "Playback"), ("_[78]XXXXXXXXXX", "Dial")],
    "from-trunk": [("_X.", "Dial")],
    "panel-hold": [("s", "MusicOnHold")],
    "panel-park-op": [("s", "Wait")],
    "panel-aa": [("101", "Dial"), ("102", "Dial")],
}  # fmt: skip


def show_dialplan(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    """Real Asterisk: write class config or reporting; an unknown context is an Error."""
    wanted = req.get("Context")
    if wanted and wanted not in DIALPLAN:
        return error(req, f"Did not find context {wanted}")
    items = []
    for context, extens in DIALPLAN.items():
        if wanted and context != wanted:
            continue
        for exten, app in extens:
            items.append([("Event", "ListDialplan"), *aid(req), ("Context", context),
                          ("Extension", exten), ("Priority", "1"), ("Application", app),
                          ("AppData", ""), ("Registrar", "pbx_config")])  # fmt: skip
    return ActionResult(
        [
            ev.list_ack(req.action_id, "DialPlan list will follow"),
            *items,
            ev.list_complete("ShowDialPlanComplete", req.action_id, len(items)),
        ]
    )


_PHONE_FUNCTION = re.compile(
    r"(SIPPEER|PJSIP_ENDPOINT)\(([^,()]+),(callerid_num|callerid_name|callerid)\)", re.IGNORECASE
)


def _phone_function(ctx: ActionContext, variable: str) -> str:
    """``SIPPEER(101,callerid_num)`` (chan_sip) and ``PJSIP_ENDPOINT(101,callerid)``: the
    demo's phones present themselves as ``"Operator 101" <101>``; anything else is empty."""
    found = _PHONE_FUNCTION.fullmatch(variable)
    if found is None:
        return ""
    function, phone, field = found.group(1).upper(), found.group(2), found.group(3).lower()
    if phone not in ("101", "102") or (function == "PJSIP_ENDPOINT") != (ctx.pbx.tech == "PJSIP"):
        return ""
    if field == "callerid_num":
        return phone
    if field == "callerid_name":
        return f"Operator {phone}"
    return f'"Operator {phone}" <{phone}>'


# the demo's notify types, as packaging/asterisk/{sip,pjsip}_notify.conf has them
NOTIFY_CONFIG = {
    "sip_notify.conf": [("panel-talk", ["Event=talk", "Content-Length=0"]),
                        ("panel-hold", ["Event=hold", "Content-Length=0"])],
    "pjsip_notify.conf": [("panel-talk", ["Event=talk"]), ("panel-hold", ["Event=hold"])],
}  # fmt: skip


def get_config(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    """GetConfig (write class system or config) of the demo's notify files; others are not
    there ("Config file not found", as Asterisk says for a missing file)."""
    name = req.get("Filename")
    if not name:
        return error(req, "Filename not specified")
    categories = NOTIFY_CONFIG.get(name)
    if categories is None:
        return error(req, "Config file not found")
    pairs: list[tuple[str, str]] = []
    for number, (category, lines) in enumerate(categories):
        pairs.append((f"Category-{number:06d}", category))
        pairs.extend((f"Line-{number:06d}-{i:06d}", line) for i, line in enumerate(lines))
    return ok(req, None, *pairs)


def parking_lots(ctx: ActionContext, req: AmiRequest) -> ActionResult:
    """Parkinglots (class call): the demo's one lot, as res_parking lists it."""
    items = [[("Event", "Parkinglot"), *aid(req), ("Name", "default"), ("StartSpace", "701"),
              ("StopSpace", "720"), ("Timeout", "45")]]  # fmt: skip
    return ActionResult(
        [
            ev.list_ack(req.action_id, "Parking lots will follow"),
            *items,
            ev.list_complete("ParkinglotsComplete", req.action_id, len(items)),
        ]
    )
