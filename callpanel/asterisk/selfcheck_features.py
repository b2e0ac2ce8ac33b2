"""The AMI set-up check's parts about the call centre and the chosen methods: queues (read
and write class agent, by a probe member), phone-notify's notify types, pbx-park's parking
lot, what the customer sees on click-to-call, and what an outside number sees when a caller is
blind-transferred to it. See :mod:`.selfcheck` for how each works."""

from __future__ import annotations

import re
import secrets

from ..ami import Action
from .checklines import (
    COMPANY_PLACEHOLDER,
    DIALPLAN_RELOAD,
    CheckLine,
    Feature,
    Finding,
    Fix,
    FixFile,
    FixNote,
    Need,
    Status,
    Topic,
)
from .client import split_caller_id
from .connection import AsteriskConnection
from .errors import ActionFailed
from .presented import TRANSFER_CONTEXT, transfer_lines_present
from .selfcheck_base import PROBE_CONTEXT, READ_LINE, CheckRun, techs, write_line

QUEUE_PROBE_EVENTS = ("QueueMemberAdded", "QueueMemberPause", "QueueMemberRemoved")

QUEUE_ACTIONS = ("QueueAdd", "QueuePause", "QueueRemove")

QUEUE_EVENTFILTER_LINES = (
    "eventfilter = Event: (QueueMemberAdded|QueueMemberRemoved|QueueMemberPause)[[:cntrl:]]",
    "eventfilter = Event: (QueueMemberStatus|QueueMemberPenalty|QueueMemberRinginuse)[[:cntrl:]]",
    "eventfilter = Event: (QueueCallerJoin|QueueCallerLeave|AgentCalled)[[:cntrl:]]",
)

NOTIFY_TYPES = ("panel-talk", "panel-hold")

NOTIFY_LINES = {
    "SIP": (
        "[panel-talk]",
        "Event=>talk",
        "Content-Length=>0",
        "[panel-hold]",
        "Event=>hold",
        "Content-Length=>0",
    ),
    "PJSIP": ("[panel-talk]", "Event=>talk", "[panel-hold]", "Event=>hold"),
}

PARKING_LINES = (
    "[general]",
    "[default]",
    "parkext => 700",
    "parkpos => 701-720",
    "context => parkedcalls",
    "parkingtime => 45",  # as packaging/asterisk/res_parking.conf (Asterisk's default)
    "comebacktoorigin = yes",
)

DEFAULT_LOT = "default"
# a caller ID number shorter than this is an extension, not a number the public network shows
MIN_PUBLIC_DIGITS = 7


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


