"""What may not be said about an identifiable person: special-category data (UK GDPR articles 9 and 10)
and student or staff records. Each cue's label names its category."""

from __future__ import annotations

from postguard.analyzers.patterns import NamedPattern

SPECIAL: tuple[NamedPattern, ...] = (
    NamedPattern(
        "health",
        r"\b(?:diagnos(?:ed|is)|cancer|chemo(?:therapy)?|tumou?r|depression|depressed|anxiety\s+disorder|bipolar|"
        r"schizophreni\w*|ptsd|eating\s+disorder|anorexi\w*|bulimi\w*|hiv|aids|diabet\w*|epilep\w*|dementia|"
        r"(?:had|after|suffered|recovering\s+from)\s+(?:a|his|her|their)\s+(?:stroke|heart\s+attack|breakdown|miscarriage)|"
        r"heart\s+attack|surgery|hospitali[sz]ed|in\s+hospital|(?:back\s+)?from\s+hospital|radiotherapy|dialysis|"
        r"(?:off|signed\s+off)\s+sick|sick\s+leave|mental\s+health\s+(?:problems|issues|crisis)|rehab|addiction|"
        r"alcoholic|ivf|terminal(?:ly)?\s+ill|long\s+covid|cancer\s+treatment|therapy\s+for)\b",
        0.8,
        "special:health",
    ),
    NamedPattern(
        "disability",
        r"\b(?:disabled|disability|wheelchair(?:\s+user)?|autis(?:m|tic)|adhd|dyslexi[ac]|dyspraxi[ac]|"
        r"(?:is|went|going)\s+(?:blind|deaf)|hearing\s+impaired|visually\s+impaired)\b",
        0.8,
        "special:disability",
    ),
    NamedPattern(
        "pregnancy",
        r"\b(?:pregnant|pregnancy|expecting\s+(?:a\s+baby|twins)|maternity\s+leave|miscarri\w+)\b",
        0.8,
        "special:pregnancy",
    ),
    NamedPattern(
        "ethnicity",
        r"\b(?:(?:is|are|was)\s+(?:a\s+)?(?:black|asian|roma|romany|gypsy|traveller|arab|mixed[- ]race|"
        r"of\s+\w+\s+(?:descent|heritage|origin))|ethnicity|ethnic\s+origin)\b",
        0.75,
        "special:ethnicity",
    ),
    NamedPattern(
        "religion",
        r"\b(?:(?:is|are|was|became)\s+(?:a\s+)?(?:muslim|jew(?:ish)?|christian|catholic|hindu|sikh|buddhist|"
        r"atheist|mormon|jehovah'?s\s+witness)|converted\s+to\s+\w+|(?:goes|went)\s+to\s+(?:the\s+)?"
        r"(?:mosque|synagogue|church|temple|gurdwara)|religious\s+beliefs?)\b",
        0.8,
        "special:religion",
    ),
    NamedPattern(
        "sexual-orientation",
        r"\b(?:(?:is|are|was)\s+(?:gay|lesbian|bisexual|bi|queer|trans|transgender|asexual)|came\s+out|"
        r"coming\s+out|sexual\s+orientation|sexuality)\b",
        0.8,
        "special:sexual-orientation",
    ),
    NamedPattern(
        "political-opinion",
        r"\b(?:(?:is|are|was)\s+a\s+(?:labour|tory|conservative|reform|green|lib\s*dem|snp|communist)\s+"
        r"(?:member|voter|supporter|activist)|votes\s+(?:labour|tory|conservative|reform|green|lib\s*dem)|"
        r"member\s+of\s+the\s+(?:labour|conservative|green|reform|communist)\s+party)\b",
        0.8,
        "special:political-opinion",
    ),
    NamedPattern(
        "trade-union",
        r"\b(?:ucu\s+(?:member|rep)|union\s+rep(?:resentative)?|member\s+of\s+(?:ucu|unison|unite|the\s+union)|"
        r"joined\s+the\s+union|trade\s+union\s+member)\b",
        0.8,
        "special:trade-union-membership",
    ),
    NamedPattern(
        "criminal-record",
        r"\b(?:convicted|conviction|arrested|criminal\s+record|(?:in|went\s+to|out\s+of)\s+(?:prison|jail)|"
        r"charged\s+with|on\s+bail|cautioned\s+by\s+(?:the\s+)?police|served\s+time|sex\s+offender)\b",
        0.8,
        "special:criminal-record",
    ),
)

RECORDS: tuple[NamedPattern, ...] = (
    NamedPattern(
        "marks",
        r"\b(?:got\s+(?:a\s+)?(?:2[:.]1|2[:.]2|first|third|desmond|pass)|got\s+(?:a\s+)?\d{1,3}\s*(?:%|per\s*cent)?\s+"
        r"(?:in|on|for)\b|(?:failed|flunked|resitting|re-?sat)\s+"
        r"(?:his|her|their|the)?\s*(?:exams?|finals|viva|module|prelims|mods|dissertation|year)|scored\s+\d{1,3}\s*%?|"
        r"marks?\s+(?:of\s+)?\d{1,3}|grade[ds]?\s+(?:of\s+)?[A-F][+-]?\b|(?:exam|test|viva)\s+results?|"
        r"came\s+(?:bottom|last)\s+(?:of|in)|transcript)\b",
        0.8,
        "record:marks",
    ),
    NamedPattern(
        "admissions",
        r"\b(?:(?:was|been|got)\s+(?:rejected|turned\s+down|not\s+admitted|offered\s+a\s+place|admitted|waitlisted|"
        r"pooled)|didn'?t\s+get\s+(?:in|a\s+place)|admissions\s+decision|interview\s+(?:score|feedback))\b",
        0.75,
        "record:admissions",
    ),
    NamedPattern(
        "hr",
        r"\b(?:disciplinary|dismissed|sacked|fired|suspended|under\s+investigation|misconduct\s+hearing|"
        r"grievance|performance\s+(?:review|improvement\s+plan)|written\s+warning|final\s+warning|"
        r"on\s+probation|probation\s+(?:failed|extended)|made\s+redundant|sick\s+record|absence\s+record)\b",
        0.8,
        "record:hr",
    ),
    NamedPattern(
        "reference",
        r"\b(?:(?:my|the|her|his)\s+reference\s+(?:for|says|said)|reference\s+(?:I|we)\s+(?:wrote|gave)\s+for|"
        r"wrote\s+(?:a|him|her|them)\s+(?:\w+\s+)?reference)\b",
        0.75,
        "record:reference",
    ),
)
