"""Phrase cues: the words that mark a disclaimer, an affiliation, a confidential marker, a campaign…

Cues are evidence, not verdicts. Rules combine them with the semantic scores of
:mod:`postguard.analyzers.semantic`; a few rules (DP004, IP001, IP002) rest on cues alone, each
pattern carrying context words that raise it and exclusions that cancel it.
"""

from __future__ import annotations

import re

from postguard.analyzers.patterns import NamedPattern, find
from postguard.text.document import Document
from postguard.types import Evidence

ANALYZER_ID = "cues.v1"

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
    NamedPattern("ox-ac-uk", r"\b[\w.-]*ox\.ac\.uk\b", 0.9, "affiliation"),
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

CONFIDENTIAL: tuple[NamedPattern, ...] = (
    NamedPattern(
        "marked-confidential",
        r"\b(?:strictly\s+)?(?:confidential|private\s+and\s+confidential|"
        r"commercial[- ]in[- ]confidence|in\s+confidence|restricted|classified)\b",
        0.75,
        "confidential",
        context=(
            "memo",
            "document",
            "minutes",
            "report",
            "leak",
            "attached",
            "screenshot",
            "email",
            "draft",
            "paper",
            "do not",
            "not for",
            "meeting",
            "committee",
            "board",
            "council",
        ),
        exclude=(
            "confidential support",
            "confidential helpline",
            "confidential advice",
            "confidential service",
            "confidential counselling",
            "confidential listening",
            "confidential line",
            "confidentiality agreement template",
            "treated as confidential",
            "kept confidential",
            "remain confidential",
            "in strict confidence to",
            "confidential and free",
            "free and confidential",
            "confidential, free",
            "anonymous and confidential",
            "confidential space",
            "restricted diet",
            "restricted access to the car park",
        ),
    ),
    NamedPattern(
        "internal-only",
        r"\b(?:internal\s+(?:only|use\s+only|circulation\s+only)|for\s+internal\s+(?:use|"
        r"circulation|eyes)|staff\s+eyes\s+only|(?:not|never)\s+for\s+(?:public\s+)?(?:circulation|"
        r"distribution|publication|release|sharing))\b",
        0.9,
        "confidential",
    ),
    NamedPattern(
        "do-not-share",
        r"\b(?:please\s+)?(?:do\s+not|don'?t)\s+(?:share|forward|circulate|distribute|publish|repost|"
        r"leak|disclose)\b(?:\s+(?:this|outside|beyond|externally|publicly|further))?",
        0.75,
        "confidential",
        exclude=(
            "do not share your password",
            "do not share passwords",
            "do not share personal",
            "do not share your login",
            "do not share your details",
        ),
    ),
    NamedPattern(
        "embargo",
        r"\b(?:embargoed|under\s+(?:an?\s+)?embargo|embargo(?:ed)?\s+until|strictly\s+embargoed)\b",
        0.9,
        "confidential",
    ),
    NamedPattern(
        "draft-marker",
        r"\b(?:draft\s*[-–:]\s*not\s+for|draft\s+(?:[\w-]+\s+){0,2}?(?:minutes|report|budget|restructur\w*|"
        r"proposal|decision|plan|strategy|policy)s?\b[^.\n]{0,60}\b(?:not\s+(?:yet\s+)?(?:public|approved|agreed|"
        r"final)|leak|before\s+(?:it|the|they|anyone|council))|unapproved\s+(?:minutes|draft))",
        0.85,
        "confidential",
    ),
    NamedPattern(
        "nda",
        r"\b(?:under\s+(?:an?\s+)?(?:NDA|non-disclosure(?:\s+agreement)?)|(?:signed|covered\s+by)\s+an?\s+"
        r"(?:NDA|non-disclosure)|breach(?:ing)?\s+(?:my|our|the)\s+NDA)\b",
        0.9,
        "confidential",
    ),
    NamedPattern(
        "closed-meeting",
        r"\b(?:closed|reserved|private|in[- ]camera|confidential)\s+(?:[\w-]+\s+){0,2}?(?:session|meeting|"
        r"business|item|part|minutes|discussion)s?\b|\breserved\s+business\b|\bunreserved\b(?!\s+seating)",
        0.75,
        "confidential",
        context=(
            "minutes",
            "council",
            "committee",
            "governing body",
            "board",
            "said",
            "agreed",
            "decided",
            "discussed",
            "revealed",
            "leaked",
        ),
    ),
    NamedPattern(
        "unpublished-decision",
        r"\b(?:not\s+(?:yet\s+)?been\s+(?:announced|made\s+public|published)|"
        r"before\s+(?:it\s+is|it's|it\s+gets|they)\s+(?:announced|made\s+public|official)|"
        r"(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:yet\s+)?(?:been\s+)?(?:announced|told\s+staff|made\s+(?:it\s+)?public)|"
        r"ahead\s+of\s+the\s+official\s+announcement|leaked\s+(?:minutes|memo|document|email|report|plan)s?|"
        r"heard\s+(?:on\s+the\s+grapevine|privately)|between\s+(?:you\s+and\s+me|ourselves)|off\s+the\s+record|"
        r"(?:not|wasn't|weren't|isn't|aren't)\s+(?:supposed|meant|allowed)\s+to\s+(?:say|share|tell|post|know)|"
        r"(?:isn't|is\s+not|aren't|are\s+not|not)\s+(?:yet\s+)?public(?:\s+yet)?|under\s+wraps|"
        r"(?:don't|do\s+not|please\s+don't)\s+(?:tell\s+anyone|forward\s+this|share\s+this|spread\s+this)|"
        r"leaked\s+(?:in|on|from|to)\b)\b",
        0.85,
        "confidential",
    ),
)


