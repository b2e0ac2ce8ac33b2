"""``callpanel hub``: one AMI session for a whole call centre, served to the panels through an
MQTT broker. :mod:`.topics` and :mod:`.wire` are the protocol (shared with the panel's side in
``callpanel.hubclient``); :mod:`.service` is the hub; :mod:`.provision` makes a panel's broker
credentials and ACL lines; :mod:`.cli` is the command line."""
