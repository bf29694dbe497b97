"""Credentials and secrets: passwords, passcodes, door and Wi-Fi codes, API keys and tokens.

Each pattern reports the secret itself (group ``secret``), so that a fix can redact just that part.
Validators keep out the ordinary words that follow "password" in prose ("password is required").
"""

from __future__ import annotations

import math
import re
from collections import Counter

from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.patterns import NamedPattern, find
from postguard.text.document import Document
from postguard.types import Evidence

ANALYZER_ID = "secrets.v1"

# Words that follow "password is" in prose without being a password.
_NOT_SECRETS = frozenset(
    """
    required needed changed reset expired incorrect wrong protected strong weak secure safe the a an
    your my our their this that here below above same different correct case sensitive manager
    managers policy policies strength please not now sent shared attached enabled on off mandatory
    optional forgotten lost updated hidden private available invalid valid long short simple complex
    stored encrypted hashed being set to in for of with via still also only then welcome available
    """.split()
)


def _entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def _placeholder(value: str) -> bool:
    """``[REDACTED]``, ``<password>``, ``********``, ``xxxx``: a stand-in, not a secret."""
    inner = value.strip("[]<>{}()*").lower()
    return inner in {"redacted", "removed", "hidden", "password", "passcode", "secret", "token", "key", "code", ""} or (
        len(set(value.lower())) == 1 and value[0] in "*x•#."
    )