def _long_quotation(m: re.Match[str]) -> bool:
    return len(m.group("q").split()) >= 40


THIRD_PARTY: tuple[NamedPattern, ...] = (
    NamedPattern("all-rights-reserved", r"\ball\s+rights\s+reserved\b", 0.9, "third-party"),
    NamedPattern("copyright-notice", r"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}|[A-Z][\w&.' -]{2,40})", 0.8, "third-party"),
    NamedPattern("lyrics", r"\b(?:lyrics|verse\s+\d|chorus:)|[♪♫🎵🎶]", 0.75, "third-party"),
    NamedPattern(
        "stock-image",
        r"\b(?:getty\s+images|shutterstock|alamy|istock(?:photo)?|adobe\s+stock|"
        r"stock\s+(?:photo|image|footage)|watermark(?:ed)?)\b",
        0.8,
        "third-party",
    ),
    NamedPattern(
        "full-reproduction",
        r"\b(?:full\s+(?:text|article|chapter|paper|report|transcript)\s+(?:below|here|"
        r"pasted|copied|attached)|(?:copied|pasted|reproduced|reposting)\s+(?:in\s+full|the\s+(?:whole|entire|"
        r"full))|(?:whole|entire|full)\s+(?:article|chapter|paper|report)\s+(?:pasted|copied|below)|"
        r"paywall(?:ed)?|behind\s+the\s+paywall|(?:full|whole|entire|complete|free)\s+(?:pdf|scan|copy)s?\s+of\s+"
        r"(?:the|a|this|my|our|their)\s+(?:[\w-]+\s+){0,4}?(?:book|textbook|chapter|novel|monograph|paper|article|"
        r"report|album|film)|pdf\s+of\s+the\s+(?:whole|entire|full)\s+(?:book|textbook))\b",
        0.85,
        "third-party",
    ),
    NamedPattern(
        "long-quotation",
        r"[\"“](?P<q>[^\"“”]{200,})[\"”]",  # one character class: linear, no backtracking
        0.7,
        "third-party",
        group="q",
        validator=_long_quotation,
        validator_name="40-words",
    ),
    NamedPattern(
        "reposted-without-credit",
        r"\b(?:found\s+(?:this|it|these)\b[^.\n]{0,30}?\bonline|not\s+my\s+"
        r"(?:own\s+)?(?:photo|image|video|picture|pic|work|content|drawing)|(?:photo|image|picture|video|pic|"
        r"drawing)\s+(?:isn't|is\s+not)\s+mine|(?:no\s+idea|don'?t\s+know)\s+who\s+(?:made|took|drew|wrote|"
        r"created)|(?:credit|creator|artist|photographer|author)\s+unknown|(?:saved|downloaded|grabbed|"
        r"screenshotted|took|copied|lifted)\b[^.\n]{0,25}?\bfrom\s+(?:a\s+stranger|someone|somebody|google|"
        r"instagram|facebook|tiktok|reddit|pinterest|twitter|x\.com|the\s+publisher|their\s+(?:site|website|"
        r"feed)|a\s+search|the\s+internet|the\s+web))",
        0.8,
        "third-party",
    ),
    NamedPattern(
        "whole-work-copied",
        r"\b(?:copied|copying|pasted|pasting|reproduc\w+|screenshot(?:ted)?|reposting|"
        r"uploading)\b[^.\n]{0,40}?\b(?:whole|entire|full|in\s+full|complete)\b|\b(?:whole|entire|full|"
        r"complete)\s+(?:[\w-]+\s+){0,3}?(?:article|chapter|book|e-?book|paper|report|transcript|notes|"
        r"lecture\s+notes|text|comic|strip|score|album)\b[^.\n]{0,40}?\b(?:copied|pasted|reproduc\w+|"
        r"attached|below|here)\b",
        0.8,
        "third-party",
    ),
)

