"""What a post does: announce, campaign, speak for the University, do University business, take a side
on a controversial topic, or give an opinion."""

from __future__ import annotations

from postguard.analyzers.patterns import NamedPattern

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
