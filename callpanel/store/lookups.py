"""The caller lookup the settings describe: the local book, then the CRM endpoint, then LDAP.
(The LDAP bind password is kept in the keyring, account ``BIND_DN@LDAP_HOST``.)"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from ..directory.http_lookup import HttpLookup
from ..directory.ldap_lookup import LdapLookup
from ..directory.lookup import BookSource, CallerLookup, LookupSource
from ..directory.phone import effective_region
from .contacts import ContactsStore
from .secrets import SecretStore, SecretStoreError
from .settings import Settings

log = logging.getLogger(__name__)


def build_caller_lookup(
    settings: Settings,
    book: ContactsStore | None,
    *,
    secrets: SecretStore | None = None,
    locale_name: str | None = None,
) -> CallerLookup:
    region = effective_region(settings.region, locale_name)
    sources: list[LookupSource] = []
    if book is not None:
        sources.append(BookSource(book.find_by_number))
    if settings.lookup_url:
        sources.append(HttpLookup(settings.lookup_url, region=region))
    if settings.ldap_url and settings.ldap_base:
        password = ""
        if settings.ldap_bind_dn and secrets is not None:
            host = urlsplit(settings.ldap_url).hostname or ""
            try:
                stored = secrets.get(settings.ldap_bind_dn, host)
            except SecretStoreError as exc:
                log.warning("LDAP password not read from the keyring: %s", exc)
                stored = None
            password = stored.reveal() if stored is not None else ""
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
