"""The records that lift findings: consents, written permissions, authorisations, licences; revoking one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from postguard.errors import GovernanceError
from postguard.server.access import Actor, require
from postguard.server.registry.models import (
    Account,
    Authorisation,
    AuthorisationBasis,
    AuthorisationKind,
    Consent,
    Licence,
    PermissionKind,
    Person,
    Platform,
    WrittenPermission,
)
from postguard.server.registry.records import WRITTEN_PERMISSION_CODES
from postguard.server.registry.selectors import grantors_for
from postguard.server.registry.services._common import check_period, codes_in, day, log, photo_hashes

# The code a written permission of each kind must cover (its other codes are extra scope).
KIND_CODE = {PermissionKind.ANNOUNCEMENT: "AU001", PermissionKind.CAMPAIGN: "AU002"}
AUTHORITIES = {
    AuthorisationKind.RESEARCH_PHOTOS: (
        "authorise research photos",
        {
            AuthorisationBasis.PRINCIPAL_INVESTIGATOR,
            AuthorisationBasis.HEAD_OF_DEPARTMENT,
            AuthorisationBasis.SPONSOR_TERMS,
        },
    ),
    AuthorisationKind.PHOTOS_OF_CHILDREN: ("authorise photos of children", {AuthorisationBasis.SAFEGUARDING_LEAD}),
}
RegistryRecord = Consent | WrittenPermission | Authorisation | Licence
REVOKE_PERMISSION = {
    Consent: "record consents",
    WrittenPermission: "grant written permissions",
    Licence: "record licences",
}


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
    subject: Person,
    given: dt.date,
    expires: dt.date | None = None,
    channels: Sequence[str] = (),
    purposes: Sequence[str] = (),
    photos: Sequence[str] = (),
    guardian: Person | None = None,
    evidence: File[Any] | None = None,
) -> Consent:
    """Record a person's consent to be shown or named (G21); a minor's needs a guardian (G22)."""
    require(actor, "record consents")
    check_period("the consent", given, expires)
    if subject.minor and guardian is None:
        raise GovernanceError("PG627", person=subject.ref)
    for channel in channels:
        if channel not in Platform.values:
            raise GovernanceError("PG629", field="channels", reason=f"unknown platform {channel!r}")
    consent = Consent(
        subject=subject,
        guardian=guardian,
        given=given,
        expires=expires,
        channels=sorted(set(channels)),
        purposes=list(purposes),
        photos=photo_hashes("photos", photos),
    )
    if evidence is not None:
        consent.evidence.save(evidence.name or "evidence", evidence, save=False)
    consent.save()
    payload = {
        "subject": subject.ref,
        "guardian": guardian.ref if guardian else None,
        "given": given.isoformat(),
        "expires": day(expires),
        "channels": consent.channels,
        "purposes": consent.purposes,
        "photos": consent.photos,
        "evidence": consent.evidence.name or None,
    }
    log(actor, "consent.record", consent, payload)
    return consent


def _may_be_named_grantor(actor: Actor, person: Person) -> bool:
    """The grantor of a written permission is one of :func:`~postguard.server.registry.selectors.grantors_for`
    (the web form offers exactly those)."""
    return grantors_for(actor).filter(pk=person.pk).exists()


@transaction.atomic
def written_permission_grant(
    *,
    actor: Actor,
    kind: str,
    granted_by: Person,
    given: dt.date,
    scope: Sequence[str] = (),
    expires: dt.date | None = None,
    summary: str = "",
    granted_to: Person | None = None,
    account: Account | None = None,
) -> WrittenPermission:
    """Written permission for an announcement or a campaign (G32). Its scope is the codes it lifts: the
    kind's own (AU001 or AU002) and any of AU004, BR001, DP004."""
    require(actor, "grant written permissions")
    if not _may_be_named_grantor(actor, granted_by):
        raise GovernanceError("PG619", person=granted_by.ref)
    if kind not in PermissionKind.values:
        raise GovernanceError("PG629", field="kind", reason=f"use one of {', '.join(PermissionKind.values)}")
    check_period("the written permission", given, expires)
    codes = codes_in("scope", {KIND_CODE[PermissionKind(kind)], *scope}, WRITTEN_PERMISSION_CODES)
    permission = WrittenPermission.objects.create(
        kind=kind,
        scope=codes,
        summary=summary,
        granted_by=granted_by,
        granted_to=granted_to,
        account=account,
        given=given,
        expires=expires,
    )
    payload = {
        "kind": kind,
        "scope": codes,
        "granted_by": granted_by.ref,
        "granted_to": granted_to.ref if granted_to else None,
        "account": account.ref if account else None,
        "given": given.isoformat(),
        "expires": day(expires),
    }
    log(actor, "written-permission.grant", permission, payload)
    return permission