def _plausible_secret(m: re.Match[str]) -> bool:
    value = m.group("secret").strip(".,;:!?'\")(")
    if len(value) < 3 or value.lower() in _NOT_SECRETS or _placeholder(value):
        return False
    has_digit = any(c.isdigit() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    mixed_case = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
    return has_digit or has_symbol or mixed_case or len(value) >= 6


def _code_like(m: re.Match[str]) -> bool:
    value = m.group("secret")
    if _placeholder(value):
        return False
    return sum(c.isdigit() for c in value) >= 3 or (len(value) >= 4 and _plausible_secret(m))


def _high_entropy(m: re.Match[str]) -> bool:
    value = m.group("secret")
    return len(value) >= 16 and _entropy(value) >= 3.3 and any(c.isdigit() for c in value)


_SEP = r"\s*(?:\bis\b|\bwas\b|=|:|->|-)\s*[\"'`]?"
# No separator at all ("passcode 662913"): the value must then look strongly like a secret.
_SEP_OR_SPACE = r"(?:\s*(?:\bis\b|\bwas\b|=|:|->|-)\s*[\"'`]?|\s+(?=\S*\d))"
_VALUE = r"(?P<secret>[^\s\"'`]{3,64}?)(?=[\"'`]?(?:[\s,;)]|[.?](?:\s|$)|$))"
# "for the seminar room", "to the graduate centre this week", "in the lab"
# (within one sentence: a full stop ends it unless a word goes on, as in "cs.ox.ac.uk")
_FOR = r"(?:\s+(?:for|to|of|on|in|at)\s+(?:[\w @'-]|[.@](?=\S)){1,50}?)?"


def _strong_secret(m: re.Match[str]) -> bool:
    value = m.group("secret").strip(".,;:!?'\")(")
    if value.lower() in _NOT_SECRETS or len(value) < 4 or _placeholder(value):
        return False
    return any(c.isdigit() for c in value) and (any(c.isalpha() for c in value) or len(value) >= 4)


PATTERNS: tuple[NamedPattern, ...] = (
    NamedPattern(
        "password-statement",
        rf"\b(?:password|passwd|pwd|pass\s?word|login\s+pw|pw)\b{_FOR}{_SEP}{_VALUE}",
        0.85, "password", group="secret", validator=_plausible_secret, validator_name="plausible-secret",
    ),
    NamedPattern(
        "password-bare",
        rf"\b(?:password|passwd|pwd|login\s+pw|pw)\s+[\"'`]?{_VALUE}",
        0.8, "password", group="secret", validator=_strong_secret, validator_name="strong-secret",
    ),
    NamedPattern(
        "password-changed-to",
        rf"\b(?:changed|set|reset|updated)\s+(?:it|my\s+password|the\s+password|our\s+password)\s+to\s+[\"'`]?{_VALUE}",
        0.85, "password", group="secret", validator=_strong_secret, validator_name="strong-secret",
    ),
    NamedPattern(
        "login-pair",
        r"\b(?:account|login|log-in|username|user|credentials)\b[^.\n]{0,30}?\b[\w.@-]{3,40}\s*/\s*"
        r"(?P<secret>[^\s/]{4,64}?)(?=[\s,;)]|[.?](?:\s|$)|$)",
        0.85, "password", group="secret", validator=_strong_secret, validator_name="strong-secret",
    ),
    NamedPattern(
        "user-slash-password",
        r"\b[\w.@-]{3,40}\s*/\s*(?P<secret>[^\s/]{4,64}?)\s[^.\n]{0,30}?\b(?:log\s*(?:in|into|on)|sign\s*(?:in|on)|"
        r"login|access)\b",
        0.8, "password", group="secret", validator=_strong_secret, validator_name="strong-secret",
    ),
    NamedPattern(
        "passcode",
        rf"\b(?:pass\s?code|meeting\s+password|access\s+code|pin(?:\s+(?:code|number))?)\b{_FOR}{_SEP_OR_SPACE}{_VALUE}",
        0.85, "passcode", group="secret", validator=_code_like, validator_name="code-like",
        exclude=("postcode",),
    ),
    NamedPattern(
        "door-code",
        r"\b(?:door|gate|keypad|entry|entrance|building|lab|lock|safe|alarm|key\s?safe|bike\s+store)\s+"
        r"(?:access\s+)?(?:code|combination)\b[^.\n]{0,50}?(?:\bis\b(?:\s+now\b)?|\bwas\b|=|:|-|\bchanges?\s+to\b|"
        r"\bwill\s+be\b)\s*(?P<secret>[0-9A-Z#*-]{3,12}#?)",
        0.9, "door-code", group="secret", validator=_code_like, validator_name="code-like",
    ),
    NamedPattern(
        # "the code for the back gate ... is 5-2-8-0", "keypad is 4719 then hash"
        "code-for-door",
        r"\b(?:(?:code|combination)\s+(?:for|to|on)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:door|gate|keypad|entrance|"
        r"lab|store|room|cupboard|locker|safe|building)s?|keypad|key\s?pad)\b[^.\n]{0,40}?(?:\bis\b(?:\s+now\b)?|"
        r"\bwas\b|=|:|\bchanges?\s+to\b|\bwill\s+be\b)\s*(?P<secret>[0-9A-Z#*]{1,4}(?:-[0-9A-Z#*]{1,4}){0,5}#?)",
        0.9, "door-code", group="secret", validator=_code_like, validator_name="code-like",
    ),
    NamedPattern(
        # "the guest network is ORC-Events and the key is Headington#2026"
        "network-then-key",
        rf"\b(?:wi-?fi|wireless|network|ssid|eduroam)\b[^.\n]{{0,60}}?\b(?:key|password|passphrase|pw)\b{_SEP}{_VALUE}",
        0.85, "wifi-key", group="secret", validator=_plausible_secret, validator_name="plausible-secret",
    ),
    NamedPattern(
        # "Biscuit2014 is not a password", "Quad2026! is our login"
        "named-as-password",
        r"(?<![\w@#])(?P<secret>[^\s\"'`]{4,64}?)[\"'`]?\s+(?:is|was)\s+(?:not\s+)?(?:a|the|our|my|your|their)\s+"
        r"(?:(?:new|shared|lab|admin|wi-?fi)\s+)?(?:password|passcode|login\s+password|pin)\b",
        0.8, "password", group="secret", validator=_strong_secret, validator_name="strong-secret",
    ),
    NamedPattern(
        # a secret said in words: "the door code is the year the college was founded, backwards"
        "secret-described",
        r"\b(?:password|passcode|pin|(?:door|gate|keypad|lock|safe|alarm|access)\s+code)\b[^.\n]{0,40}?\b(?:is|=)\s+"
        r"(?P<secret>(?:literally\s+)?(?:the|our|my|his|her|their)\s+(?:[\w'’-]+\s+){0,4}?(?:year|name|birthday|"
        r"birth\s*date|date|postcode|number|initials|surname)\b[^.\n]{0,60})",
        0.7, "password", group="secret",
    ),
    NamedPattern(
        # "export REDCAP_API_TOKEN=8F3A9C0D...", "DB_PASSWORD: hunter2-prod"
        "env-secret-assignment",
        r"\b[A-Z][A-Z0-9_]*(?:TOKEN|SECRET|API_?KEY|PASSWORD|PASSWD|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Z0-9_]*"
        r"\s*[=:]\s*[\"'`]?(?P<secret>[^\s\"'`]{6,200})",
        0.9, "api-key", group="secret", validator=_strong_secret, validator_name="strong-secret", flags=0,
    ),
    NamedPattern(
        "new-code",
        r"\bcode\b[^\n]{0,80}?\bnew\s+(?:one|code)\s+(?:is|will\s+be|:)\s*(?P<secret>[0-9A-Z#*]{3,10})",
        0.85, "door-code", group="secret", validator=_code_like, validator_name="code-like",
    ),
    NamedPattern(
        "wifi-key",
        rf"\b(?:wi-?fi|wireless|network|ssid)\s+(?:password|key|passphrase|code|pw){_FOR}{_SEP}{_VALUE}",
        0.9, "wifi-key", group="secret", validator=_plausible_secret, validator_name="plausible-secret",
    ),
    NamedPattern("aws-access-key", r"\b(?P<secret>(?:AKIA|ASIA)[0-9A-Z]{16})\b", 0.95, "api-key",
                 group="secret", flags=0),
    NamedPattern("github-token", r"\b(?P<secret>(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}))",
                 0.97, "api-key", group="secret", flags=0),
    NamedPattern("slack-token", r"\b(?P<secret>xox[abprs]-[0-9A-Za-z-]{10,})", 0.95, "api-key",
                 group="secret", flags=0),
    NamedPattern("google-api-key", r"\b(?P<secret>AIza[0-9A-Za-z_\-]{35})", 0.95, "api-key",
                 group="secret", flags=0),
    NamedPattern("openai-style-key", r"\b(?P<secret>sk-(?:proj-|live-|test-)?[A-Za-z0-9_\-]{20,})",
                 0.9, "api-key", group="secret", flags=0),
    NamedPattern("stripe-key", r"\b(?P<secret>[sr]k_(?:live|test)_[0-9A-Za-z]{16,})", 0.95, "api-key",
                 group="secret", flags=0),
    NamedPattern("jwt", r"\b(?P<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})",
                 0.9, "token", group="secret", flags=0),
    NamedPattern("private-key-block",
                 r"(?P<secret>-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"
                 r"[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$))",
                 0.99, "private-key", group="secret", flags=0),
    NamedPattern("url-credentials", r"\b[a-z][a-z0-9+.-]{0,30}://[^\s:/@]+:(?P<secret>[^\s@/]{3,})@[^\s]+",
                 0.9, "password", group="secret"),
    NamedPattern("zoom-pwd-link", r"zoom\.us/[jw]/\d+\?pwd=(?P<secret>[A-Za-z0-9._-]{6,})", 0.9, "passcode",
                 group="secret"),
    # a token in a link: "...?access_token=8f3a...", "...&pwd=dGhpc0lz...", "...?sig=..."
    NamedPattern("url-secret-parameter",
                 r"\bhttps?://[^\s?#]+\?(?:[^\s#]*&)?(?:pwd|passcode|password|pass|token|access_token|auth|auth_token|"
                 r"api_key|apikey|key|secret|client_secret|sig|signature|code)=(?P<secret>[A-Za-z0-9._~%+/=-]{8,})",
                 0.85, "token", group="secret", validator=_strong_secret, validator_name="strong-secret"),
    NamedPattern(
        "generic-secret-assignment",
        r"\b(?:api[_ -]?key|apikey|secret(?:[_ -]?key)?|access[_ -]?(?:key|token)|auth[_ -]?token|"
        r"bearer|client[_ -]?secret|token)\b\s*(?:is|=|:)?\s*[\"'`]?(?P<secret>[A-Za-z0-9_\-+/.=]{16,})",
        0.85, "api-key", group="secret", validator=_high_entropy, validator_name="entropy",
    ),
)  # fmt: skip


def _vendor_patterns() -> tuple[NamedPattern, ...]:
    """Vendor token formats from detect-secrets (Apache-2.0), a maintained library that tracks them:
    webhook URLs and service tokens, each of a detector's regexes as a named pattern (the whole match is
    the secret). Its generic detectors (keywords, high entropy, IPs) are not used: they read code, not
    prose, and the project's own patterns above handle secrets as people write them in posts."""
    from detect_secrets.plugins import (
        artifactory,
        azure_storage_key,
        cloudant,
        discord,
        gitlab_token,
        ibm_cloud_iam,
        ibm_cos_hmac,
        mailchimp,
        npm,
        pypi_token,
        sendgrid,
        slack,
        softlayer,
        square_oauth,
        telegram_token,
        twilio,
    )  # fmt: skip

    detectors = (
        slack.SlackDetector, gitlab_token.GitLabTokenDetector, sendgrid.SendGridDetector, twilio.TwilioKeyDetector,
        discord.DiscordBotTokenDetector, telegram_token.TelegramBotTokenDetector, mailchimp.MailchimpDetector,
        npm.NpmDetector, pypi_token.PypiTokenDetector, azure_storage_key.AzureStorageKeyDetector,
        square_oauth.SquareOAuthDetector, artifactory.ArtifactoryDetector, ibm_cloud_iam.IbmCloudIamDetector,
        ibm_cos_hmac.IbmCosHmacDetector, softlayer.SoftlayerDetector, cloudant.CloudantDetector,
    )  # fmt: skip
    out = []
    for detector in detectors:
        for k, regex in enumerate(detector.denylist):
            name = f"detect-secrets:{detector.secret_type}:{k}"
            flags = regex.flags & ~re.UNICODE
            out.append(NamedPattern(name, f"(?P<secret>{regex.pattern})", 0.95, "api-key", group="secret", flags=flags))
    return tuple(out)


class SecretsAnalyzer(BaseTextAnalyzer):
    """Finds credentials and secrets in text: the project's patterns for secrets as people write them,
    and detect-secrets' vendor token formats (loaded with :meth:`load`)."""

    id = ANALYZER_ID

    def __init__(self) -> None:
        self._patterns: tuple[NamedPattern, ...] | None = None

    def load(self) -> None:
        if self._patterns is None:
            self._patterns = PATTERNS + _vendor_patterns()

    def analyze(self, doc: Document) -> list[Evidence]:
        self.load()
        assert self._patterns is not None
        return find(self.id, self._patterns, doc.with_markup(), across_labels=True)