class FeatureChecks(CheckRun):
    async def _check_queues(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        if listed is not None and "queuestatus" not in listed:
            self._add(CheckLine(Topic.QUEUES, Status.SKIPPED, Finding.NO_QUEUE_MODULE))
            return
        reply = await self._list_or_skip(conn, "QueueStatus", Topic.QUEUES)
        if reply is None:
            return
        queues: list[str] = []
        mine: list[str] = []
        ours = {e.lower() for e in self.client.endpoints}
        for item in reply.items:
            queue = item.get("Queue") or ""
            if item.name == "QueueParams" and queue and queue not in queues:
                queues.append(queue)
            elif item.name == "QueueMember":
                where = {
                    (item.get(h) or "").lower() for h in ("Location", "Interface", "StateInterface")
                }
                if where & ours and queue not in mine:
                    mine.append(queue)
        if not queues:
            self._add(CheckLine(Topic.QUEUES, Status.OK, Finding.NO_QUEUES))
            return
        self._add(
            CheckLine(
                Topic.QUEUES,
                Status.OK,
                Finding.QUEUES_LISTED,
                facts=(", ".join(queues), ", ".join(mine)),
            )
        )
        await self._probe_queue(conn, listed, queues[0])

    async def _probe_queue(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None, queue: str
    ) -> None:
        needs = (Need("QueueAdd", Feature.QUEUE_LOGIN), Need("QueuePause", Feature.QUEUE_PAUSE))
        write_fix = self._manager_fix(write_line(self.client))
        refused = [a for a in QUEUE_ACTIONS if listed is not None and a.lower() not in listed]
        if refused:
            self._add(
                CheckLine(
                    Topic.QUEUE_ACTIONS,
                    Status.MISSING,
                    Finding.QUEUE_ACTIONS_DENIED,
                    facts=(", ".join(refused),),
                    needs=needs,
                    fixes=(write_fix,),
                )
            )
            self._add(
                CheckLine(
                    Topic.QUEUE_EVENTS,
                    Status.SKIPPED,
                    Finding.QUEUE_EVENTS_UNTESTED,
                    fixes=(self._manager_fix(READ_LINE),),
                )
            )
            return
        token = secrets.token_hex(4)
        member = f"Local/callpanel-check-{token}@{PROBE_CONTEXT}"
        start = len(self._events)

        def seen() -> set[str]:
            return {
                e.name
                for e in self._events[start:]
                if e.name in QUEUE_PROBE_EVENTS
                and member in (e.get("Interface"), e.get("Location"), e.get("StateInterface"))
            }

        added = False
        try:
            await conn.send(
                Action.create(
                    "QueueAdd",
                    {
                        "Queue": queue,
                        "Interface": member,
                        "MemberName": "callpanel check",
                        "Paused": "true",
                        "Reason": "callpanel check",
                    },
                )
            )
            added = True
            await conn.send(
                Action.create(
                    "QueuePause",
                    {
                        "Queue": queue,
                        "Interface": member,
                        "Paused": "true",
                        "Reason": "callpanel check",
                    },
                )
            )
        except ActionFailed as exc:
            self._add(
                CheckLine(
                    Topic.QUEUE_ACTIONS,
                    Status.MISSING,
                    Finding.PROBE_REFUSED,
                    facts=(str(exc),),
                    needs=needs,
                    fixes=(write_fix,),
                )
            )
        finally:
            if added:
                try:
                    await conn.send(
                        Action.create("QueueRemove", {"Queue": queue, "Interface": member})
                    )
                except ActionFailed as exc:
                    self._add(
                        CheckLine(
                            Topic.QUEUE_ACTIONS,
                            Status.WARNING,
                            Finding.ACTION_FAILED,
                            subject="QueueRemove",
                            facts=(str(exc),),
                        )
                    )
        if not added:
            return
        self._add(
            CheckLine(Topic.QUEUE_ACTIONS, Status.OK, Finding.QUEUE_ACTIONS_OK, facts=(queue,))
        )
        await self._wait_for(lambda: set(QUEUE_PROBE_EVENTS) <= seen(), self.probe_timeout)
        got = seen()
        names = ", ".join(name for name in QUEUE_PROBE_EVENTS if name in got)
        if not got:
            fix = self._manager_fix(
                READ_LINE, *QUEUE_EVENTFILTER_LINES[:1], note=FixNote.EVENTFILTER_TOO
            )
            self._add(
                CheckLine(
                    Topic.QUEUE_EVENTS, Status.MISSING, Finding.QUEUE_EVENTS_NONE, fixes=(fix,)
                )
            )
        elif len(got) < len(QUEUE_PROBE_EVENTS):
            dropped = ", ".join(n for n in QUEUE_PROBE_EVENTS if n not in got)
            fix = self._manager_fix(*QUEUE_EVENTFILTER_LINES, note=FixNote.SEE_PACKAGING)
            self._add(
                CheckLine(
                    Topic.QUEUE_EVENTS,
                    Status.MISSING,
                    Finding.QUEUE_EVENTS_FILTERED,
                    facts=(dropped,),
                    fixes=(fix,),
                )
            )
        else:
            self._add(
                CheckLine(Topic.QUEUE_EVENTS, Status.OK, Finding.QUEUE_EVENTS_OK, facts=(names,))
            )

    async def _check_notify(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        for tech in techs(self.client):
            if tech not in NOTIFY_LINES:
                continue
            file = FixFile.SIP_NOTIFY if tech == "SIP" else FixFile.PJSIP_NOTIFY
            endpoint = next(e for e in self.client.endpoints if e.upper().startswith(tech + "/"))
            resource = endpoint.split("/", 1)[1]
            test = (
                f'asterisk -rx "sip notify panel-talk {resource}"'
                if tech == "SIP"
                else f'asterisk -rx "pjsip send notify panel-talk endpoint {resource}"'
            )
            reload = (
                'asterisk -rx "sip reload"'
                if tech == "SIP"
                else 'asterisk -rx "module reload res_pjsip_notify.so"'
            )
            fix = Fix(file, "", NOTIFY_LINES[tech], reload, FixNote.NOTIFY_TEST, test)
            if listed is not None and "getconfig" not in listed:
                self._add(
                    CheckLine(
                        Topic.NOTIFY,
                        Status.SKIPPED,
                        Finding.NOTIFY_NEEDS_GETCONFIG,
                        subject=file.value,
                        fixes=(fix,),
                    )
                )
                continue
            try:
                reply = await conn.send(Action.create("GetConfig", {"Filename": file.value}))
            except ActionFailed as exc:
                if "not found" in str(exc).lower():
                    self._add(
                        CheckLine(
                            Topic.NOTIFY,
                            Status.WARNING,
                            Finding.NOTIFY_NO_FILE,
                            subject=file.value,
                            fixes=(fix,),
                        )
                    )
                else:
                    self._add(
                        CheckLine(
                            Topic.NOTIFY,
                            Status.SKIPPED,
                            Finding.ACTION_FAILED,
                            subject=file.value,
                            facts=(str(exc),),
                        )
                    )
                continue
            categories = {v.strip() for k, v in reply.headers if k.lower().startswith("category-")}
            absent = [t for t in NOTIFY_TYPES if t not in categories]
            if absent:
                self._add(
                    CheckLine(
                        Topic.NOTIFY,
                        Status.WARNING,
                        Finding.NOTIFY_UNDEFINED,
                        subject=file.value,
                        facts=(", ".join(absent),),
                        fixes=(fix,),
                    )
                )
            else:
                self._add(
                    CheckLine(
                        Topic.NOTIFY,
                        Status.OK,
                        Finding.NOTIFY_DEFINED,
                        subject=file.value,
                        facts=(test,),
                    )
                )

    async def _check_parking(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        fixes = (
            Fix(FixFile.RES_PARKING, "", PARKING_LINES),
            Fix(
                FixFile.MODULES,
                "modules",
                ("load => res_parking.so",),
                'asterisk -rx "module load res_parking.so"',
            ),
        )
        if listed is not None and "park" not in listed:
            # without class call the write-classes line already says so
            granted = any(c == frozenset({"call"}) for c in listed.values())
            if granted:
                self._add(
                    CheckLine(
                        Topic.PARKING,
                        Status.MISSING,
                        Finding.PARKING_NOT_LOADED,
                        needs=(Need("Park", Feature.PARK_HOLD),),
                        fixes=fixes,
                    )
                )
            return
        reply = await self._list_or_skip(conn, "Parkinglots", Topic.PARKING)
        if reply is None:
            return
        for item in reply.items:
            if item.name == "Parkinglot" and item.get("Name") == DEFAULT_LOT:
                self._add(
                    CheckLine(
                        Topic.PARKING,
                        Status.OK,
                        Finding.PARKING_OK,
                        facts=(
                            DEFAULT_LOT,
                            item.get("StartSpace") or "?",
                            item.get("StopSpace") or "?",
                            item.get("Timeout") or "?",
                        ),
                    )
                )
                return
        self._add(
            CheckLine(
                Topic.PARKING,
                Status.MISSING,
                Finding.PARKING_NO_LOT,
                facts=(DEFAULT_LOT,),
                fixes=fixes[:1],
            )
        )

    async def _check_caller_id(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        """What the customer sees when the operator clicks to call (the first phone dials)."""
        settings_fix = Fix(FixFile.SETTINGS, note=FixNote.SETTINGS_CALLER_ID)
        dialplan_fix = Fix(
            FixFile.EXTENSIONS,
            self.client.originate_context,
            (f"same => n,Set(CALLERID(num)={COMPANY_PLACEHOLDER})",),
            DIALPLAN_RELOAD,
            FixNote.BEFORE_TRUNK_DIAL,
        )
        if self.client.caller_id:
            self._add(
                CheckLine(
                    Topic.CALLER_ID,
                    Status.OK,
                    Finding.CALLER_ID_SETTING,
                    facts=(self.client.caller_id,),
                )
            )
            return
        endpoint = self.client.endpoints[0] if self.client.endpoints else ""
        tech, _, resource = endpoint.partition("/")
        if tech.upper() == "PJSIP":
            reads = {"": f"PJSIP_ENDPOINT({resource},callerid)"}
            where = f"pjsip.conf [{resource}] callerid"
        else:
            reads = {
                "num": f"SIPPEER({resource},callerid_num)",
                "name": f"SIPPEER({resource},callerid_name)",
            }
            where = f"sip.conf [{resource}] callerid"
        if listed is not None and "getvar" not in listed:
            self._add(
                CheckLine(
                    Topic.CALLER_ID,
                    Status.SKIPPED,
                    Finding.CALLER_ID_UNKNOWN,
                    facts=("Getvar",),
                    fixes=(settings_fix, dialplan_fix),
                )
            )
            return
        values: dict[str, str] = {}
        try:
            for key, variable in reads.items():
                reply = await conn.send(Action.create("Getvar", {"Variable": variable}))
                values[key] = (reply.get("Value") or "").strip()
        except ActionFailed as exc:
            self._add(
                CheckLine(
                    Topic.CALLER_ID,
                    Status.SKIPPED,
                    Finding.CALLER_ID_UNKNOWN,
                    facts=(str(exc),),
                    fixes=(settings_fix, dialplan_fix),
                )
            )
            return
        if "" in values:
            name, number = split_caller_id(values[""]) if values[""] else ("", "")
        else:
            name, number = values.get("name", ""), values.get("num", "")
        if not number:
            self._add(
                CheckLine(
                    Topic.CALLER_ID,
                    Status.WARNING,
                    Finding.CALLER_ID_NONE,
                    facts=(where,),
                    fixes=(settings_fix, dialplan_fix),
                )
            )
            return
        shown = f'"{name}" <{number}>' if name else number
        if len(_digits(number)) < MIN_PUBLIC_DIGITS:
            self._add(
                CheckLine(
                    Topic.CALLER_ID,
                    Status.WARNING,
                    Finding.CALLER_ID_SHORT,
                    facts=(shown, where),
                    fixes=(settings_fix, dialplan_fix),
                )
            )
        else:
            self._add(
                CheckLine(Topic.CALLER_ID, Status.OK, Finding.CALLER_ID_PHONE, facts=(shown, where))
            )

    async def _check_transfer_caller_id(
        self, conn: AsteriskConnection, listed: dict[str, frozenset[str]] | None
    ) -> None:
        """What an outside number sees when the operator blind-transfers a caller to it: the
        transferred party's own channel dials, so the caller's number unless the transfer
        context puts ours (CALLPANEL_CID_NUM, set by the panel) in its place."""
        context = self.client.transfer_context
        fixes = (
            Fix(FixFile.SETTINGS, note=FixNote.SETTINGS_TRANSFER_CONTEXT),
            Fix(FixFile.EXTENSIONS, TRANSFER_CONTEXT, (), DIALPLAN_RELOAD, FixNote.SEE_PACKAGING),
        )
        present: bool | None = None  # None: this user may not read the dialplan, or it failed
        if listed is None or "showdialplan" in listed:
            present = await transfer_lines_present(conn, context)  # never raises ActionFailed
        if present is None:
            self._add(
                CheckLine(
                    Topic.TRANSFER_CALLER_ID,
                    Status.SKIPPED,
                    Finding.TRANSFER_CID_UNKNOWN,
                    facts=(context, "ShowDialPlan"),
                    fixes=fixes,
                )
            )
        elif present:
            self._add(
                CheckLine(
                    Topic.TRANSFER_CALLER_ID, Status.OK, Finding.TRANSFER_CID_OURS, facts=(context,)
                )
            )
        else:
            self._add(
                CheckLine(
                    Topic.TRANSFER_CALLER_ID,
                    Status.WARNING,
                    Finding.TRANSFER_CID_CALLERS,
                    facts=(context,),
                    fixes=fixes,
                )
            )