@transaction.atomic
def authorisation_grant(
    *,
    actor: Actor,
    kind: str,
    basis: str,
    given: dt.date,
    authorised_by: Person | None = None,
    expires: dt.date | None = None,
    photos: Sequence[str] = (),
    consents: Sequence[Consent] = (),
    nspcc_followed: bool = False,
    sponsor_terms: str = "",
    account: Account | None = None,
    summary: str = "",
) -> Authorisation:
    """Written authorisation: of photos that reveal research, by a PI, the Head of Department or the
    sponsor terms (G34); of photos of children, by a safeguarding lead with every party's consent to each
    photo and the NSPCC guidelines followed (G22)."""
    if kind not in AuthorisationKind.values:
        raise GovernanceError("PG629", field="kind", reason=f"use one of {', '.join(AuthorisationKind.values)}")
    permission, bases = AUTHORITIES[AuthorisationKind(kind)]
    require(actor, permission)
    if basis not in bases:
        raise GovernanceError("PG629", field="basis", reason=f"use one of {', '.join(sorted(bases))}")
    if basis == AuthorisationBasis.SPONSOR_TERMS and not sponsor_terms.strip():
        raise GovernanceError("PG629", field="sponsor_terms", reason="name the terms that authorise it")
    if basis != AuthorisationBasis.SPONSOR_TERMS and authorised_by is None:
        raise GovernanceError("PG629", field="authorised_by", reason="name the person who authorises it")
    check_period("the authorisation", given, expires)
    hashes = photo_hashes("photos", photos)
    if kind == AuthorisationKind.PHOTOS_OF_CHILDREN:
        _check_all_parties(consents, hashes, given)
        if not nspcc_followed:
            raise GovernanceError("PG629", field="nspcc_followed", reason="the NSPCC guidelines must be followed (G22)")
    authorisation = Authorisation.objects.create(
        kind=kind,
        basis=basis,
        authorised_by=authorised_by,
        sponsor_terms=sponsor_terms,
        nspcc_followed=nspcc_followed,
        photos=hashes,
        account=account,
        summary=summary,
        given=given,
        expires=expires,
    )
    authorisation.consents.set(consents)
    payload = {
        "kind": kind,
        "basis": basis,
        "authorised_by": authorised_by.ref if authorised_by else None,
        "photos": hashes,
        "consents": sorted(c.ref for c in consents),
        "nspcc_followed": nspcc_followed,
        "account": account.ref if account else None,
        "given": given.isoformat(),
        "expires": day(expires),
    }
    log(actor, "authorisation.grant", authorisation, payload)
    return authorisation


def _check_all_parties(consents: Sequence[Consent], photos: Sequence[str], day: dt.date) -> None:
    if not consents:
        raise GovernanceError("PG628", missing="no consent is given")
    missing = [c.ref for c in consents if not c.valid_on(day)]
    missing += [f"{c.ref} (photo {p[:12]})" for c in consents for p in photos if p not in c.photos]
    if missing:
        raise GovernanceError("PG628", missing=", ".join(missing))


@transaction.atomic
def licence_record(
    *,
    actor: Actor,
    work: str,
    licensor: str,
    terms: str,
    given: dt.date,
    expires: dt.date | None = None,
    attribution: str = "",
    photos: Sequence[str] = (),
    account: Account | None = None,
) -> Licence:
    """A licence to use third-party content (G35, G36)."""
    require(actor, "record licences")
    check_period("the licence", given, expires)
    licence = Licence.objects.create(
        work=work,
        licensor=licensor,
        terms=terms,
        attribution=attribution,
        photos=photo_hashes("photos", photos),
        account=account,
        given=given,
        expires=expires,
    )
    payload = {"work": work, "licensor": licensor, "terms": terms, "photos": licence.photos, "expires": day(expires)}
    log(actor, "licence.record", licence, payload)
    return licence


@transaction.atomic
def record_revoke(*, actor: Actor, record: RegistryRecord, reason: str = "") -> RegistryRecord:
    """Revoke a consent, written permission, authorisation or licence: it lifts nothing from now on."""
    if isinstance(record, Authorisation):
        require(actor, AUTHORITIES[AuthorisationKind(record.kind)][0])
    else:
        require(actor, REVOKE_PERMISSION[type(record)])
    if record.revoked_at is not None:
        raise GovernanceError("PG626", record=record.ref)
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
    log(actor, f"{type(record).__name__.lower()}.revoke", record, {"reason": reason})
    return record
