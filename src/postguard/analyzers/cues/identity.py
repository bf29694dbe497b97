"""Who the author is and whom a post speaks for: affiliation with the University, a "views my own"
statement, and the University or one of its units named in the text."""

from __future__ import annotations

from postguard.analyzers.patterns import NamedPattern

_COLLEGES = (
    "All Souls|Balliol|Brasenose|Christ Church|Corpus Christi|Exeter College|Green Templeton|Harris Manchester|"
    "Hertford|Jesus College|Keble|Kellogg|Lady Margaret Hall|Linacre|Lincoln College|Magdalen|Mansfield|Merton|"
    "New College|Nuffield|Oriel|Pembroke College|Queen's College|Reuben College|St Anne's|St Antony's|"
    "St Catherine's|St Cross|St Edmund Hall|St Hilda's|St Hugh's|St John's College|St Peter's|Somerville|"
    "Trinity College|University College|Wadham|Wolfson|Worcester College|Blavatnik School|Said Business School|"
    "Saïd Business School|Bodleian"
)

_ROLES = (
    r"professor|prof|lecturer|reader|fellow|researcher|postdoc|post-doc|research\s+(?:assistant|associate|fellow)|"
    r"dphil|phd|student|academic|scientist|tutor|librarian|administrator|manager|officer|director|head|dean|"
    r"provost|warden|principal|engineer|technician|curator|archivist|staff|employee|registrar|clinician"
)

AFFILIATION: tuple[NamedPattern, ...] = (
    NamedPattern(
        "university-of-oxford",
        r"\b(?:university\s+of\s+oxford|oxford\s+university|uni\s+of\s+oxford)\b",
        0.95,
        "affiliation",
    ),
    NamedPattern(
        "oxford-handle", r"@(?:UniofOxford|OxfordUni|OxUni|Ox_?[A-Za-z]+|[A-Za-z]+Oxford)\b", 0.8, "affiliation"
    ),
    NamedPattern("ox-ac-uk", r"\b[\w.-]{0,80}ox\.ac\.uk\b", 0.9, "affiliation"),
    NamedPattern("college", rf"\b(?:{_COLLEGES})\b", 0.85, "affiliation", flags=0),
    NamedPattern(
        "role-at-oxford", rf"\b(?:{_ROLES})\b[^.\n]{{0,40}}\b(?:at|@|in|,)\s+(?:the\s+)?oxford\b", 0.9, "affiliation"
    ),
    NamedPattern("oxford-role", rf"\boxford\s+(?:{_ROLES})s?\b", 0.85, "affiliation"),
    NamedPattern(
        "department-oxford",
        r"\b(?:dept\.?|department|faculty|institute|centre|center|school)\s+of\s+"
        r"[\w ,&'-]{2,60}?,?\s+(?:university\s+of\s+)?oxford\b",
        0.9,
        "affiliation",
    ),
    NamedPattern(
        "i-work-at-the-university",
        r"\b(?:i|we)\s+(?:work|teach|study|research)\s+at\s+(?:the\s+)?"
        r"(?:university|oxford)\b",
        0.85,
        "affiliation",
    ),
    NamedPattern(
        "as-an-oxford", r"\bas\s+an?\s+oxford\b|\boxford\s+(?:colleague|alum|staff|academic)s?\b", 0.85, "affiliation"
    ),
    NamedPattern("oxon", r"\b(?:DPhil|MA|MSc|BA)\s*\(?Oxon\)?", 0.8, "affiliation"),
)

DISCLAIMER: tuple[NamedPattern, ...] = (
    NamedPattern(
        "views-own",
        r"\b(?:views|opinions|thoughts|tweets|posts|words|takes)\s+(?:are\s+|expressed\s+"
        r"(?:here\s+)?are\s+|here\s+are\s+|=\s*|all\s+)?(?:my\s+|entirely\s+my\s+|strictly\s+my\s+)?(?:own|mine)\b",
        0.95,
        "disclaimer",
    ),
    NamedPattern(
        "own-views",
        r"\b(?:my|these\s+are\s+my)\s+own\s+(?:personal\s+)?(?:views|opinions|thoughts)\b",
        0.95,
        "disclaimer",
    ),
    NamedPattern(
        "personal-views",
        r"\b(?:personal\s+(?:views|opinions?|capacity|account)|(?:speaking|writing|posting)"
        r"\s+(?:here\s+)?(?:personally|in\s+a\s+personal\s+capacity|for\s+myself))\b",
        0.9,
        "disclaimer",
    ),
    NamedPattern(
        "not-employer",
        r"\b(?:do(?:es)?\s+not|don't|doesn't|never)\s+(?:necessarily\s+)?(?:reflect|represent)"
        r"\s+(?:the\s+views\s+of\s+|those\s+of\s+|the\s+position\s+of\s+)?(?:my\s+employer|the\s+university|"
        r"oxford|the\s+views\s+of|my\s+(?:institution|department|college))",
        0.95,
        "disclaimer",
    ),
    NamedPattern(
        "not-speaking-for",
        r"\bnot\s+(?:speaking|writing|posting)\s+(?:for|on\s+behalf\s+of)\s+"
        r"(?:the\s+university|oxford|my\s+(?:employer|institution|department|college))",
        0.95,
        "disclaimer",
    ),
)


# Who an announcement speaks for: the University or one of its units, by name or by kind.
INSTITUTION: tuple[NamedPattern, ...] = (
    NamedPattern(
        "institution",
        r"\b(?:the\s+university|oxford|(?:the|our)\s+(?:department|dept|faculty|college|division|institute|centre|"
        r"center|school|library|libraries|museum|lab|laboratory|unit|programme|course|degree)s?|council|"
        r"(?:faculty|governing)\s+board|governing\s+body|vice-chancellor|department\s+of|faculty\s+of|"
        r"institute\s+of|school\s+of|centre\s+for|bodleian|ashmolean)\b",
        0.7,
        "institution",
    ),
    NamedPattern("college-name", rf"\b(?:{_COLLEGES})\b", 0.7, "institution", flags=0),
)


# Children in a post's words ("Year 8 outreach visit", "the kids"): PH002 reads them beside the photos.
CHILDREN: tuple[NamedPattern, ...] = (
    NamedPattern(
        "children",
        r"\b(?:children|child|kids?|pupils?|schoolchildren|school\s?(?:kids|children|pupils|group|visit|trip)|"
        r"toddlers?|babies|baby|infants?|under[- ]1[0-8]s|year\s+(?:[1-9]|1[0-1])\b|reception\s+class|"
        r"primary\s+school|nursery|cr[eè]che|brownies|cubs|scouts|girl\s?guides|sixth\s+formers?|"
        r"(?:aged|age)\s+(?:[2-9]|1[0-7])\b|\b(?:[2-9]|1[0-7])[- ]year[- ]olds?)\b",
        0.8,
        "children",
        exclude=("children's hospital", "childcare policy", "child protection policy"),
    ),
)
