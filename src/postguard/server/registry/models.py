"""The registry's tables. Rows change only through :mod:`postguard.server.registry.services`.

Every record that may lift a finding has a public id (``C-12`` a consent, ``WP-3`` a written permission,
``AZ-4`` an authorisation, ``L-2`` a licence, ``SP-7`` an official account's standing permissions), the
id a post cites and a report names.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class PersonKind(models.TextChoices):
    STAFF = "staff"
    VISITOR = "visitor"
    CONTRACTOR = "contractor"
    VOLUNTEER = "volunteer"
    INTERN = "intern"


class AccountKind(models.TextChoices):
    PERSONAL = "personal"
    PROFESSIONAL = "professional"
    OFFICIAL = "official"


class Platform(models.TextChoices):
    X = "x"
    BLUESKY = "bluesky"
    THREADS = "threads"
    MASTODON = "mastodon"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    TIKTOK = "tiktok"
    BLOG = "blog"
    OTHER = "other"


class Person(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    kind = models.CharField(max_length=20, choices=PersonKind.choices)
    department = models.ForeignKey(
        "Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    minor = models.BooleanField(default=False)  # under 18: their consent needs a guardian (G22)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.ref} {self.name}"

    @property
    def ref(self) -> str:
        return f"P-{self.pk}"


class Division(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    hr_business_partners = models.ManyToManyField(Person, blank=True, related_name="hr_divisions")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="departments")
    # The department's HR Business Partners, whom misuse is taken to first (G30); the division's when none
    hr_business_partners = models.ManyToManyField(Person, blank=True, related_name="hr_departments")

    def __str__(self) -> str:
        return self.name


class Account(models.Model):
    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AccountKind.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT, related_name="accounts")
    owners = models.ManyToManyField(Person, blank=True, related_name="owned_accounts")
    admins = models.ManyToManyField(Person, blank=True, related_name="administered_accounts")
    two_factor = models.BooleanField(default=False)
    recovery_contact = models.CharField(max_length=200, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    # Rule codes an official account may post without a further record (AU001: its ordinary notices)
    standing_permissions = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "handle"], name="registry_account_handle")]

    def __str__(self) -> str:
        return f"{self.ref} {self.platform}:{self.handle}"

    @property
    def ref(self) -> str:
        return f"A-{self.pk}"


class RecordBase(models.Model):
    """What every record that lifts findings has: when it was given, until when, whether it was revoked."""

    given = models.DateField()
    expires = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def valid_on(self, day: dt.date) -> bool:
        return self.revoked_at is None and self.given <= day and (self.expires is None or day <= self.expires)


class Consent(RecordBase):
    """A person's consent to be shown or named (G21): on which channels, for what, which photos."""

    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    guardian = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="guarded_consents"
    )
    channels = models.JSONField(default=list, blank=True)  # platforms; empty: any
    purposes = models.JSONField(default=list, blank=True)
    photos = models.JSONField(default=list, blank=True)  # sha256 of each photo's content
    evidence = models.FileField(upload_to="evidence/consents/", blank=True)

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"C-{self.pk}"


class PermissionKind(models.TextChoices):
    ANNOUNCEMENT = "announcement"
    CAMPAIGN = "campaign"


class WrittenPermission(RecordBase):
    """Written permission from the University (the communications office) for an announcement or a
    campaign (G32); its scope is the rule codes it lifts."""

    kind = models.CharField(max_length=20, choices=PermissionKind.choices)
    scope = models.JSONField(default=list)
    summary = models.TextField(blank=True)
    granted_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="permissions_granted")
    granted_to = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="permissions")
    account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.PROTECT, related_name="permissions")

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"WP-{self.pk}"


class AuthorisationKind(models.TextChoices):
    RESEARCH_PHOTOS = "research-photos"  # G34: by a PI, the Head of Department, or the sponsor terms
    PHOTOS_OF_CHILDREN = "photos-of-children"  # G22: by a safeguarding lead, with every party's consent


class AuthorisationBasis(models.TextChoices):
    PRINCIPAL_INVESTIGATOR = "principal-investigator"
    HEAD_OF_DEPARTMENT = "head-of-department"
    SPONSOR_TERMS = "sponsor-terms"
    SAFEGUARDING_LEAD = "safeguarding-lead"


class Authorisation(RecordBase):
    kind = models.CharField(max_length=30, choices=AuthorisationKind.choices)
    basis = models.CharField(max_length=30, choices=AuthorisationBasis.choices)
    authorised_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="authorisations_given"
    )
    sponsor_terms = models.TextField(blank=True)  # the grant's terms, when they are the authority
    consents = models.ManyToManyField(Consent, blank=True, related_name="authorisations")
    nspcc_followed = models.BooleanField(default=False)
    photos = models.JSONField(default=list, blank=True)
    account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.PROTECT, related_name="authorisations")
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"AZ-{self.pk}"


class Licence(RecordBase):
    """A licence to use third-party content (G35, G36)."""

    work = models.TextField()
    licensor = models.CharField(max_length=200)
    terms = models.CharField(max_length=200)
    attribution = models.CharField(max_length=300, blank=True)
    photos = models.JSONField(default=list, blank=True)
    account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.PROTECT, related_name="licences")

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"L-{self.pk}"