ATTRIBUTION: tuple[NamedPattern, ...] = (
    NamedPattern(
        "credit",
        r"\b(?:(?:photo|image|illustration|video|picture|artwork)\s*(?:by|credit|:)|"
        r"credit\s*(?::|to|-)|source\s*:|courtesy\s+of)\s*\S+",
        0.8,
        "attribution",
    ),
    NamedPattern(
        "licence",
        r"\b(?:CC[- ](?:BY|0)(?:[- ](?:SA|NC|ND))*|creative\s+commons|public\s+domain|"
        r"licensed\s+under|used\s+(?:with|under)\s+(?:permission|licence|license)|reproduced\s+with\s+"
        r"(?:kind\s+)?permission|with\s+permission\s+(?:from|of))\b",
        0.9,
        "attribution",
    ),
    NamedPattern("via", r"\bvia\s+@\w+|\b(?:h/t|hat\s+tip)\s+@?\w+", 0.7, "attribution"),
)

RESEARCH: tuple[NamedPattern, ...] = (
    NamedPattern(
        "unpublished",
        r"\b(?:unpublished|not\s+yet\s+(?:published|peer[- ]reviewed|public)|"
        r"(?:before|ahead\s+of|prior\s+to)\s+(?:it\s+is\s+|it's\s+|its\s+|our\s+|the\s+)?"
        r"(?:publication|published|peer\s+review)|pre-?publication|yet\s+to\s+be\s+published)\b",
        0.85,
        "research",
        exclude=("preprint is now", "now published", "just published", "has been published"),
    ),
    NamedPattern(
        "preliminary",
        r"\b(?:preliminary|early|first|initial|interim|raw|provisional)\s+(?:results?|data|"
        r"findings|numbers|figures|measurements|analysis|readings)\b",
        0.7,
        "research",
        context=("our", "my", "we", "lab", "sneak", "peek", "exciting", "can't wait", "show"),
    ),
    NamedPattern(
        "sneak-peek",
        r"\b(?:sneak\s+peek|first\s+look|exclusive\s+look|teaser)\s+(?:at|of)\s+(?:our|my|the)\s+"
        r"(?:new\s+)?(?:results?|data|findings|prototype|device|compound|design|model)",
        0.85,
        "research",
    ),
    NamedPattern(
        "patent",
        r"\b(?:patent(?:able|[- ]pending)?|before\s+(?:we|they)\s+file|filing\s+(?:the|a|our)\s+patent|"
        r"invention\s+disclosure|IP\s+(?:hasn't|has\s+not|isn't)\s+(?:been\s+)?protected)\b",
        0.8,
        "research",
        exclude=("patent law", "patent office history", "patent attorney training"),
    ),
    NamedPattern(
        "under-review",
        r"\b(?:under\s+review\s+(?:at|in|with)|submitted\s+to\s+(?:Nature|Science|Cell|"
        r"the\s+Lancet|PNAS|[A-Z][\w ]{2,30}(?:Journal|Review|Letters))|in\s+review\s+at)\b",
        0.75,
        "research",
    ),
    NamedPattern(
        "sponsor-terms",
        r"\b(?:grant|contract|sponsor(?:'s)?|funder(?:'s)?|industry\s+partner(?:'s)?|"
        r"collaboration)\s+(?:terms|conditions|agreement|confidential\w*|embargo|clause|restrictions?)\b|"
        r"\b(?:sponsor|funder|industry\s+partner|company)\s+(?:hasn't|has\s+not|haven't|have\s+not)\s+"
        r"(?:approved|signed\s+off|cleared)",
        0.85,
        "research",
    ),
    NamedPattern(
        "prototype",
        r"\b(?:our|my|the\s+lab'?s?)\s+(?:new\s+|secret\s+|latest\s+)?(?:prototype|"
        r"unreleased\s+\w+|new\s+compound|candidate\s+(?:drug|vaccine|molecule))\b",
        0.7,
        "research",
    ),
)

