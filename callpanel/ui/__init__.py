"""The Qt panel (PySide6 + qasync); the only package that imports Qt.

- ``app``: ``main`` (GUI, ``--demo``, tel:/callto:/sip: links) and ``dial_main``.
- ``controller``: puts settings, secret, history, bridge, window, tray and dialogs together.
- ``bridge``: owns the connector and the asyncio tasks; call events and status as Qt signals.
- the calls live in ``calls.store.CallStore`` (no Qt); the bridge turns its changes into
  signals.
- ``window``, ``callwidget``, ``dialbox``, ``keypad``, ``history``, ``statusbar``, ``banners``,
  ``transfer``, ``settings_dialog``, ``tray``, ``notify``, ``icons``, ``style``: the widgets.
- ``format``, ``strings``, ``i18n``, ``screenpop``: numbers, words, translations, screen pop.
- ``single_instance``, ``uri``: one panel per user and click-to-call links.
"""
