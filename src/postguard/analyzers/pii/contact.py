"""Contact details: email addresses (plain and written out), phone numbers, postal and home addresses.

Phones are found by ``phonenumbers`` (UK first, then any number in international form), and by a
pattern for digits spread out by spaces or punctuation, validated by ``phonenumbers`` too.
"""

from __future__ import annotations

import re

import phonenumbers

from postguard.analyzers.patterns import NamedPattern

_TLD = r"(?:com|org|net|edu|gov|io|ai|co|uk|ac|de|fr|nl|es|it|ie|eu|ch|se|no|dk|fi|be|at|pt|au|ca|us|info|me)"


def _token_before(m: re.Match[str]) -> str:
    """The part of the whitespace-delimited token that precedes the match (``user:pass`` in a URL)."""
    start = max(m.string.rfind(" ", 0, m.start()), m.string.rfind("\n", 0, m.start())) + 1
    return m.string[start : m.start()]


EMAIL: tuple[NamedPattern, ...] = (
    NamedPattern(
        "email",
        r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b",
        0.95,
        "email",
        validator=lambda m: "://" not in _token_before(m),
        validator_name="not-in-url",
    ),
    # "sarah dot whitfield at gmail dot com", "sarah[at]ox[dot]ac[dot]uk", "sarah (at) gmail.com"
    NamedPattern(
        "email-written-out",
        # bounded repetitions (a local part of at most 64 characters, a few dots, at most three spaces
        # around each word: a run of blanks, as the Markdown view leaves, cannot make it backtrack)
        r"\b[A-Za-z0-9][\w.+-]{0,63}(?:\s{0,3}(?:\[dot\]|\(dot\)|\s{1,3}dot\s{1,3})\s{0,3}[\w+-]+){0,4}\s{0,3}"
        r"(?:\[at\]|\(at\)|\{at\}|\s{1,3}at\s{1,3}|@)\s{0,3}"
        r"[A-Za-z0-9-]+(?:\s{0,3}(?:\[dot\]|\(dot\)|\{dot\}|\s{1,3}dot\s{1,3}|\.)\s{0,3}[A-Za-z0-9-]+){0,4}\s{0,3}"
        rf"(?:\[dot\]|\(dot\)|\{{dot\}}|\s{{1,3}}dot\s{{1,3}}|\.)\s{{0,3}}{_TLD}\b",
        0.85,
        "email",
        validator=lambda m: (
            bool(re.search(r"\[at\]|\(at\)|\{at\}|\sat\s", m.group(), re.I))
            and bool(re.search(r"dot|\.", m.group(), re.I))
        ),
        validator_name="written-out",
    ),
)

# Role addresses are an office's, not a person's (admissions@, enquiries@…).
ROLE_LOCAL_PARTS = frozenset(
    """admissions undergraduate.admissions graduate.admissions enquiries enquiry info information office
    reception press news comms communications media admin administration hr helpdesk help support it.support
    servicedesk library libraries secretary department dept general contact contactus hello events alumni
    development fundraising marketing recruitment jobs vacancies careers finance accounts payroll
    safeguarding security porters lodge estates facilities research studentsupport disability
    counselling welfare registry examinations exams noreply no-reply webmaster postmaster it team group lab
    bookings booking tickets visits visitor visitors graduate undergraduate student students staff""".split()
)


def is_role_address(address: str) -> bool:
    """``admissions@``, ``library.enquiries@``, ``it-help@``: every part of the local part is a role word."""
    local = address.split("@", 1)[0].lower()
    parts = [p for p in re.split(r"[._-]", local) if p]
    return local in ROLE_LOCAL_PARTS or (bool(parts) and all(p in ROLE_LOCAL_PARTS for p in parts))


