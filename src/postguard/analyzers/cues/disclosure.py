"""What a post discloses: confidential markers, unpublished research, allegations of wrongdoing."""

from __future__ import annotations

from postguard.analyzers.patterns import NamedPattern

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


# What a research photo shows: labs, instruments, samples, prototypes (PH005 reads it beside the photos).
RESEARCH_SCENE: tuple[NamedPattern, ...] = (
    NamedPattern(
        "research-scene",
        r"\b(?:lab(?:oratory|s)?|prototypes?|samples?|specimens?|microscope|spectromet\w+|nmr|mass\s+spec\w*|"
        r"cryo-?em|centrifuge|sequencer|fume\s+(?:hood|cupboard)|clean\s?room|bench|rig|reactor|telescope|"
        r"detector|wind\s+tunnel|experiment\w*|assay|cell\s+cultures?|petri\s+dish\w*|test\s+tubes?|"
        r"unpublished|confidential|patent\w*|sponsor\w*|(?:first|sneak)\s+(?:look|peek))\b",
        0.7,
        "research-scene",
    ),
)
