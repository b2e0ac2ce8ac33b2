"""Who is calling and what to dial: phone numbers (display, E.164), dialling rules, contacts
(model and file import), and caller lookup sources. PBX-neutral and pure: no Qt, no Asterisk;
the SQLite book lives in ``callpanel.store.contacts``.
"""
