"""Which connector the panel's glue starts: Asterisk's AMI directly, or the callpanel hub.

The bridge connects through a :class:`~callpanel.ui.bridge.Connecting`; :class:`ModeConnector`
picks, at the moment of connecting and by the ``connection`` setting, the direct connector
(``AsteriskManager`` / ``AsteriskClient`` / ``CentreClient``) or the hub's (``HubLink`` /
``HubClient`` / ``HubCentreClient``, the same shapes). Nothing above the bridge knows which one
runs: the window, tray and history see the same store, call centre, status and errors in both
modes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..asterisk.centre import CentreConfig
from ..asterisk.config import ClientConfig, ConnectionConfig
from ..calls.store import CallStore
from ..store.settings import ConnectionMode
from .bridge import (
    DIRECT,
    CentreClientLike,
    CentreEvents,
    ClientLike,
    Connector,
    Link,
    StatusCallback,
)

if TYPE_CHECKING:
    from ..hubclient import HubLink


def hub_manager(
    conn: ConnectionConfig, client: ClientConfig, on_status: StatusCallback, store: CallStore
) -> HubLink:
    from ..hubclient import HubLink, broker_config

    return HubLink(broker_config(conn), conn.username, store, on_status)


def hub_client(link: HubLink, config: ClientConfig) -> ClientLike:
    from ..hubclient import HubClient

    return HubClient(link)


def hub_centre(
    link: HubLink, client: ClientConfig, centre: CentreConfig | None, on_event: CentreEvents
) -> CentreClientLike:
    """What the hub publishes about queues, agents and colleagues."""
    from ..hubclient import HubCentreClient

    def each(events: Sequence[object]) -> None:
        for event in events:
            on_event(event)

    link.centre.on_events = each
    return HubCentreClient(link)


# The callpanel hub: HubLink, HubClient, HubCentreClient.
HUB: Connector[HubLink] = Connector(hub_manager, hub_client, hub_centre)


class ModeConnector:
    """The panel's connector: AMI or the hub, by ``mode()`` at each (re)connect."""

    def __init__(self, mode: Callable[[], ConnectionMode] = lambda: ConnectionMode.AMI) -> None:
        self.mode = mode  # read at every (re)connect: the settings dialog may switch it

    def connect(
        self,
        conn: ConnectionConfig,
        client: ClientConfig,
        centre: CentreConfig | None,
        on_status: StatusCallback,
        store: CallStore,
        on_centre_event: CentreEvents,
    ) -> Link:
        connector = HUB if self.mode() is ConnectionMode.HUB else DIRECT
        return connector.connect(conn, client, centre, on_status, store, on_centre_event)