# English words that cannot be part of a street's name: "via UCAS Hub by 9 January" is no Italian street.
_NOT_IN_STREET_NAMES = frozenset("by the to for and on at in from with of or is are was this that our your my".split())
_MONTH_AFTER = re.compile(r"\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def _romance_street(m: re.Match[str]) -> bool:
    """A house number before the street word; or a number after its names, with no English function word
    among them and no month after the number (a date)."""
    if m.group()[:1].isdigit():
        return True
    words = re.findall(r"[\w'-]+", m.group().lower())
    after = m.string[m.end() : m.end() + 12]
    return (
        any(c.isdigit() for c in m.group())
        and not (set(words[1:]) & _NOT_IN_STREET_NAMES)
        and not _MONTH_AFTER.match(after)
    )


_STREET = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Way|Place|Pl|Crescent|Cres|Drive|Dr|Terrace|Gardens|Gdns|Court|"
    r"Ct|Grove|Hill|Square|Sq|Walk|Row|Parade|Mews|Rise|Green|Park|Vale|View|Boulevard|Blvd|Parkway|Pkwy|Circle|"
    r"Cir|Highway|Hwy)"
)
_POSTCODE = r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s?[0-9][A-Z]{2}\b"
_NAME = r"[A-Z][a-zA-Z'’-]+"

ADDRESS: tuple[NamedPattern, ...] = (
    # "12 Banbury Road, Summertown, Oxford OX2 6NN"; "Flat 3, 45 Cowley Road"
    NamedPattern(
        "uk-street-postcode",
        rf"\b(?:(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+(?:{_NAME}\s+){{1,3}}{_STREET}\b"
        rf"(?:,?\s+(?:{_NAME}\s?){{1,3}})?,?\s+{_POSTCODE}",
        0.95,
        "address",
        flags=0,
    ),
    NamedPattern(
        "street-line",
        rf"\b(?:(?:Flat|Apartment|Apt|Unit|Suite)\s+\d+[A-Za-z]?,?\s+)?\d{{1,5}}[A-Za-z]?,?\s+(?:{_NAME}\s+){{1,3}}"
        rf"{_STREET}\.?(?:,?\s+(?:Apt\.?|Suite|Unit|#)\s*\d+[A-Za-z]?)?(?:,?\s+(?:{_NAME}\s?){{1,3}})?"
        r"(?:,\s*[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?",
        0.8,
        "address",
        flags=0,
    ),
    # "Musterstraße 12, 10115 Berlin"; "Keizersgracht 123, 1015 CJ Amsterdam"
    NamedPattern(
        "european-street",
        r"\b[A-ZÄÖÜ][\wäöüßéèàç'-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|laan|straat|gracht|plein|vej|gade|"
        r"gatan|vägen)\s+\d{1,4}[a-z]?(?:,\s*(?:\d{4}\s?[A-Z]{2}|\d{4,5})\s+[A-ZÄÖÜ][\wäöüß-]+)?",
        0.85,
        "address",
        flags=0,
    ),
    # "12 rue de la Paix, 75002 Paris"; "Via Roma 10, 00184 Roma"; "Calle Mayor 5"
    NamedPattern(
        "romance-street",
        r"\b(?:\d{1,4},?\s+)?(?:rue|avenue|boulevard|bd|place|chemin|via|viale|piazza|corso|calle|avenida|plaza|"
        r"paseo|rua|travessa|C/)\s+(?:(?:de|del|de\s+la|des|du|da|dos|das|di)\s+)?[A-ZÁÉÍÓÚÀÈÌÒÙ][\wáéíóúàèìòùçñ'-]+"
        r"(?:\s+[A-ZÁÉÍÓÚ][\wáéíóúçñ'-]+){0,3}(?:,?\s+\d{1,4}\b)?(?:,\s*\d{4,5}\s+[A-ZÁÉÍÓÚ][\wáéíóúçñ-]+)?",
        0.8,
        "address",
        validator=_romance_street,
        validator_name="street-with-number",
    ),
    NamedPattern(
        "home-address-postcode",
        rf"\b(?:lives?\s+(?:at|in)|home\s+address(?:\s+is)?|(?:his|her|their)\s+(?:house|flat|home)\s+(?:at|in|is)|"
        rf"moved\s+to|send\s+(?:it|them|post|mail)\s+to)\s*:?\s*(?P<addr>[^.\n]{{0,60}}?{_POSTCODE})",
        0.9,
        "address",
        group="addr",
        flags=re.IGNORECASE,
    ),
)

