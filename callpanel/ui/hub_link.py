"""Which connector the panel's glue starts: Asterisk's AMI directly, or the callpanel hub.

The bridge takes a manager, a client and a call-centre factory; :class:`LinkFactories` gives
it the direct ones (``AsteriskManager`` / ``AsteriskClient`` / ``CentreClient``) or the hub's
(``HubLink`` / ``HubClient`` / ``HubCentreClient``, the same shapes) according to the
``connection`` setting at the moment of connecting. Nothing above the bridge knows which one
runs: the window, tray and history see the same store, call centre, status and errors in both
modes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..asterisk.centre import CentreConfig
from ..asterisk.config import ClientConfig, ConnectionConfig
from ..calls.store import CallStore
from ..store.settings import ConnectionMode
from .bridge import (
    CentreClientLike,
    ClientLike,
    ManagerLike,
    StatusCallback,
    default_centre_factory,
    default_client_factory,
    default_manager_factory,
)


class LinkFactories:
    def __init__(self, mode: Callable[[], ConnectionMode] = lambda: ConnectionMode.AMI) -> None:
        self.mode = mode  # read at every (re)connect: the settings dialog may switch it

    def manager(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        on_status: StatusCallback,
        store: CallStore,
    ) -> ManagerLike:
        if self.mode() is ConnectionMode.HUB:
            from ..hubclient import HubLink, broker_config

            return HubLink(broker_config(conn), conn.username, store, on_status)
        return default_manager_factory(conn, client, on_status, store)

    def client(self, manager: ManagerLike, config: ClientConfig) -> ClientLike:
        from ..hubclient import HubClient, HubLink

        if isinstance(manager, HubLink):
            return HubClient(manager)
        return default_client_factory(manager, config)

    def centre(
        self,
        manager: ManagerLike,
        client: ClientConfig,
        centre: CentreConfig | None,
        on_event: Callable[[object], None],
    ) -> CentreClientLike | None:
        """The call centre: composed into the AMI manager, or what the hub publishes."""
        from ..hubclient import HubCentreClient, HubLink

        if isinstance(manager, HubLink):

            def each(events: Sequence[object]) -> None:
                for event in events:
                    on_event(event)

            manager.centre.on_events = each
            return HubCentreClient(manager)
        return default_centre_factory(manager, client, centre, on_event)