WRONGDOING: tuple[NamedPattern, ...] = (
    NamedPattern(
        "misconduct",
        r"\b(?:research\s+misconduct|misconduct|fraud(?:ulent)?|falsif\w+|fabricat\w+\s+"
        r"(?:data|results)|embezzl\w+|brib\w+|corrupt\w*|kickbacks?|plagiari[sz]\w+|"
        r"misus\w+\s+(?:of\s+)?(?:the\s+)?(?:funds|grant|money|budget|donations)|"
        r"fiddl\w+\s+(?:the\s+)?(?:books|figures|numbers))\b",
        0.8,
        "wrongdoing",
        exclude=("training", "workshop", "course", "seminar", "policy on", "how to report"),
    ),
    NamedPattern(
        "cover-up",
        r"\b(?:cover(?:ed|ing)?[- ]?up|swept\s+under\s+the\s+(?:carpet|rug)|hush(?:ed)?\s+up|"
        r"buried\s+(?:the\s+)?(?:report|complaint|findings)|ignored\s+(?:repeated\s+|the\s+|our\s+|my\s+)?"
        r"(?:complaints|reports|warnings|concerns)|nobody\s+(?:did|does)\s+anything|no\s+action\s+(?:was\s+)?taken)\b",
        0.75,
        "wrongdoing",
    ),
    NamedPattern(
        "safety-breach",
        r"\b(?:safety\s+(?:breach|violation|rules?\s+(?:ignored|broken))|unsafe\s+"
        r"(?:conditions|practice|lab)|illegal(?:ly)?|unlawful(?:ly)?|breach(?:ed|ing)?\s+(?:the\s+)?"
        r"(?:law|regulations|rules|ethics\s+approval))\b",
        0.6,
        "wrongdoing",
    ),
    NamedPattern(
        "whistleblow",
        r"\b(?:whistle[- ]?blow\w*|blow(?:ing)?\s+the\s+whistle|expos(?:e|ing)\s+what\s+"
        r"(?:really\s+)?(?:goes|went)\s+on|the\s+truth\s+about\s+what)\b",
        0.8,
        "wrongdoing",
    ),
)