# Phone-like runs of digits, spaced or punctuated, with an extension perhaps; phonenumbers decides, or
# (for local numbers in any country's style) the words around them do.
_EXT = r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,6})?"
SPREAD_DIGITS = re.compile(rf"(?<![\w+])(?:\+|00)?\(?\d(?:[\s().\-/]{{0,3}}\d){{8,14}}{_EXT}(?![\w])")
LOCAL_DIGITS = re.compile(rf"(?<![\w+.])(?:\+|00)?\(?\d(?:[\s().\-/]{{0,3}}\d){{6,14}}{_EXT}(?![\w])")
_PHONE_WORDS = re.compile(
    r"\b(?:call(?:ing)?|phone|tel|telephone|mobile|mob|cell|fax|office|ring|text|whatsapp|reach|answering|dial|"
    r"contact\s+number|number|line|landline|extension)\b",
    re.IGNORECASE,
)
_NOT_PHONE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{1,3}(?:\.\d{1,3}){3}$|^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
_NOT_PHONE_BEFORE = re.compile(
    r"(?:isbn(?:-1[03])?|doi|ref(?:erence)?|order|invoice|ticket|case|room|account|acc|sort\s+code|card|iban|nhs|"
    r"student|staff|employee|passport|id|no\.?|number|£|\$|€|10\.)[\s:#.]*$",
    re.IGNORECASE,
)


# (617) 555-0100, 617-555-0100, 617.555.0100: not 617 555 0100, which is also how NHS numbers are written.
_US_STYLE = re.compile(r"^(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?\d{3}[\s.-]|\d{3}([.-])\d{3}\1)\d{4}")


def _dialable(raw: str) -> bool:
    """Written as someone would dial it: with a trunk 0 or an international prefix."""
    return raw.lstrip("( ").startswith(("0", "+"))


def phone_candidates(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, score, pattern) of phone numbers in ``text``."""
    found: list[tuple[int, int, float, str]] = []
    if sum(c.isdigit() for c in text) < 7:  # no phone number has fewer digits
        return found
    for region in ("GB", "US", None):
        try:
            matcher = phonenumbers.PhoneNumberMatcher(text, region or "ZZ", leniency=phonenumbers.Leniency.POSSIBLE)
            for pm in matcher:
                if region is None and not pm.raw_string.lstrip("(").startswith(("+", "00")):
                    continue
                before = text[max(0, pm.start - 20) : pm.start]
                digits = re.sub(r"\D", "", pm.raw_string)
                if len(digits) < 9 or _NOT_PHONE_BEFORE.search(before) or _NOT_PHONE.search(pm.raw_string):
                    continue
                if region == "US" and not _US_STYLE.match(pm.raw_string):
                    continue  # a bare run of ten digits is a US number only when written like one
                valid = phonenumbers.is_valid_number(pm.number)
                if valid or _dialable(pm.raw_string):
                    score = 0.9 if valid and region != "US" else 0.75
                    found.append((pm.start, pm.end, score, "phonenumbers"))
        except Exception:  # noqa: BLE001 - phonenumbers raises on odd input; a missed candidate is not a crash
            continue
    for m in SPREAD_DIGITS.finditer(text):
        if _NOT_PHONE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) or _NOT_PHONE.search(m.group()):
            continue
        digits = re.sub(r"\D", "", m.group())
        if len(digits) > 15 or (len(digits) == 13 and digits.startswith(("978", "979"))):
            continue
        try:
            number = phonenumbers.parse(m.group(), "GB")
        except phonenumbers.NumberParseException:
            continue
        valid = phonenumbers.is_valid_number(number)
        if valid or (phonenumbers.is_possible_number(number) and _dialable(m.group())):
            found.append((m.start(), m.end(), 0.85 if valid else 0.7, "spread-digits"))
    for m in LOCAL_DIGITS.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 15]
        if _NOT_PHONE_BEFORE.search(before[-20:]) or _NOT_PHONE.search(m.group()):
            continue
        if _PHONE_WORDS.search(before) or _PHONE_WORDS.search(after):
            found.append((m.start(), m.end(), 0.65, "local-digits-in-context"))
    links = [u.span() for u in _LINK.finditer(text)]
    # digits inside a link are part of its path or query (a document id, a meeting id), not a phone number
    return [f for f in found if not any(a <= f[0] and f[1] <= b for a, b in links)]


_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
