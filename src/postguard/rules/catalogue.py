"""The one catalogue of rules: a rule class for each code of :data:`postguard.codes.CODES`, and the rules a
policy pack turns on, its local rules among them. Codes are never reused: a retired code moves to
``postguard.codes.REMOVED``."""

from __future__ import annotations

from dataclasses import dataclass

from postguard.codes import CODES, REMOVED
from postguard.errors import UsageError
from postguard.policy.pack import PolicyPack, RuleSettings
from postguard.rules.account_security_gaps import AccountSecurityGaps
from postguard.rules.base import Rule
from postguard.rules.child_in_photo import ChildInPhoto
from postguard.rules.confidential_information import ConfidentialInformation
from postguard.rules.controversial_topic import ControversialTopic
from postguard.rules.credential_or_secret import CredentialOrSecret
from postguard.rules.discourtesy import Discourtesy
from postguard.rules.discriminatory_content import DiscriminatoryContent
from postguard.rules.harassment import Harassment
from postguard.rules.identifiable_person_without_consent import IdentifiablePersonWithoutConsent
from postguard.rules.identification_number import IdentificationNumber
from postguard.rules.inappropriate_image import InappropriateImage
from postguard.rules.local import PackPatternRule
from postguard.rules.location_metadata import LocationMetadata
from postguard.rules.logo_or_crest import LogoOrCrest
from postguard.rules.opinion_without_disclaimer import OpinionWithoutDisclaimer
from postguard.rules.personal_contact_details import PersonalContactDetails
from postguard.rules.possible_public_interest_disclosure import PossiblePublicInterestDisclosure
from postguard.rules.professional_use_of_personal_account import ProfessionalUseOfPersonalAccount
from postguard.rules.research_work_revealed import ResearchWorkRevealed
from postguard.rules.revealing_background import RevealingBackground
from postguard.rules.speaking_for_the_university import SpeakingForTheUniversity
from postguard.rules.special_category_data import SpecialCategoryData
from postguard.rules.student_or_staff_record import StudentOrStaffRecord
from postguard.rules.third_party_content import ThirdPartyContent
from postguard.rules.unauthorised_announcement import UnauthorisedAnnouncement
from postguard.rules.unauthorised_campaign import UnauthorisedCampaign
from postguard.rules.unpublished_research import UnpublishedResearch
from postguard.rules.working_hours_personal_use import WorkingHoursPersonalUse

_RULES: tuple[type[Rule], ...] = (
    PersonalContactDetails,
    IdentificationNumber,
    SpecialCategoryData,
    ConfidentialInformation,
    StudentOrStaffRecord,
    IdentifiablePersonWithoutConsent,
    ChildInPhoto,
    RevealingBackground,
    LocationMetadata,
    ResearchWorkRevealed,
    InappropriateImage,
    Harassment,
    DiscriminatoryContent,
    Discourtesy,
    OpinionWithoutDisclaimer,
    ControversialTopic,
    UnauthorisedAnnouncement,
    UnauthorisedCampaign,
    ProfessionalUseOfPersonalAccount,
    SpeakingForTheUniversity,
    LogoOrCrest,
    ThirdPartyContent,
    UnpublishedResearch,
    CredentialOrSecret,
    AccountSecurityGaps,
    WorkingHoursPersonalUse,
    PossiblePublicInterestDisclosure,
)

CATALOGUE: dict[str, Rule] = {cls.code: cls() for cls in _RULES}
assert set(CATALOGUE) == set(CODES), "every code in postguard.codes has its rule, and no rule is without a code"


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule a pack turns on, with the pack's settings for it."""

    rule: Rule
    settings: RuleSettings


def active_rules(pack: PolicyPack) -> list[ActiveRule]:
    """The catalogue's rules the pack enables, then the pack's own local rules, in that order."""
    out = []
    for code, rule in CATALOGUE.items():
        settings = pack.settings(code)
        if rule.status == "active" and settings is not None and settings.enabled:
            out.append(ActiveRule(rule, settings))
    for spec in pack.local_rules:
        local = PackPatternRule(spec)
        out.append(ActiveRule(local, RuleSettings(True, dict(local.default_severity))))
    return out


def get_rule(code: str) -> Rule:
    rule = CATALOGUE.get(code.upper())
    if rule is None:
        if code.upper() in REMOVED:
            raise UsageError("PG221", code=code.upper(), why=REMOVED[code.upper()])
        raise UsageError("PG220", code=code)
    return rule
