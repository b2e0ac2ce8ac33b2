"""The panel's side of the hub (pure asyncio, no Qt): the same shapes the UI glue uses for
the direct AMI path, a link (status, start/stop/retry) and a client (the operator's commands),
fed from and sent through the MQTT broker. See :mod:`.link`."""

from .centre import HubCentre, HubCentreClient
from .link import HubClient, HubLink, broker_config

__all__ = ["HubCentre", "HubCentreClient", "HubClient", "HubLink", "broker_config"]
