"""The registry as a :class:`postguard.records.RecordSource`: the library asks it for the records that may
lift a post's findings, and gets :class:`postguard.types.Record` values (the library never sees Django).

What each kind of record lifts (its ``covers``):

- a consent: DP001, DP003 and PH001 (the person's contact details, special-category data, their face);
- a written permission: its scope, drawn from AU001, AU002, AU004, BR001 and DP004;
- an official account's standing permissions: the codes it may post without a further record (the one
  kind of permission that applies without being cited; a written permission lifts only a post citing it);
- an authorisation: PH005 and IP002 (research photos) or PH002 (photos of children);
- a licence: IP001.

It also answers what an account's security settings lack (``security_gaps``, SE002), from
:func:`postguard.server.registry.selectors.account_security_gaps`.

A record carries no personal data: the person is named by their registry id (``P-12``).

Example::

    engine = Engine(records=lambda post: RegistryRecords(platform=post.platform))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from postguard.server.registry.models import (
    Account,
    Authorisation,
    AuthorisationKind,
    Consent,
    Licence,
    WrittenPermission,
)
from postguard.types import Record

CONSENT_CODES = ("DP001", "DP003", "PH001")
WRITTEN_PERMISSION_CODES = ("AU001", "AU002", "AU004", "BR001", "DP004")
STANDING_CODES = ("AU001", "AU002", "AU004", "BR001")
AUTHORISATION_CODES = {
    AuthorisationKind.RESEARCH_PHOTOS: ("PH005", "IP002"),
    AuthorisationKind.PHOTOS_OF_CHILDREN: ("PH002",),
}
LICENCE_CODES = ("IP001",)


def _revoked(row: Any) -> bool:
    return row.revoked_at is not None


def consent_record(consent: Consent) -> Record:
    return Record(
        consent.ref,
        "consent",
        CONSENT_CODES,
        granted_by=consent.subject.ref,
        expires=consent.expires,
        revoked=_revoked(consent) or consent.subject.erased_at is not None,
        subject=consent.subject.ref,
        photos=tuple(consent.photos),
    )


def written_permission_record(permission: WrittenPermission) -> Record:
    return Record(
        permission.ref,
        "written-permission",
        tuple(permission.scope),
        granted_by="communications-office",
        expires=permission.expires,
        revoked=_revoked(permission),
        account=permission.account.ref if permission.account else None,
    )


def standing_record(account: Account) -> Record:
    return Record(
        f"SP-{account.pk}",
        "written-permission",
        tuple(account.standing_permissions),
        granted_by="communications-office",
        account=account.ref,
    )


def authorisation_record(authorisation: Authorisation) -> Record:
    return Record(
        authorisation.ref,
        "authorisation",
        AUTHORISATION_CODES[AuthorisationKind(authorisation.kind)],
        granted_by=authorisation.basis,
        expires=authorisation.expires,
        revoked=_revoked(authorisation),
        account=authorisation.account.ref if authorisation.account else None,
        photos=tuple(authorisation.photos),
    )


def licence_record(licence: Licence) -> Record:
    return Record(
        licence.ref,
        "licence",
        LICENCE_CODES,
        granted_by=licence.licensor,
        expires=licence.expires,
        revoked=_revoked(licence),
        account=licence.account.ref if licence.account else None,
        photos=tuple(licence.photos),
    )


class RegistryRecords:
    """The registry's records, as the library's :class:`~postguard.records.RecordSource` asks for them.

    ``platform`` (the post's) leaves out consents given for other channels. Records not yet in force
    (given after ``today``) are left out; revoked and expired ones are returned as they are, and the
    library's lifting refuses them (so a report can say why a cited record did not lift).
    """

    def __init__(self, *, platform: str | None = None, today: dt.date | None = None) -> None:
        self.platform = platform
        self.today = today

    def _day(self) -> dt.date:
        from django.utils import timezone

        return self.today or timezone.localdate()

    def _consent_applies(self, consent: Consent) -> bool:
        return not consent.channels or self.platform is None or self.platform in consent.channels

    def by_id(self, record_id: str) -> Record | None:
        prefix, _, number = record_id.partition("-")
        if not number.isdigit():
            return None
        pk, day = int(number), self._day()
        if prefix == "C":
            consent = Consent.objects.select_related("subject").filter(pk=pk, given__lte=day).first()
            return consent_record(consent) if consent and self._consent_applies(consent) else None
        if prefix == "WP":
            permission = WrittenPermission.objects.select_related("account").filter(pk=pk, given__lte=day).first()
            return written_permission_record(permission) if permission else None
        if prefix == "AZ":
            authorisation = Authorisation.objects.select_related("account").filter(pk=pk, given__lte=day).first()
            return authorisation_record(authorisation) if authorisation else None
        if prefix == "L":
            licence = Licence.objects.select_related("account").filter(pk=pk, given__lte=day).first()
            return licence_record(licence) if licence else None
        if prefix == "SP":
            account = Account.objects.filter(pk=pk).first()
            return standing_record(account) if account and account.standing_permissions else None
        return None

    def of_person(self, person: str) -> Sequence[Record]:
        prefix, _, number = person.partition("-")
        if prefix != "P" or not number.isdigit():
            return []
        consents = Consent.objects.select_related("subject").filter(subject_id=int(number), given__lte=self._day())
        return [consent_record(c) for c in consents.order_by("pk") if self._consent_applies(c)]

    def of_account(self, account: str) -> Sequence[Record]:
        from postguard.server.registry.selectors import account_by_ref

        found = account_by_ref(account)
        if found is None:
            return []
        day = self._day()
        out = [standing_record(found)] if found.standing_permissions and found.kind == "official" else []
        # a written permission lifts only the posts that cite it (by_id): it is given for one post or
        # campaign, not for everything the account posts; the standing permissions are the uncited ones
        out += [authorisation_record(a) for a in found.authorisations.filter(given__lte=day).order_by("pk")]
        out += [licence_record(licence) for licence in found.licences.filter(given__lte=day).order_by("pk")]
        return out

    def of_photo(self, sha256: str) -> Sequence[Record]:
        digest, day = sha256.lower(), self._day()
        # the JSON lists are searched as text (the same on SQLite and PostgreSQL), then matched exactly
        near = {"photos__icontains": digest, "given__lte": day}
        consents = Consent.objects.select_related("subject").filter(**near).order_by("pk")
        authorisations = Authorisation.objects.select_related("account").filter(**near).order_by("pk")
        licences = Licence.objects.select_related("account").filter(**near).order_by("pk")
        return (
            [consent_record(c) for c in consents if digest in c.photos and self._consent_applies(c)]
            + [authorisation_record(a) for a in authorisations if digest in a.photos]
            + [licence_record(x) for x in licences if digest in x.photos]
        )

    def security_gaps(self, account: str) -> Sequence[str]:
        """What the account's settings lack (SE002), on the day of the check; nothing for an unknown one."""
        from postguard.server.registry.selectors import account_by_ref, account_security_gaps

        found = account_by_ref(account)
        return account_security_gaps(found, today=self._day()) if found is not None else []