ANNOUNCEMENT: tuple[NamedPattern, ...] = (
    NamedPattern(
        "pleased-to-announce",
        r"\b(?:delighted|pleased|proud|thrilled|excited|happy|honoured|sad|saddened)\s+"
        r"to\s+(?:announce|confirm|share\s+(?:the\s+news|that)|reveal|unveil|welcome)\b",
        0.8,
        "announcement",
    ),
    NamedPattern(
        "institution-decided",
        r"\b(?:the\s+university|oxford|the\s+department|the\s+college|the\s+faculty|"
        r"council|the\s+division)\s+(?:has|have|will|is\s+to|are\s+to)\s+(?:decided|agreed|announced|confirmed|"
        r"approved|launch\w*|close|open|introduce|appoint\w*|cut|freeze|merge|scrap|suspend)\w*",
        0.75,
        "announcement",
    ),
    NamedPattern(
        "announce",
        r"\b(?:announc(?:e|es|ing|ement)|(?:officially|formally)\s+(?:launch|open|confirm)\w*|"
        r"with\s+effect\s+from|(?:we\s+can\s+(?:now\s+)?confirm))\b",
        0.55,
        "announcement",
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

CAMPAIGN: tuple[NamedPattern, ...] = (
    NamedPattern(
        "petition", r"\b(?:petition|sign\s+(?:our|the|this)\s+(?:open\s+)?(?:letter|pledge))\b", 0.8, "campaign"
    ),
    NamedPattern(
        "fundraising",
        r"\b(?:donate|donations?|fundrais\w+|crowdfund\w*|appeal\s+for|(?:just\s*giving|"
        r"gofundme)|give\s+(?:today|now|what\s+you\s+can))\b",
        0.6,
        "campaign",
    ),
    NamedPattern(
        "boycott",
        r"\b(?:boycott\w*|divest\w*|walk[- ]?out|(?:call\s+on|urge|demand)\s+(?:the\s+)?"
        r"(?:university|government|council|minister|vice[- ]chancellor|everyone|all|colleagues|you))\b",
        0.8,
        "campaign",
    ),
    NamedPattern(
        "share-to-support",
        r"\b(?:RT|retweet|repost|share|like)\s+(?:this\s+)?if\s+you\s+(?:want|agree|think|believe|support|stand)\b",
        0.8,
        "campaign",
    ),
    NamedPattern(
        "campaign",
        r"\b(?:campaign(?:s|ing)?|join\s+(?:the|our)\s+(?:movement|campaign|call|protest|march)|"
        r"write\s+to\s+your\s+MP|email\s+your\s+MP|take\s+action|#\w*(?:save|stop|ban|justice|for)\w*)\b",
        0.6,
        "campaign",
    ),
)

SPEAKING_FOR: tuple[NamedPattern, ...] = (
    NamedPattern(
        "on-behalf-of",
        r"\bon\s+behalf\s+of\s+(?:the\s+)?(?:university|oxford|(?:my|our|the)\s+"
        r"(?:department|college|faculty|division|institution|employer))\b",
        0.9,
        "speaking-for",
    ),
    NamedPattern(
        "institution-position",
        r"\b(?:the\s+university'?s?|oxford'?s|the\s+college'?s|the\s+department'?s)\s+"
        r"(?:official\s+)?(?:position|view|stance|response|line|policy\s+position|verdict)\s+(?:is|on)\b",
        0.85,
        "speaking-for",
    ),
    NamedPattern(
        "institution-believes",
        r"\b(?:the\s+university|oxford(?:\s+university)?|the\s+college|"
        r"we\s+at\s+(?:oxford|the\s+university))\s+(?:officially\s+)?(?:believes?|supports?|condemns?|opposes?|"
        r"stands?\s+(?:with|against|by)|rejects?|endorses?|backs?|welcomes?|will\s+not\s+tolerate)\b",
        0.8,
        "speaking-for",
    ),
    NamedPattern(
        "speaking-for",
        r"\b(?:speaking|i\s+speak|writing)\s+(?:for|as\s+a\s+representative\s+of)\s+"
        r"(?:the\s+university|oxford|my\s+(?:department|college))\b|\bas\s+(?:the|a)\s+(?:official\s+)?"
        r"(?:representative|spokesperson|voice)\s+of\s+(?:the\s+university|oxford)\b",
        0.9,
        "speaking-for",
    ),
)

BUSINESS: tuple[NamedPattern, ...] = (
    NamedPattern(
        "hiring",
        r"\b(?:we'?re\s+hiring|we\s+are\s+(?:hiring|recruiting|looking\s+for)|(?:job|vacancy|"
        r"position|post|studentship|fellowship)\s+(?:available|open|advertised)|apply\s+(?:now|by|before|here|"
        r"online)|closing\s+date|deadline\s+for\s+applications|join\s+(?:our|my)\s+(?:team|group|lab))\b",
        0.8,
        "business",
    ),
    NamedPattern(
        "our-unit",
        r"\b(?:our|my)\s+(?:lab|group|department|dept|team|project|centre|institute|faculty|"
        r"research\s+group|unit)(?:'s)?\b",
        0.5,
        "business",
    ),
    NamedPattern(
        "event",
        r"\b(?:register\s+(?:now|here|at|for)|book\s+(?:your|a)\s+(?:place|seat|ticket)|"
        r"(?:open\s+day|seminar\s+series|public\s+lecture|departmental\s+seminar|workshop|symposium|"
        r"conference)\b[^.\n]{0,40}\b(?:join\s+us|register|tickets?|free\s+entry|all\s+welcome))\b",
        0.75,
        "business",
    ),
)

CONTROVERSIAL_TOPIC: tuple[NamedPattern, ...] = (
    NamedPattern(
        "party-politics",
        r"\b(?:labour|tor(?:y|ies)|conservatives?|lib\s*dems?|liberal\s+democrats?|"
        r"reform\s+uk|snp|plaid|green\s+party|ukip|starmer|sunak|farage|badenoch|trump|biden|harris|"
        r"republicans?|democrats?|general\s+election|vote\s+(?:for|against)|ballot|polling\s+day|mps?)\b",
        0.6,
        "controversial-topic",
    ),
    NamedPattern(
        "war",
        r"\b(?:gaza|israel\w*|palestin\w*|hamas|idf|ukraine|russia\w*|putin|zelensk\w*|war|"
        r"ceasefire|genocide|invasion|airstrikes?|occupation|nato)\b",
        0.6,
        "controversial-topic",
    ),
    NamedPattern(
        "social-issue",
        r"\b(?:abortion|pro-?life|pro-?choice|trans\s+(?:rights|women|men|people)|"
        r"gender[- ]critical|immigration|immigrants?|asylum\s+seekers?|small\s+boats|rwanda\s+(?:scheme|plan)|"
        r"deportations?|death\s+penalty|gun\s+control|assisted\s+dying|euthanasia|brexit|remainers?|"
        r"brexiteers?|just\s+stop\s+oil|extinction\s+rebellion|monarchy|royal\s+family|vaccines?\s+mandates?|"
        r"free\s+speech|cancel\s+culture|woke|decoloni[sz]\w+|reparations|strike\s+action|no[- ]platform\w*)\b",
        0.6,
        "controversial-topic",
    ),
)

OPINION: tuple[NamedPattern, ...] = (
    NamedPattern(
        "opinion-marker",
        r"\b(?:i\s+(?:think|believe|feel|reckon)|in\s+my\s+(?:view|opinion)|imo|imho|"
        r"frankly|honestly|it'?s\s+(?:time|high\s+time)|(?:should|must)\s+(?:be\s+)?(?:resign|scrap\w*|"
        r"reverse\w*|ashamed|stop)|shameful|disgrace\w*|disaster\w*|outrag\w+|ridiculous|absurd|appalling|"
        r"scandal\w*|betrayal|incompeten\w+|short-?sighted|misguided|wrong-?headed|nonsense)\b",
        0.6,
        "opinion",
    ),
)

ALL: tuple[NamedPattern, ...] = (
    AFFILIATION
    + DISCLAIMER
    + CONFIDENTIAL
    + THIRD_PARTY
    + ATTRIBUTION
    + RESEARCH
    + WRONGDOING
    + ANNOUNCEMENT
    + INSTITUTION
    + CAMPAIGN
    + SPEAKING_FOR
    + BUSINESS
    + CONTROVERSIAL_TOPIC
    + OPINION
)


class CuesAnalyzer:
    """Finds phrase cues of every label in one pass. Pure; nothing to load."""

    id = ANALYZER_ID
    reads_bio = True

    def load(self) -> None:
        return None

    def analyze(self, doc: Document) -> list[Evidence]:
        return find(self.id, ALL, doc)
