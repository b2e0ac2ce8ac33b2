"""Which connector the panel's glue starts: Asterisk's AMI directly, or the callpanel hub.

The bridge takes a manager factory and a client factory; :class:`LinkFactories` gives it the
direct ones (``AsteriskManager`` / ``AsteriskClient``) or the hub's (``HubLink`` / ``HubClient``,
the same shapes) according to the ``connection`` setting at the moment of connecting. Nothing
above the bridge knows which one runs: the window, tray and history see the same store,
status and errors in both modes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..asterisk.config import ClientConfig, ConnectionConfig
from ..calls.store import CallStore
from ..store.settings import ConnectionMode
from .bridge import (
    ClientLike,
    ManagerLike,
    StatusCallback,
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
