"""The caller lookup the settings describe: the local book, then the CRM endpoint, then LDAP.

The LDAP bind password is never in the settings file: it is kept in the system keyring
(service ``callpanel``, account ``BIND_DN@LDAP_HOST``), typed in the settings' Dialling page.
Without a keyring the panel keeps it for the session only."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from ..directory.http_lookup import HttpLookup
from ..directory.ldap_lookup import LdapLookup
from ..directory.lookup import BookSource, CallerLookup, LookupSource
from ..directory.phone import effective_region
from .contacts import ContactsStore
from .secrets import SecretStore, SecretStoreError, Storage
from .settings import Settings

log = logging.getLogger(__name__)


def ldap_account(settings: Settings) -> tuple[str, str] | None:
    """(bind DN, LDAP host) the password belongs to; ``None`` for an anonymous bind."""
    if not (settings.ldap_url and settings.ldap_bind_dn):
        return None
    try:
        host = urlsplit(settings.ldap_url).hostname or ""
    except ValueError:
        host = ""
    return settings.ldap_bind_dn, host


def stored_ldap_password(settings: Settings, secrets: SecretStore | None) -> str | None:
    account = ldap_account(settings)
    if account is None or secrets is None:
        return None
    try:
        stored = secrets.get(*account)
    except SecretStoreError as exc:
        log.warning("LDAP password not read from the keyring: %s", exc)
        return None
    return stored.reveal() if stored is not None else None


def store_ldap_password(settings: Settings, secrets: SecretStore, password: str) -> Storage:
    """Into the keyring only (no file fallback: ``KeyringUnavailable`` when there is none)."""
    account = ldap_account(settings)
    if account is None:
        raise SecretStoreError("an LDAP password needs the LDAP server and the bind DN")
    return secrets.set(*account, password)


def build_caller_lookup(
    settings: Settings,
    book: ContactsStore | None,
    *,
    secrets: SecretStore | None = None,
    locale_name: str | None = None,
    ldap_password: str | None = None,
) -> CallerLookup:
    """``ldap_password`` (typed this session) wins over the keyring's."""
    region = effective_region(settings.region, locale_name)
    sources: list[LookupSource] = []
    if book is not None:
        sources.append(BookSource(book.find_by_number))
    if settings.lookup_url:
        sources.append(HttpLookup(settings.lookup_url, region=region))
    if settings.ldap_url and settings.ldap_base:
        password = ""
        if settings.ldap_bind_dn:
            password = ldap_password or stored_ldap_password(settings, secrets) or ""
        sources.append(
            LdapLookup(
                settings.ldap_url,
                settings.ldap_base,
                region=region,
                bind_dn=settings.ldap_bind_dn,
                password=password,
            )
        )
    return CallerLookup(sources)
