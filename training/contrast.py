"""Contrast data the project writes for the abuse classifier (issue 4), as seeded templates.

    python training/contrast.py            # prints how many rows each kind gives, and a sample

The public corpora teach "identity word near insult = abuse". These pairs teach the difference a
minimal edit makes: each abusive statement comes with non-abusive twins that keep its identity terms
and most of its words. Kinds (``KINDS``):

- ``derogation`` / ``dehumanising`` / ``threat-group`` / ``implicit``: hateful, aimed at a group for one
  of the Equality Act 2010's nine protected characteristics; twins:
  - ``negation``: the same claim negated or rejected
  - ``counter-speech``: the claim quoted or reported in order to condemn it
  - ``identity-neutral`` / ``identity-positive``: a neutral or warm statement about the same group
- ``slur-at-person``: a person attacked for a characteristic (hateful, individual); twins ``reclaimed``
  (in-group use of reclaimed words) and ``innocent-sense`` (words that are also slurs, in their other
  meanings)
- ``harassment``: an individual insulted or threatened with no protected characteristic in play,
  including threats without slurs ("I know where you park"): abusive, not hateful
- ``unprotected-group``: insults at groups the Act does not protect (estate agents, a football club's
  fans): abusive, not hateful
- ``object-profanity``: swearing at things or in delight ("this printer is shit"): acceptable, profane
- ``identity-event`` / ``advocacy`` / ``opinion``: the everyday logistics of identity events, advocacy
  for a group's rights, and strong opinions about politicians, institutions and ideas: acceptable
  (added after the ordinary-post checks showed these read as hate)
- ``affirmation`` / ``denial``: one-line statements of a group's humanity, rights, place and worth, and
  hateful twins that deny the same (added after short posts that open with a group's name read as
  abuse, and "they are not people" read as negation)
- ``framed-hate`` / ``framed-benign``: hateful and benign claims about a group in the same opinion
  frames ("I reckon ...", "Can we finally admit that ...?"), and questions and stances ("I'd never
  trust ...", "I'd gladly work alongside ...") in both directions (added after opinions and questions
  hid hate, and benign stances that open like threats read as hate); with them, templated innocent
  senses of slur words (food, cigarettes, dogs, gaps, embankments, chemistry)
- ``advice``: second-person warnings and instructions (IT security, lab safety, getting home safely)
  whose words overlap threats ("never leave your ...", "nobody will ever ask for your ..."): acceptable
  (added after password reminders read as harassment)
- ``claim-hate`` / ``claim-benign`` / ``claim-rejected``: hate stated as a plain claim with no insult
  word (a conspiracy, a pseudo-scientific ranking, a purpose assigned to a group); benign claims of the
  same shape about the same groups; and the hateful claims negated, or named in order to refute or
  report them (added after such claims were missed more than other hate)
- ``wish-harm``: a wish that a person be hurt, fall ill or die, the person named in the third person
  ("I hope he ...", "my supervisor deserves to ...") or addressed: abusive, individual; twins
  ``wish-kind`` (a kind wish in the same frame), ``wish-negated`` (the harm hoped not to happen),
  ``wish-reported`` (the wish quoted in order to condemn it) and ``innocent-sense`` (batteries, plants
  and ideas that die); ``insult`` and ``praise``: a person in the third person insulted or praised in
  the same frames, and ``thing-insult``: a rule or a machine called stupid, which is acceptable (added
  after "I hope he dies." read as acceptable and "@handle I hope you sleep well" as harassment)

Everything here is the project's own wording. The functional test table in
``bench/data/abuse_functional.yaml`` was written separately, in other words, and is never read here.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass

SEED = 20261124


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    kind: str
    abusive: int
    hateful: int | None
    target: str | None
    characteristic: str | None
    profanity: int = 0


# Per characteristic: group nouns (plural), a member (singular with article), an adjective for "proud to
# be", and occasions or networks that mention the group warmly.
GROUPS: dict[str, dict[str, list[str]]] = {
    "age": {
        "plural": [
            "old people",
            "pensioners",
            "older staff",
            "the elderly",
            "teenagers",
            "young people",
            "over-60s",
            "older applicants",
            "retired people",
            "OAPs",
        ],
        "member": ["an old man", "a pensioner", "an older colleague", "a teenager", "an old woman"],
        "proud": ["turning 70", "a grandparent", "over sixty and still learning", "the oldest student in my year"],
        "occasion": [
            "the Older People's Day tea",
            "our intergenerational mentoring scheme",
            "the over-55s swimming club",
            "the retired staff association lunch",
        ],
    },
    "disability": {
        "plural": [
            "disabled people",
            "wheelchair users",
            "autistic people",
            "blind people",
            "deaf people",
            "people with Down syndrome",
            "people with learning disabilities",
            "dyslexic students",
            "people with schizophrenia",
            "disabled students",
        ],
        "member": ["a disabled student", "a wheelchair user", "an autistic colleague", "a blind man", "a deaf woman"],
        "proud": ["autistic", "disabled", "Deaf", "dyslexic", "a wheelchair user"],
        "occasion": [
            "Disability History Month",
            "Deaf Awareness Week",
            "the disabled staff network",
            "Autism Acceptance Week",
            "the accessible sports day",
        ],
    },
    "gender-reassignment": {
        "plural": [
            "trans people",
            "trans women",
            "trans men",
            "transgender people",
            "trans students",
            "transgender staff",
            "trans kids",
            "non-binary people",
        ],
        "member": ["a trans woman", "a trans man", "a transgender student", "a trans colleague"],
        "proud": ["trans", "a trans woman", "a trans man", "transgender", "non-binary"],
        "occasion": [
            "Trans Day of Visibility",
            "the trans and non-binary network",
            "Trans Awareness Week",
            "the Trans Day of Remembrance vigil",
        ],
    },
    "marriage-civil-partnership": {
        "plural": [
            "married women",
            "married people",
            "people in civil partnerships",
            "married staff",
            "wives",
            "newlyweds",
            "married men",
            "couples in civil partnerships",
        ],
        "member": ["a married woman", "a newlywed", "someone in a civil partnership", "a married man"],
        "proud": ["married", "in a civil partnership", "a newlywed", "a husband", "a wife"],
        "occasion": [
            "our wedding anniversary",
            "the civil partnership ceremony",
            "a colleague's wedding",
            "the newlyweds' leaving drinks",
        ],
    },
    "pregnancy-maternity": {
        "plural": [
            "pregnant women",
            "new mothers",
            "women on maternity leave",
            "breastfeeding mothers",
            "pregnant staff",
            "mums returning from maternity leave",
            "expectant mothers",
            "pregnant students",
        ],
        "member": ["a pregnant woman", "a new mum", "a colleague on maternity leave", "a pregnant student"],
        "proud": ["pregnant", "a new mum", "back from maternity leave", "expecting our first"],
        "occasion": [
            "the new parents' network",
            "the baby room opening",
            "the parents' coffee morning",
            "the return-to-work scheme for new mothers",
        ],
    },
    "race": {
        "plural": [
            "Black people",
            "immigrants",
            "Asians",
            "Pakistanis",
            "Romanians",
            "Gypsies and Travellers",
            "Chinese people",
            "Africans",
            "Polish people",
            "Arabs",
            "Nigerians",
            "Jamaicans",
            "Indians",
            "Irish people",
            "Roma",
            "foreigners",
            "migrants",
            "Latinos",
            "Bangladeshis",
            "Eastern Europeans",
        ],
        "member": [
            "a Black woman",
            "an immigrant",
            "a Pakistani",
            "a Chinese student",
            "an African",
            "a Romanian",
            "a Polish builder",
            "an Indian doctor",
        ],
        "proud": [
            "Black",
            "British Pakistani",
            "Nigerian",
            "a Traveller",
            "Chinese",
            "mixed race",
            "Irish",
            "a migrant",
            "Polish",
            "British Indian",
        ],
        "occasion": [
            "Black History Month",
            "Gypsy, Roma and Traveller History Month",
            "Lunar New Year",
            "Windrush Day",
            "the African and Caribbean society",
            "Refugee Week",
        ],
    },
    "religion-belief": {
        "plural": [
            "Muslims",
            "Jews",
            "Christians",
            "Hindus",
            "Sikhs",
            "Catholics",
            "atheists",
            "Buddhists",
            "Jewish students",
            "Muslim women",
            "Orthodox Jews",
            "evangelicals",
        ],
        "member": ["a Muslim", "a Jew", "a Christian", "a Sikh", "a Hindu", "a Catholic priest", "a Muslim woman"],
        "proud": ["Muslim", "Jewish", "Sikh", "Hindu", "Catholic", "Christian", "an atheist"],
        "occasion": [
            "Eid",
            "Hanukkah",
            "Diwali",
            "Vaisakhi",
            "Easter",
            "Ramadan",
            "Rosh Hashanah",
            "the interfaith week",
        ],
    },
    "sex": {
        "plural": [
            "women",
            "men",
            "girls",
            "female students",
            "women in science",
            "female academics",
            "women engineers",
            "female footballers",
            "women drivers",
            "female professors",
        ],
        "member": ["a woman", "a girl", "a female lecturer", "a man", "a woman engineer"],
        "proud": ["a woman in physics", "a female engineer", "a woman in STEM", "a girl who codes"],
        "occasion": [
            "International Women's Day",
            "the Women in Engineering lecture",
            "International Men's Day",
            "the women's rowing eight's win",
        ],
    },
    "sexual-orientation": {
        "plural": [
            "gay people",
            "lesbians",
            "bisexual people",
            "gay men",
            "queer people",
            "gay couples",
            "LGBT students",
            "homosexuals",
            "bi women",
            "lesbian couples",
        ],
        "member": ["a gay man", "a lesbian", "a bisexual student", "a gay colleague"],
        "proud": ["gay", "a lesbian", "bi", "bisexual", "queer"],
        "occasion": [
            "Pride",
            "LGBT+ History Month",
            "the LGBTQ+ staff network",
            "the Pride march",
            "the rainbow flag raising",
        ],
    },
}

# Groups the Equality Act does not protect: insulting them is discourteous, not discriminatory.
UNPROTECTED = [
    "estate agents",
    "traffic wardens",
    "landlords",
    "Arsenal fans",
    "Chelsea supporters",
    "politicians",
    "bankers",
    "journalists",
    "referees",
    "people who reply-all",
    "cyclists who jump red lights",
    "tourists who stop at the top of escalators",
    "management consultants",
    "Tory MPs",
    "Labour councillors",
    "tax collectors",
    "people who microwave fish at work",
    "Man United fans",
    "lawyers",
    "influencers",
    "reviewer two",
    "ticket touts",
    "spammers",
    "the people who run this railway",
    "Oxford drivers",
]

NEG_ADJ = [
    "disgusting",
    "filthy",
    "worthless",
    "pathetic",
    "stupid",
    "evil",
    "lazy",
    "useless",
    "vile",
    "thick",
    "a disgrace",
    "a burden on everyone",
    "the worst",
    "so dumb",
    "a waste of space",
    "repulsive",
    "inferior",
    "dirty",
    "scum",
    "a joke",
]
DEHUMAN = [
    "vermin",
    "rats",
    "cockroaches",
    "animals",
    "a disease",
    "parasites",
    "savages",
    "a plague",
    "subhuman",
    "a cancer on this country",
    "no better than dogs",
    "a virus",
    "pests",
    "filth",
    "a swarm",
    "apes",
    "leeches",
    "maggots",
]
VIOLENCE = [
    "shot",
    "hanged",
    "beaten up",
    "locked up for good",
    "thrown out of the country",
    "burned",
    "wiped out",
    "put down",
    "gassed",
    "deported, every last one",
    "lined up and shot",
    "kicked out of every job",
]
VIOLENT_ACTS = ["punch", "kill", "hurt", "smash the face of", "stab", "get rid of", "run over", "batter"]
PLACES = [
    "this country",
    "our university",
    "this city",
    "my street",
    "the workplace",
    "Oxford",
    "our schools",
    "the lab",
    "politics",
    "sport",
    "the NHS",
    "this college",
]

HATE_TEMPLATES = {
    "derogation": [
        "{G} are {neg}.",
        "All {g} are {neg}.",
        "I can't stand {g}.",
        "I hate {g}.",
        "{G} make me sick.",
        "{G} are always {neg}, every single one of them.",
        "Honestly, {g} are {neg}.",
        "{G} should not be allowed in {place}.",
        "{G} don't belong in {place}.",
        "Get {g} out of {place}.",
        "{G} are ruining {place}.",
        "Never hire {g}, they are {neg}.",
        "Typical {g}, {neg} as always.",
        "{G} are {neg} and everyone knows it.",
        "Nobody wants {g} in {place}.",
        "I would never let {g} near {place}.",
        "{G} are {neg}. Change my mind.",
        "The problem with {place} is {g}.",
        "Why are {g} so {neg}?",
        "{G} are too {neg} to work here.",
    ],
    "dehumanising": [
        "{G} are {dh}.",
        "{G} are nothing but {dh}.",
        "{G} breed like {dh}.",
        "{G} are {dh}, not people.",
        "Treat {g} like the {dh} they are.",
        "{G}? More like {dh}.",
        "{place} is infested with {g}.",
        "{G} are {dh} and should be treated that way.",
        "Just {dh}, that's all {g} are.",
        "{G} are basically {dh} in human form.",
    ],
    "threat-group": [
        "{G} deserve to be {vio}.",
        "All {g} should be {vio}.",
        "Someone should {act} every one of the {g}.",
        "I want to {act} {g}.",
        "{G} will be {vio} if they keep showing up here.",
        "It's time {g} were {vio}.",
        "I'd happily {act} any of the {g} I see.",
        "The only good thing to do with {g} is have them {vio}.",
        "If I see {g} in {place} I will {act} them.",
        "Let's make sure {g} get {vio}.",
    ],
    "implicit": [
        "{G} always play the victim.",
        "Funny how crime goes up whenever {g} move in.",
        "You can't trust {g} with anything important.",
        "{G} are only here for the handouts.",
        "{G} are fine as long as they stay out of sight.",
        "Of course they hired {m}, had to tick the box.",
        "We were doing fine before {g} turned up.",
        "{G} can't help it, it's in their nature.",
        "{G} should be grateful we let them in {place} at all.",
        "Another department ruined by {g}.",
        "Don't let {g} near the money.",
        "{G} just aren't suited to {place}.",
        "I'm not saying {g} are the problem, but look at the facts.",
        "Count how many {g} are in prison.",
        "Keep {g} away from our children.",
        "{G} take, take, take and never give back.",
        "{G} have been given too much already.",
        "Some things are just not for {g}.",
    ],
}

# Negated or rejected forms of a hateful claim. ``{claim}`` is a lower-case clause: "g are neg".
NEGATION_TEMPLATES = [
    "{G} are not {neg}.",
    "I don't hate {g}.",
    "{G} are not {dh}, they are people.",
    "It is wrong to say {g} are {neg}.",
    "No one should ever say {g} are {neg}.",
    "{G} do not deserve to be {vio}.",
    "I will never accept that {g} are {neg}.",
    "{G} are anything but {neg}.",
    "Nobody is saying {g} are {dh}.",
    "{G} don't deserve any of the hate they get.",
    "There is nothing {neg_plain} about {g}.",
    "I refuse to believe {g} are {neg}.",
    "{G} absolutely belong in {place}.",
    "It's a lie that {g} are {neg}.",
    "{G} should never be {vio}.",
    "No, {g} are not the problem.",
]
COUNTER_TEMPLATES = [
    '"{hate}" was written under our post today. That is bigotry and we have reported it.',
    'Someone shouted "{hate}" at a student on Cowley Road. We stand with {g}.',
    'Saying "{hate}" is hateful, full stop.',
    "If you think {claim}, unfollow us now.",
    'The graffiti read "{hate}". It has been painted over and the police are investigating.',
    'We have removed replies saying "{hate}". Hate speech has no place here.',
    "A speaker claimed that {claim}. This is false and harmful to {g}.",
    "Calling {g} {dh} is dehumanising. Please stop sharing that post.",
    'I am tired of reading "{hate}" in my mentions. Do better, people.',
    "Our study found that 1 in 5 adults agree that {claim}. That is alarming.",
    'Replying "{hate}" to a student\'s post is harassment and will be reported.',
    'Statements like "{hate}" are why {g} feel unsafe on campus.',
    'He was fined for posting "{hate}" online. Good.',
    "People who say {claim} should be ashamed.",
]
NEUTRAL_TEMPLATES = [
    "{G} make up about {n}% of our intake this year.",
    "Our new network for {g} meets on Thursdays.",
    "A new study looks at the experiences of {g} in higher education.",
    "Seminar today: {g} and the labour market since 1945.",
    "The survey asked {g} about access to student housing.",
    "Talk tonight on the history of {g} in Oxford.",
    "How do we support {g} through exam season? Thread below.",
    "The report counts {n},000 {g} in the county.",
    "This term's reading group covers {g} in Victorian fiction.",
    "{G} are invited to join the consultation.",
    "Census data on {g} is now in the library.",
    "We spoke to {g} about the new bus routes.",
    "As {m}, I have a few thoughts on the new policy.",
    "I am {proud} and I work in the Bodleian.",
    "The panel includes {g} from four departments.",
    "Applications from {g} rose by {n}% this year.",
]
POSITIVE_TEMPLATES = [
    "{G} are welcome here.",
    "Proud to be {proud}!",
    "{G} make our university stronger.",
    "Happy {occ}, everyone!",
    "We love our {g} colleagues.",
    "{G} are brilliant and we need more of them in {place}.",
    "So glad to celebrate {occ} with friends.",
    "Proud to be {proud} and proud to work here.",
    "Huge thanks to {g} who volunteered this weekend.",
    "{G} deserve respect, always.",
    "Join us for {occ} on Friday, all welcome.",
    "Shout out to all the {g} in our department. You rock.",
    "{G} are people, not a debate.",
    "Being {proud} is something I celebrate.",
]

SLUR_AT_PERSON = {
    "sexual-orientation": ["faggot", "fag", "dyke", "poof", "homo", "batty boy"],
    "race": ["paki", "wog", "coon", "chink", "gyppo", "nigger", "spic", "wetback"],
    "disability": ["retard", "spastic", "mong", "spaz", "cripple"],
    "gender-reassignment": ["tranny", "shemale", "trap"],
    "religion-belief": ["kike", "raghead", "towelhead", "yid"],
    "sex": ["stupid woman", "dumb bitch", "slag"],
    "age": ["old hag", "senile old fool", "coffin dodger"],
    "pregnancy-maternity": ["pregnant cow", "baby-brained mum"],
    "marriage-civil-partnership": ["sad married hag", "kept wife"],
}
SLUR_PERSON_TEMPLATES = [
    "Shut up, you {slur}.",
    "@{handle} nobody cares what a {slur} thinks.",
    "Get out of our lab, {slur}.",
    "You're a {slur} and always will be.",
    "Look at this {slur} trying to teach.",
    "Go home, {slur}.",
    "What a {slur}. Can't believe they gave you a job.",
    "@{handle} back in your box, {slur}.",
    "No {slur} is going to tell me what to do.",
    "Typical {slur}, crying again.",
]
RECLAIMED = [
    "We're here, we're queer, get used to it!",
    "Queer and proud, see you at the march.",
    "Dykes on bikes are leading the parade this year.",
    "Our queer reading group is back on Tuesday.",
    "The Queer Studies conference opens tomorrow.",
    "Crip time is real: rest is part of the work.",
    "As a proud dyke, I loved this panel.",
    "Queer joy is resistance.",
    "Celebrating queer scholars today.",
    "Crip theory seminar moved to room 4.",
    "Bi, queer and thriving in my PhD.",
    "Proudly queer since 1998.",
    "The dyke march meets at noon.",
    "My queer family showed up for me today.",
    "Talk: queer history of Oxford colleges.",
    "Big queer energy at the staff social tonight.",
]
INNOCENT = [
    "Faggots and peas for tea tonight, a proper Black Country meal.",
    "Nipping out for a fag, back in five.",
    "The Dutch dyke held back the flood.",
    "Walked along the dyke on the Fens this morning.",
    "Our bitch had six puppies last night!",
    "The flame retardant coating passed every test.",
    "These additives retard the setting of the concrete.",
    "The fire retardant foam is on order.",
    "A chink of light came through the curtains.",
    "That was the one chink in their defence.",
    "Saw a coon in the garden when we visited Ontario.",
    "Spooky season: the spook in the castle tour is back.",
    "A faggot of sticks for the bonfire.",
    "Tranny fluid needs topping up on the minibus.",
    "Grab a fag and a brew, it's break time.",
    "Feeling queer today, might be the fish.",
    "Offa's Dyke path is gorgeous in autumn.",
    "My dog is a bitch, she's a golden retriever.",
    "Drop-in on fire retardants in lab furniture.",
    "Faggots with onion gravy, my gran's recipe.",
]

HARASS_TEMPLATES = [
    "@{handle} you are a useless idiot.",
    "@{handle} you're pathetic and everyone laughs at you.",
    "Nobody in the department can stand you, @{handle}.",
    "@{handle} shut your stupid mouth.",
    "You're a fraud and a liar, @{handle}, and I'll make sure everyone knows.",
    "I know where you park, @{handle}.",
    "@{handle} watch your back on the way home tonight.",
    "I know which college you're in. See you soon.",
    "Keep talking, @{handle}, and see what happens to your car.",
    "@{handle} you'll regret this when I find you.",
    "We know where you live, @{handle}.",
    "Funny how your bike keeps getting damaged, isn't it @{handle}?",
    "@{handle} delete your account or I'll do it for you.",
    "You'd better not walk past the lab alone again.",
    "@{handle} you absolute moron.",
    "@{handle} kill yourself.",
    "@{handle} nobody would miss you.",
    "@{handle} you are a waste of oxygen.",
    "@{handle} I hope you get sacked, you clown.",
    "I've got screenshots of everything, @{handle}. Your career is over.",
    "@{handle} you stupid prick.",
    "@{handle} what a vile little man you are.",
    "@{handle} you're a disgrace to this university.",
    "@{handle} I'm going to post your home address.",
    "@{handle} go cry to your supervisor, loser.",
    "That lecturer is a total joke, @{handle} included.",
    "@{handle} you're thick as mince.",
    "@{handle} I'll be waiting outside your office.",
    "Your seminar was garbage and so are you, @{handle}.",
]
# Benign twins of the threats: the same words with a harmless purpose.
HARASS_BENIGN = [
    "@{handle} I know where you park, can you move your car? It's blocking the loading bay.",
    "@{handle} watch your step on the way home tonight, the towpath is icy.",
    "I know which college you're in, see you at formal!",
    "@{handle} you'll love this when you find it.",
    "@{handle} you are a legend.",
    "@{handle} what a brilliant talk, thank you.",
    "@{handle} I'll be waiting outside your office at 3 with the forms.",
    "@{handle} delete the old draft, I've uploaded the new one.",
    "@{handle} nobody does data cleaning like you.",
    "@{handle} your seminar was superb.",
    "Keep talking, @{handle}, this thread is gold.",
    "@{handle} go tell your supervisor the good news!",
    "@{handle} I've got screenshots of the results, amazing.",
    "We know where you live, @{handle}: it's the house with the best Christmas lights.",
    "@{handle} you're a star and a great colleague.",
    "@{handle} you killed it today!",
]
UNPROTECTED_TEMPLATES = [
    "{u} are {neg}.",
    "I hate {u}.",
    "{u} are the worst people alive.",
    "All {u} are scum.",
    "{u} are parasites.",
    "Honestly {u} are thick as two short planks.",
    "{u} can all go to hell.",
]
OBJECT_PROFANITY = [
    "This printer is shit.",
    "The bloody wifi is down again.",
    "Fuck yeah, paper accepted!",
    "This coffee machine is a piece of crap.",
    "Holy shit, we won the grant!",
    "Damn, missed the bus again.",
    "The new timetable system is fucking useless.",
    "What a shitty day for the boat race.",
    "This rain is bloody awful.",
    "Jesus Christ, the queue at the Covered Market is long.",
    "Absolute fucking legend of a result from the rowers.",
    "Pissing down in Oxford again.",
    "My code is a shitshow today.",
    "The heating in this building is crap.",
    "Bollocks, I left my card at home.",
    "Fuck Mondays.",
    "These forms are a pain in the arse.",
    "Hell yes, conference season!",
    "The photocopier ate my handout, bastard thing.",
    "Shit, forgot the seminar was moved.",
]
# --- second batch (after the first model's functional run showed weak recall on these kinds) ---------

INSULT_NOUNS = [
    "idiot",
    "moron",
    "cretin",
    "imbecile",
    "halfwit",
    "clown",
    "buffoon",
    "loser",
    "fraud",
    "hack",
    "snake",
    "coward",
    "creep",
    "pillock",
    "numpty",
    "muppet",
    "plonker",
    "weasel",
    "disgrace",
    "failure",
    "joke",
    "embarrassment",
    "liar",
    "bully",
    "dimwit",
    "nitwit",
    "prat",
    "waste of space",
    "parasite",
    "leech",
]
INSULT_ADJ = [
    "useless",
    "pathetic",
    "stupid",
    "brainless",
    "talentless",
    "spineless",
    "worthless",
    "incompetent",
    "gormless",
    "vile",
    "ugly",
    "thick",
    "dim",
    "clueless",
    "deluded",
    "smug",
    "utter",
    "absolute",
    "total",
]
ROLES = [
    "lab manager",
    "postdoc",
    "lecturer",
    "tutor",
    "porter",
    "supervisor",
    "line manager",
    "TA",
    "PI",
    "admin officer",
    "head of department",
    "librarian",
    "college dean",
]
NAMES = ["Dave", "Sarah", "Priya", "Tom", "Aisha", "Gareth", "Mei", "Jonno", "Fiona", "Kwame", "Hannah"]
INSULT_TEMPLATES = [
    "{addr} you are a {adj} {noun}.",
    "What a {adj} {noun} you are, {addr}.",
    "{addr}, you {adj} {noun}.",
    "Nobody can stand you, {addr}. You're a {noun}.",
    "The new {role} is a {adj} {noun}.",
    "{name} from our department is a {adj} {noun} and everyone knows it.",
    "{addr} shut up, you {noun}.",
    "Honestly {addr}, you're the most {adj} {noun} I've ever worked with.",
    "My {role} is a {adj} {noun}.",
    "{addr} read a book, you {adj} {noun}.",
    "Imagine being as {adj} as {addr}.",
    "{addr} everyone laughs at you behind your back, {noun}.",
    "Our {role} is a complete {noun}.",
]
THREAT_KNOW = [
    "I know where you {v}",
    "I know what time you {t}",
    "I've seen your {thing}",
    "Your {kids} go to {school}, don't they",
    "Found your {house} on {source}",
    "I know which {house} is yours",
]
THREAT_KNOW_FILL = {
    "v": ["live", "park", "work", "drink on Fridays", "sit in the library", "lock your bike", "go running"],
    "t": ["leave work", "finish your shift", "walk the dog", "lock up the lab", "get the last bus"],
    "thing": ["kids", "wife", "husband", "house", "car", "mum's address", "daughter's school run"],
    "kids": ["kids", "children", "little girls", "boys"],
    "school": ["St Mary's", "Cherwell School", "the primary on Iffley Road", "Larkrise"],
    "house": ["house", "flat", "address", "front door", "home"],
    "source": ["Google Maps", "the electoral roll", "Street View", "Companies House"],
}
THREAT_MENACE = [
    "Think about that.",
    "See you soon.",
    "I'll be waiting.",
    "Sleep well.",
    "Be careful.",
    "Watch yourself.",
    "Would be a shame if something happened to it.",
    "Just saying.",
    "Don't make me come round.",
    "Tick tock.",
]
THREAT_DIRECT = [
    "I'll {harm} if you {cond}.",
    "{addr} I'm going to {harm}.",
    "Do that again and I'll {harm}.",
    "{addr} I'll {harm}, mark my words.",
    "One more word, {addr}, and I'll {harm}.",
    "I'm {dox} your {info} {when}, {addr}.",
    "{addr} go {selfharm}.",
    "{addr} do us all a favour and {end}.",
    "The world would be better without you, {addr}.",
    "{addr} you won't see it coming.",
]
THREAT_DIRECT_FILL = {
    "harm": [
        "break your legs",
        "smash your face in",
        "make you pay",
        "ruin you",
        "end your career",
        "hurt you",
        "put you in hospital",
        "get you",
        "burn your car",
        "make your life hell",
    ],
    "cond": ["mark me down", "report me", "post that again", "show up at the meeting", "reject my paper"],
    "dox": ["posting", "sharing", "publishing", "leaking"],
    "info": ["home address", "phone number", "kids' school", "medical records", "address and photos"],
    "when": ["tonight", "everywhere", "on every forum", "to the whole department", "on Reddit"],
    "selfharm": ["jump off a bridge", "kill yourself", "throw yourself under a bus", "drink bleach", "hang yourself"],
    "end": ["disappear", "end it", "never wake up", "stop breathing"],
}
BENIGN_KNOW = [
    "I know where you park, so I left the book on your windscreen.",
    "I've seen your kids' art show, it was amazing!",
    "I'll be waiting at reception with your visitor badge.",
    "Your kids go to St Mary's? So do mine, see you at pickup!",
    "I know what time you finish, shall we get dinner after?",
    "Found your house on the map, see you at the party.",
    "I know where you live now, I'll drop the spare keys round.",
    "See you soon, can't wait for the workshop!",
    "I'll make you a cup of tea when you get in.",
    "Sleep well, big day tomorrow!",
    "Watch yourself on the ice!",
    "I've seen your car, it's the one with the bike rack, right?",
    "Do that again and I'll buy the next round!",
    "One more word, {addr}, and you'll have written the whole chapter!",
    "{addr} you won't believe the results.",
    "{addr} I'm going to steal your slides for my lecture, they're great.",
    "{addr} go jump in the river at the summer swim!",
]
WORSHIP = {
    "religion-belief": ["mosque", "synagogue", "gurdwara", "Hindu temple", "church", "Islamic centre", "kosher deli"],
    "race": ["Polish shop", "Chinese takeaway", "refugee hostel", "Romanian family next door", "asylum hotel"],
    "sexual-orientation": ["gay bar", "Pride march", "LGBT centre"],
    "gender-reassignment": ["trans support group", "gender clinic"],
    "disability": ["special school", "day centre for disabled adults"],
    "age": ["care home", "old people's home"],
    "pregnancy-maternity": ["antenatal class", "mother and baby group"],
    "sex": ["women's refuge", "girls' school"],
    "marriage-civil-partnership": ["wedding reception", "civil partnership ceremony"],
}
THREAT_PLACE = [
    "The {w} should be burned down.",
    "Someone should torch the {w} on our street.",
    "The {w} deserves a brick through every window.",
    "I'd happily firebomb that {w}.",
    "Let's pay the {w} a visit with some petrol.",
    "Smash up the {w}, they had it coming.",
    "Next time I'm near the {w} I'm bringing a bat.",
    "Whoever burns down the {w} gets a pint from me.",
]
THREAT_MEMBER = [
    "I'll beat the next {mn} who {does}.",
    "Next {mn} I see is getting a kicking.",
    "If another {mn} {does}, I'll make them regret it.",
    "The next {mn} who {does} is going in the canal.",
    "I'm going to hurt the first {mn} who {does}.",
]
MEMBER_NOUN = {
    "age": ["pensioner", "old codger", "teenager"],
    "disability": ["disabled bloke", "wheelchair user", "autistic kid"],
    "gender-reassignment": ["trans woman", "trans activist"],
    "marriage-civil-partnership": ["married woman", "newlywed"],
    "pregnancy-maternity": ["pregnant woman", "new mum"],
    "race": ["Pole", "Asian", "Black lad", "immigrant", "Romanian"],
    "religion-belief": ["Muslim", "Jew", "Sikh", "Hindu"],
    "sex": ["woman", "girl", "female student"],
    "sexual-orientation": ["gay", "lesbian", "gay couple"],
}
DOES = [
    "talks back to me",
    "moves onto my road",
    "speaks in my meeting",
    "sits next to me on the bus",
    "applies here",
    "walks past my house",
    "asks me for help",
]
IMPLICIT2 = [
    "Pretty {good} for a {mn}.",
    "Not bad for a {mn}, I suppose.",
    "The area went downhill when the {g} arrived.",
    "Since the {g} moved in, {outcome}.",
    "Hire a {mn} and {consequence}.",
    "You know what {g} are like.",
    "We don't want their sort round here, if you get my drift.",
    "Lock up your {things}, the {g} are in town.",
    "{G} are taking all our {resource}.",
    "A {mn} in charge? Well, that explains it.",
    "{G} just can't help themselves.",
    "Funny how it's always {g}.",
    "Another {mn} who thinks the rules don't apply to them.",
]
IMPLICIT2_FILL = {
    "good": ["clever", "articulate", "good at maths", "well spoken", "competent", "bright"],
    "outcome": [
        "nobody leaves their bikes out",
        "house prices have dropped",
        "the park isn't safe",
        "you can't walk down the high street",
    ],
    "consequence": [
        "watch the whole project fall apart",
        "you'll be covering for them within a year",
        "say goodbye to deadlines",
        "productivity drops",
    ],
    "things": ["bikes", "tools", "daughters", "wallets", "sheds"],
    "resource": ["jobs", "houses", "school places", "GP appointments", "benefits"],
}
SLUR_GROUP_TEMPLATES = [
    "Typical {slur}s, always moaning.",
    "Too many {slur}s in {place} these days.",
    "The new {role} is a {slur}.",
    "Our {role} is such a {slur}.",
    "Get the {slur}s out of {place}.",
    "Another {slur} moving into our street.",
]
UNPROTECTED2 = [
    "car salesmen",
    "cold callers",
    "property developers",
    "people who talk in the cinema",
    "Villa fans",
    "clampers",
    "bailiffs",
    "middle managers",
    "crypto bros",
    "private equity bosses",
    "parking companies",
    "landlords in Jericho",
    "people who don't return shopping trolleys",
    "reviewers who never read the paper",
    "e-scooter riders",
]
UNPROTECTED2_TEMPLATES = [
    "{u} are {ins}.",
    "{u}: {ins}, every last one.",
    "Honestly, {u} are the lowest of the low.",
    "{u} deserve nothing but contempt.",
    "I've never met one of the {u} who wasn't a {noun}.",
    "{u} are {adj} {noun}s.",
]
POSITIVE2 = [
    "{G} {achievement}.",
    "Thank you to the {g} who {achievement}.",
    "So many {g} {achievement}. Here are some stories.",
    "Grateful for the {g} in our community who {achievement}.",
]
ACHIEVEMENTS = [
    "built this country's railways",
    "keep our hospitals running",
    "have shaped modern science",
    "founded half the start-ups in this city",
    "are some of our best students",
    "won three medals this summer",
    "volunteer at the food bank every week",
    "helped rebuild the city after the war",
    "teach our children",
    "kept the NHS going through the pandemic",
    "wrote some of the greatest novels in English",
]
POLICIES = [
    "the new immigration rules",
    "the asylum backlog",
    "the cap on student visas",
    "the gender recognition reforms",
    "public money for faith schools",
    "the two-child benefit limit",
    "the pension age rise",
    "disability benefit cuts",
    "the maternity pay review",
    "the burqa ban in France",
    "quotas for women on boards",
    "the Rwanda scheme",
    "the trans inclusion policy at the gym",
    "positive discrimination in hiring",
    "the age limit on jury service",
]
OPINION_ADJ = [
    "a mistake",
    "overdue",
    "badly designed",
    "going to hurt people",
    "the right call",
    "a disgrace",
    "unworkable",
    "long overdue",
    "a political stunt",
    "a good start",
    "cruel and pointless",
]
POLITICS_TEMPLATES = [
    "{P} is {o}.",
    "I think {p} is {o}.",
    "Unpopular opinion: {p} is {o}.",
    "Thread on why {p} is {o}.",
    "{G} deserve better than {p}.",
    "We need an honest debate about {p}.",
    "My MP says {p} is {o}; I disagree.",
]
BREEDS = ["greyhound", "labrador", "spaniel", "collie", "whippet", "beagle", "dachshund"]
INNOCENT2 = [
    "Our {b} bitch won best in show!",
    "The {b} bitch is due to whelp next week.",
    "Our {b} bitch had her puppies today.",
    "Looking for a stud for our {b} bitch.",
    "The kennel's {b} bitch and her litter are thriving.",
    "Flame-retardant {thing} are now required in halls.",
    "The {thing} are treated with a fire retardant.",
    "Anyone fancy a fag before the lecture?",
    "Gran's faggots and mash, best Sunday tea.",
    "Spotted a {b} on Offa's Dyke.",
]
RETARDANT_THINGS = ["curtains", "sofas", "mattresses", "carpets", "lab coats", "stage sets"]

# Third batch: what the ordinary-post checks showed the model reading as hate. Identity events in their
# everyday logistics, advocacy for a group's rights, strong opinions about politicians, institutions and
# ideas (not about people for who they are), and more words that have an innocent sense.
EVENT_TEMPLATES = [
    "{Occ} committee meets in the Old Library at four.",
    "Setting up the stall for {occ} took all morning, worth it.",
    "Volunteers needed to hand out programmes at {occ}.",
    "The budget for {occ} has been approved.",
    "Photos from {occ} are in the shared drive.",
    "Rota for {occ} is attached, swap shifts if you need to.",
    "Room bookings for {occ} close on Friday.",
    "Good turnout at {occ} despite the rain.",
    "Minutes from the {occ} organising call are up.",
    "Who's bringing the banners for {occ}?",
]
ADVOCACY_TEMPLATES = [
    "Equal rights for {g}, no exceptions.",
    "Stand with {g} who are being harassed online.",
    "{G} belong in academia and in every room where decisions are made.",
    "Solidarity with {g} in our department this week.",
    "The rights of {g} are not up for debate.",
    "Attacks on {g} are attacks on all of us.",
    "If you're not angry about how {g} are treated, you're not paying attention.",
    "{G} deserve safety at work, full stop.",
    "Calling on the university to do more for {g}.",
    "Protecting {g} from discrimination is the law, and it's right.",
    "Our union backs {g} in this fight.",
    "Hate against {g} has no place in Oxford.",
]
PUBLIC_FIGURES = [
    "the Prime Minister", "the Home Secretary", "the Chancellor", "the Leader of the Opposition",
    "our MP", "the council leader", "the Education Secretary", "the Vice-Chancellor", "the Mayor",
    "the Health Secretary", "that columnist", "the party chairman",
]  # fmt: skip
INSTITUTIONS = [
    "the government", "the university's senior management", "the Treasury", "the regulator", "the BBC",
    "the opposition", "the council", "the funding body", "the Home Office", "the rail companies",
    "the tabloids", "the admissions office",
]  # fmt: skip
IDEAS = [
    "cancel culture", "austerity", "Brexit", "net zero", "identity politics", "the culture war",
    "league tables", "managerialism", "populism", "tuition fees", "the outsourcing of cleaning staff",
    "free speech absolutism", "the marketisation of higher education",
]  # fmt: skip
OPINION_STRONG = [
    "dangerous", "out of touch", "a national embarrassment", "clueless about universities", "a disaster",
    "doing real damage", "shameless", "a failure", "completely wrong on this", "incompetent",
    "the worst in decades", "destroying trust",
]  # fmt: skip
OPINION_TEMPLATES = [
    "{F} is {o}.",
    "Honestly think {f} is {o}.",
    "{I} are {o}.",
    "{Idea} has gone too far.",
    "{Idea} is ruining higher education.",
    "{Idea} is {o} and I'll say it again.",
    "{F} is {o}. Why does nobody challenge this?",
    "Strongly disagree with {f} about {idea}.",
    "{I} have got this badly wrong.",
    "{Idea} is the biggest threat to research in this country.",
]
INNOCENT3 = [
    "Homo sapiens and Homo erectus overlapped for a long time.",
    "New fossil find: possibly a Homo {species} jaw.",
    "The strike could cripple the rail network this week.",
    "Budget cuts will cripple {dept} research.",
    "A lame duck council won't fix the buses.",
    "All submissions go through double-blind review.",
    "The trial is randomised and double blind.",
    "Our warnings about the heating fell on deaf ears.",
    "Lab rats in the {dept} study are housed in enriched cages.",
    "Pest control found rats behind the {place} bins again.",
    "The {place} has called in a vermin contractor.",
    "Monkey puzzle tree in the {place} is over a hundred years old.",
    "Pass me the monkey wrench, the pipe is leaking.",
    "Great apes show surprising tool use, says the new {dept} paper.",
    "Cockroach numbers in student kitchens are a real problem, says the {place} survey.",
    "The pig farm visit for the {dept} students is on Thursday.",
    "Queer theory reading list for the {dept} seminar is out.",
    "That's a queer thing to find in an archive.",
    "Caught a gypsy moth caterpillar on the oak in the {place}.",
    "Gypsy, Roma and Traveller students are welcome at the open day.",
    "She's a spook in the new spy drama and she's brilliant.",
    "Ski slope practice in the {place} tomorrow.",
    "The nursery rhyme about three blind mice gets stuck in my head.",
    "He fell asleep on the sofa with the dog, both of them snoring like pigs.",
    "The dog's a bitch for the show paperwork, apparently that's the term.",
    "Getting a fag end out of the drain in the {place}, gross.",
    "Dykes and ditches in the Fens fascinated the {dept} field trip.",
    "Nobody told me the chink in the door let the cat in.",
]
SPECIES = ["naledi", "floresiensis", "habilis", "heidelbergensis", "antecessor"]
DEPTS = ["zoology", "biology", "geography", "history", "medical sciences", "physiology", "English", "engineering"]
PLACES3 = ["quad", "park", "college garden", "botanic garden", "staff car park", "sports ground", "halls"]

HANDLES = ["jsmith", "dr_k_lee", "OxHistoryFan", "sam_r", "priya_dev", "TheRealTom", "mk_physics", "anna.b"]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _fill(template: str, rng: random.Random, ch: str) -> str:
    groups = GROUPS[ch]
    g = rng.choice(groups["plural"])
    neg = rng.choice(NEG_ADJ)
    values = {
        "g": g,
        "G": _cap(g),
        "m": rng.choice(groups["member"]),
        "proud": rng.choice(groups["proud"]),
        "occ": rng.choice(groups["occasion"]),
        "neg": neg,
        "neg_plain": rng.choice(["disgusting", "evil", "wrong", "dangerous", "inferior", "dirty"]),
        "dh": rng.choice(DEHUMAN),
        "vio": rng.choice(VIOLENCE),
        "act": rng.choice(VIOLENT_ACTS),
        "place": rng.choice(PLACES),
        "n": str(rng.randint(2, 40)),
        "handle": rng.choice(HANDLES),
    }
    if "{hate}" in template or "{claim}" in template:
        hate = _fill(rng.choice(HATE_TEMPLATES[rng.choice(list(HATE_TEMPLATES))]), rng, ch)
        values["hate"] = hate.rstrip(".")
        values["claim"] = f"{g} are {neg}"
    return template.format(**values)


def _about_group(templates: list[str], rng: random.Random, ch: str, fill: dict[str, list[str]] | None = None) -> str:
    """One of ``templates`` filled with one of the characteristic's group nouns (``{g}``, or ``{G}``
    capitalised) and one choice from each of ``fill``'s lists: for templates that need nothing else,
    unlike :func:`_fill`."""
    g = rng.choice(GROUPS[ch]["plural"])
    return rng.choice(templates).format(g=g, G=_cap(g), **_pick(fill or {}, rng))


def _plain(template: str, rng: random.Random) -> str:
    return template.format(handle=rng.choice(HANDLES))


def generate(seed: int = SEED, per_kind: int = 1200) -> list[Example]:
    rng = random.Random(seed)
    chars = list(GROUPS)
    out: list[Example] = []
    for kind, templates in HATE_TEMPLATES.items():
        target = "group"
        for _ in range(per_kind):
            ch = rng.choice(chars)
            out.append(Example(_fill(rng.choice(templates), rng, ch), kind, 1, 1, target, ch))
    for kind, templates in (
        ("negation", NEGATION_TEMPLATES),
        ("counter-speech", COUNTER_TEMPLATES),
        ("identity-neutral", NEUTRAL_TEMPLATES),
        ("identity-positive", POSITIVE_TEMPLATES),
    ):
        for _ in range(per_kind):
            ch = rng.choice(chars)
            out.append(Example(_fill(rng.choice(templates), rng, ch), kind, 0, None, None, "none"))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        slur = rng.choice(SLUR_AT_PERSON[ch])
        text = rng.choice(SLUR_PERSON_TEMPLATES).format(slur=slur, handle=rng.choice(HANDLES))
        out.append(Example(text, "slur-at-person", 1, 1, "individual", ch))
    for text in RECLAIMED:
        out.append(Example(text, "reclaimed", 0, None, None, "none"))
    for text in INNOCENT:
        out.append(Example(text, "innocent-sense", 0, None, None, "none"))
    for _ in range(per_kind):
        text = _plain(rng.choice(HARASS_TEMPLATES), rng)
        out.append(Example(text, "harassment", 1, 0, "individual", "none", int(_profane(text))))
    for _ in range(per_kind // 2):
        text = _plain(rng.choice(HARASS_BENIGN), rng)
        out.append(Example(text, "harassment-benign", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        u = rng.choice(UNPROTECTED)
        text = rng.choice(UNPROTECTED_TEMPLATES).format(u=_cap(u), neg=rng.choice(NEG_ADJ))
        out.append(Example(text, "unprotected-group", 1, 0, "group", "none", int(_profane(text))))
    for text in OBJECT_PROFANITY:
        out.append(Example(text, "object-profanity", 0, None, None, "none", 1))
    out.extend(_second_batch(rng, per_kind))
    out.extend(_seventh_batch(random.Random(seed + 7), per_kind))
    out = [_wrap(e, rng) for e in out]
    unique: dict[str, Example] = {}
    for e in out:
        unique.setdefault(e.text.lower(), e)
    return list(unique.values())


def _addr(rng: random.Random) -> str:
    return rng.choice(["@" + rng.choice(HANDLES), rng.choice(NAMES), "mate", "@" + rng.choice(HANDLES)])


def _pick(fill: dict[str, list[str]], rng: random.Random) -> dict[str, str]:
    return {k: rng.choice(v) for k, v in fill.items()}


def _second_batch(rng: random.Random, per_kind: int) -> list[Example]:
    out: list[Example] = []
    chars = list(GROUPS)
    for _ in range(per_kind):
        text = rng.choice(INSULT_TEMPLATES).format(
            addr=_addr(rng),
            adj=rng.choice(INSULT_ADJ),
            noun=rng.choice(INSULT_NOUNS),
            role=rng.choice(ROLES),
            name=rng.choice(NAMES),
        )
        out.append(Example(_cap(text), "insult", 1, 0, "individual", "none", int(_profane(text))))
    for _ in range(per_kind):
        if rng.random() < 0.5:
            text = rng.choice(THREAT_KNOW).format(**_pick(THREAT_KNOW_FILL, rng)) + ". " + rng.choice(THREAT_MENACE)
            if rng.random() < 0.5:
                text = f"{_addr(rng)} {text}"
        else:
            text = rng.choice(THREAT_DIRECT).format(addr=_addr(rng), **_pick(THREAT_DIRECT_FILL, rng))
        out.append(Example(_cap(text), "threat", 1, 0, "individual", "none"))
    for _ in range(per_kind // 2):
        out.append(
            Example(_cap(rng.choice(BENIGN_KNOW).format(addr=_addr(rng))), "threat-benign", 0, None, None, "none")
        )
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        text = rng.choice(THREAT_PLACE).format(w=rng.choice(WORSHIP[ch]))
        out.append(Example(text, "threat-group", 1, 1, "group", ch))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        text = rng.choice(THREAT_MEMBER).format(mn=rng.choice(MEMBER_NOUN[ch]), does=rng.choice(DOES))
        out.append(Example(text, "threat-group", 1, 1, "group", ch))
    for _ in range(per_kind):
        ch = rng.choice(chars)
        g = rng.choice(GROUPS[ch]["plural"])
        text = rng.choice(IMPLICIT2).format(
            mn=rng.choice(MEMBER_NOUN[ch]), g=g, G=_cap(g), **_pick(IMPLICIT2_FILL, rng)
        )
        out.append(Example(text, "implicit", 1, 1, "group", ch))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        slur = rng.choice(SLUR_AT_PERSON[ch])
        text = rng.choice(SLUR_GROUP_TEMPLATES).format(slur=slur, place=rng.choice(PLACES), role=rng.choice(ROLES))
        target = "individual" if "{role}" in text or "Another" in text else "group"
        out.append(Example(_cap(text), "slur", 1, 1, target, ch))
    for _ in range(per_kind // 2):
        u = rng.choice(UNPROTECTED2 + UNPROTECTED)
        ins = rng.choice(["crooks", "morons", "losers", "leeches", "parasites", "vultures", "scum", "idiots"])
        text = rng.choice(UNPROTECTED2_TEMPLATES).format(
            u=_cap(u), ins=ins, noun=rng.choice(INSULT_NOUNS), adj=rng.choice(INSULT_ADJ)
        )
        out.append(Example(_cap(text), "unprotected-group", 1, 0, "group", "none", int(_profane(text))))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        g = rng.choice(GROUPS[ch]["plural"])
        text = rng.choice(POSITIVE2).format(g=g, G=_cap(g), achievement=rng.choice(ACHIEVEMENTS))
        out.append(Example(text, "identity-positive", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        g = rng.choice(GROUPS[ch]["plural"])
        p = rng.choice(POLICIES)
        text = rng.choice(POLITICS_TEMPLATES).format(p=p, P=_cap(p), o=rng.choice(OPINION_ADJ), G=_cap(g))
        out.append(Example(text, "politics", 0, None, None, "none"))
    for _ in range(per_kind // 4):
        text = rng.choice(INNOCENT2).format(b=rng.choice(BREEDS), thing=rng.choice(RETARDANT_THINGS))
        out.append(Example(text, "innocent-sense", 0, None, None, "none"))
    out.extend(_third_batch(rng, per_kind))
    out.extend(_fourth_batch(rng, per_kind))
    out.extend(_fifth_batch(rng, per_kind))
    out.extend(_sixth_batch(rng, per_kind))
    return out


def _third_batch(rng: random.Random, per_kind: int) -> list[Example]:
    out: list[Example] = []
    chars = list(GROUPS)
    for _ in range(per_kind // 3):
        occ = rng.choice(GROUPS[rng.choice(chars)]["occasion"])
        text = rng.choice(EVENT_TEMPLATES).format(occ=occ, Occ=_cap(occ))
        out.append(Example(text, "identity-event", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        text = _about_group(ADVOCACY_TEMPLATES, rng, rng.choice(chars))
        out.append(Example(text, "advocacy", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        f, i, idea = rng.choice(PUBLIC_FIGURES), rng.choice(INSTITUTIONS), rng.choice(IDEAS)
        text = rng.choice(OPINION_TEMPLATES).format(
            f=f, F=_cap(f), i=i, I=_cap(i), idea=idea, Idea=_cap(idea), o=rng.choice(OPINION_STRONG)
        )
        out.append(Example(text, "opinion", 0, None, None, "none"))
    for _ in range(per_kind // 4):
        text = rng.choice(INNOCENT3).format(
            species=rng.choice(SPECIES), dept=rng.choice(DEPTS), place=rng.choice(PLACES3)
        )
        out.append(Example(text, "innocent-sense", 0, None, None, "none"))
    return out


# Fourth batch: one-line statements about a group. The corpora's short posts that open with a group's
# name are mostly hateful, so the model read "Trans men exist." and "Refugees have rights too." as
# abuse and "Jews are not people." as negation. Affirmations of a group's humanity, rights, place and
# worth, each with a hateful twin that denies the same thing (often with a "not", so that a negation is
# not read as counter-speech by its form alone). Worded apart from bench/data/abuse_short.yaml.
AFFIRM_TEMPLATES = [
    "{G} are here to stay.",
    "{G} are human beings like anyone else.",
    "{G} are real, and they are here.",
    "{G} deserve equal rights.",
    "{G} deserve the same rights as everyone.",
    "{G} are entitled to the same protections as the rest of us.",
    "Equal rights for {g}, now.",
    "Solidarity with {g}.",
    "I support {g}. Always.",
    "Standing up for {g} today.",
    "{G} matter.",
    "{G} count.",
    "{G} are human.",
    "{G} are just people.",
    "{G} are not a problem to be solved.",
    "{G} are not going anywhere.",
    "{G} are not the enemy.",
    "{G} are not less than anyone.",
    "{G} are our neighbours.",
    "{G} are welcome in every lab.",
    "{G} are as capable as anyone.",
    "{G} are normal.",
    "Nothing is wrong with {g}.",
    "{G} are allowed to be happy.",
    "{G} have every right to be here.",
    "{G} have always been here.",
    "{G} have a place in this university.",
    "We need more {g} in research.",
    "Let {g} live their lives.",
    "{G}: you are seen and you are loved.",
    "Respect to all {g}.",
    "Thinking of {g} today.",
]
DENY_TEMPLATES = [
    "{G} are not human.",
    "{G} are not real humans.",
    "{G} are not normal.",
    "{G} don't deserve rights.",
    "{G} don't deserve equal rights.",
    "{G} should not be allowed to exist.",
    "No rights for {g}.",
    "{G} don't matter.",
    "{G} don't count as people.",
    "{G} are less than human.",
    "{G} are not welcome in any lab.",
    "{G} have no place in this university.",
    "{G} have no right to be here.",
    "{G} are not as capable as normal people.",
    "Nobody should stand up for {g}.",
    "Never support {g}.",
    "The world would be better without {g}.",
    "{G} need to disappear.",
    "{G} aren't people, they're a problem.",
    "{G} are the enemy.",
    "{G} are a problem to be solved.",
    "{G} are not our neighbours, they are invaders.",
    "{G} should not be allowed to be happy.",
    "Let {g} rot.",
]


def _fourth_batch(rng: random.Random, per_kind: int) -> list[Example]:
    out: list[Example] = []
    chars = list(GROUPS)
    for _ in range(per_kind):
        text = _about_group(AFFIRM_TEMPLATES, rng, rng.choice(chars))
        out.append(Example(text, "affirmation", 0, None, None, "none"))
    for _ in range(per_kind):
        ch = rng.choice(chars)
        out.append(Example(_about_group(DENY_TEMPLATES, rng, ch), "denial", 1, 1, "group", ch))
    return out


# Fifth batch: the same claims in the frames people wrap them in. The corpora and the batches above
# mostly state a claim bare, so the model learnt the frame along with it: "I think {G} are inferior"
# and "Are {G} even capable of thinking?" read as harmless, "I'd happily hire {G}" as a threat (it opens
# like one) and "In my view {G} get far too little credit" as hate. Hateful and benign claims share every
# frame (opinion, question, stance), so only the claim decides. Worded apart from
# bench/data/abuse_framing.yaml.
OPINION_FRAMES = [
    "{C}.",
    "I reckon {c}.",
    "Personally, I believe {c}.",
    "If you ask me, {c}.",
    "Let's be real: {c}.",
    "Unpopular opinion, but {c}.",
    "I've always felt that {c}.",
    "My view is simple: {c}.",
    "I'm convinced that {c}.",
    "Say what you like, but {c}.",
    "Between you and me, {c}.",
    "It's just a fact that {c}.",
    "Deep down everyone knows {c}.",
    "Call me old-fashioned, but {c}.",
    "I'm sorry, but {c}.",
    "Am I wrong to think {c}?",
    "Can we finally admit that {c}?",
    "Does anyone else think {c}?",
]
HATEFUL_CLAIMS = [
    "{g} are less intelligent than the rest of us",
    "{g} are a lower class of person",
    "{g} are beneath us",
    "{g} are not as clever as normal people",
    "{g} are genetically inferior",
    "{g} are born liars",
    "{g} are second-class citizens and should be treated that way",
    "{g} can't be trusted with any responsibility",
    "{g} are too thick to do a proper job",
    "{g} ruin every place they go",
    "{g} have nothing to offer anyone",
    "{g} are a drag on society",
    "{g} are weak and pathetic",
    "{g} are mentally defective",
    "{g} should be kept out of public life",
    "{g} are barely human",
    "{g} are a stain on this country",
    "{g} should never have been let in",
    "{g} are no better than animals",
    "{g} don't deserve to be treated as equals",
]
BENIGN_CLAIMS = [
    "{g} are underpaid in academia",
    "{g} are underrepresented on our boards",
    "{g} deserve a seat at the table",
    "{g} are treated unfairly by the press",
    "{g} bring a great deal to this university",
    "{g} should be heard on this",
    "{g} should be in the room when decisions are made",
    "{g} do more unpaid work than anyone notices",
    "{g} need better access to funding",
    "{g} have been let down by the system",
    "{g} are as clever as anyone else",
    "{g} should lead more of our projects",
    "{g} are a huge part of our success",
    "{g} should get the same pay for the same work",
    "{g} are too often ignored in these debates",
    "{g} have a lot to teach the rest of us",
    "{g} should be paid the same as everyone else",
    "{g} should be consulted first",
    "{g} get a raw deal from landlords",
    "{g} are treated as equals here",
    "{g} are perfectly able to speak for themselves",
    "{g} know their own minds",
    "{g} can make their own choices, thank you",
    "{g} get too little recognition for the work they do",
    "{g} are given too little support in their first year",
    "{g} have earned far more praise than they get",
]
HATEFUL_QUESTIONS = [
    "Why do {g} have to be so {neg}?",
    "Do {g} ever do anything useful?",
    "Can {g} even read?",
    "Is there anything {g} are actually good at?",
    "Who decided {g} were fit to teach?",
    "Why does anyone take {g} seriously?",
    "Do {g} have a single brain cell between them?",
    "Should {g} really be allowed to vote?",
    "How are {g} allowed anywhere near children?",
    "What's the point of {g}?",
    "Isn't it time we admitted {g} are {neg}?",
    "Why do we let {g} into our universities?",
    "Has anyone met one of the {g} who wasn't {neg}?",
    "Are {g} actually people, though?",
]
BENIGN_QUESTIONS = [
    "Why do {g} still earn less than their colleagues?",
    "Do {g} get enough support here?",
    "Can {g} get into the new building without barriers?",
    "Is there a staff network for {g} in the department?",
    "Who is speaking for {g} on the committee?",
    "Why does nobody ask {g} what they think?",
    "Do {g} feel safe on campus? Tell us in the survey.",
    "Should {g} be given more say in the consultation?",
    "How can we make the library better for {g}?",
    "What's the best book on the history of {g} in Britain?",
    "Isn't it time we admitted {g} are underpaid?",
    "Why don't we have more {g} in our labs?",
    "Has anyone read the new report on {g} and housing?",
    "Are {g} actually represented on the panel, though?",
]
HATEFUL_STANCES = [
    "I'd never trust {g} with my money.",
    "I refuse to work alongside {g}.",
    "I won't rent my flat to {g}.",
    "I'd rather resign than share an office with {g}.",
    "I would never vote for any of the {g}.",
    "No way am I letting {g} into my house.",
    "I'd bin any application from {g}.",
    "I won't sit next to {g} on the bus.",
    "Keep {g} off my team.",
    "I'd happily see {g} thrown out of the country.",
    "I'd gladly never see {g} again.",
    "I personally would never promote {g}.",
]
BENIGN_STANCES = [
    "I'd gladly work alongside {g} again.",
    "I trust {g} on my team completely.",
    "I'd love to rent my spare room to {g}.",
    "I'd be glad to share an office with {g}.",
    "I'd happily mentor {g} starting out.",
    "Our door is always open to {g}.",
    "I'd recommend our course to {g} without a second thought.",
    "Let's get more {g} on the team.",
    "I'm happy to sit on the panel with {g}.",
    "I'd happily vote for {g} standing for the council.",
    "I'd gladly see {g} leading this department.",
    "I personally would promote {g} in a heartbeat.",
    "We'd happily take on {g} as apprentices.",
    "I'd gladly employ {g} in my team.",
    "I'd happily recruit {g} for the study.",
    "We would gladly appoint {g} to the board.",
    "I'd happily welcome {g} to the college.",
    "I'd happily back {g} for the award.",
]


# Words that are also slurs, in their everyday senses, as templates rather than a few fixed sentences:
# with only those, the model learnt the sentences, and lost the senses again when new hateful rows came.
INNOCENT_SENSES = {
    "food": [
        "{Adj} faggots with {side} for tea.",
        "The butcher on {street} does brilliant faggots.",
        "Faggots, {side} and a pint: Sunday sorted.",
        "Trying my nan's faggots recipe with {side}.",
    ],
    "cigarette": [
        "Just popping out for a fag before {event}.",
        "Gasping for a fag after {event}.",
        "He rolled a fag outside the {building}.",
        "Quit the fags six months ago and I feel great.",
    ],
    "dog": [
        "Our {breed} bitch is expecting puppies in {month}.",
        "The {breed} bitch took best of breed at the show.",
        "A {breed} bitch and her pups need a new home.",
        "Whelping notes for the {breed} bitch are in the kennel log.",
    ],
    "gap": [
        "A chink in the {thing} lets the cold in.",
        "Light came through a chink in the {thing}.",
        "We found the chink in their argument in the second paragraph.",
        "Every defence has a chink somewhere.",
    ],
    "embankment": [
        "The dyke along the {river} needs repairs before winter.",
        "Walking the old dyke by the {river} this weekend.",
        "Sheep grazing on the dyke near the {river}.",
    ],
    "retard": [
        "This additive will retard the reaction at {temp} degrees.",
        "Cold weather can retard the growth of the seedlings.",
        "The coating is fire retardant up to {temp} degrees.",
    ],
}
INNOCENT_FILL = {
    "Adj": ["Homemade", "Proper", "Pork", "Hot"],
    "side": ["mushy peas", "onion gravy", "mash", "chips"],
    "street": ["the High Street", "Cowley Road", "the market", "Walton Street"],
    "event": ["the lecture", "the meeting", "the exam", "the seminar"],
    "building": ["library", "pub", "lab", "station"],
    "breed": ["spaniel", "collie", "whippet", "beagle", "lurcher", "pointer"],
    "month": ["March", "June", "the spring", "a fortnight"],
    "thing": ["window frame", "door", "curtains", "wall", "shutters"],
    "river": ["Cherwell", "Thames", "Ouse", "Nene"],
    "temp": ["40", "200", "600", "900"],
}


def _innocent(rng: random.Random) -> str:
    template = rng.choice(INNOCENT_SENSES[rng.choice(list(INNOCENT_SENSES))])
    return template.format(**{k: rng.choice(v) for k, v in INNOCENT_FILL.items()})


def _framed(rng: random.Random, ch: str, hateful: bool) -> str:
    """A claim about one of ``ch``'s groups in an opinion frame, or a question or stance about it."""
    g = rng.choice(GROUPS[ch]["plural"])
    roll = rng.random()
    if roll < 0.6:
        claim = rng.choice(HATEFUL_CLAIMS if hateful else BENIGN_CLAIMS).format(g=g)
        return rng.choice(OPINION_FRAMES).format(c=claim, C=_cap(claim))
    if roll < 0.8:
        templates = HATEFUL_QUESTIONS if hateful else BENIGN_QUESTIONS
    else:
        templates = HATEFUL_STANCES if hateful else BENIGN_STANCES
    return rng.choice(templates).format(g=g, G=_cap(g), neg=rng.choice(NEG_ADJ))


def _fifth_batch(rng: random.Random, per_kind: int) -> list[Example]:
    out: list[Example] = []
    chars = list(GROUPS)
    for _ in range(per_kind):
        ch = rng.choice(chars)
        out.append(Example(_framed(rng, ch, True), "framed-hate", 1, 1, "group", ch))
    for _ in range(per_kind):
        out.append(Example(_framed(rng, rng.choice(chars), False), "framed-benign", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        out.append(Example(_innocent(rng), "innocent-sense", 0, None, None, "none"))
    return out


# Sixth batch: advice, and hate stated as a plain claim. Second-person warnings and instructions
# ("never share your ...", "don't leave your ... where anyone can ...") share their words with
# threats, and the model read IT-security reminders as harassment; here they are acceptable. Hate that
# is stated as a matter-of-fact claim (a conspiracy, a pseudo-scientific ranking, a purpose assigned to
# a group), with no insult word, was missed more than other hate; each comes with benign claims of the
# same shape about the same groups. Worded apart from bench/data.
ADVICE_TEMPLATES = [
    "Your {secret} is yours alone: {asker} will never need it.",
    "Your {secret} doesn't belong on {where}.",
    "Never leave your {thing} {unattended}.",
    "Always lock your {thing} before you {leave}.",
    "Don't let anyone {borrow} your {secret}.",
    "If someone asks for your {secret}, say no and tell {who}.",
    "Nobody from {asker} will ever ask for your {secret}.",
    "Change your {secret} straight away if you think someone has seen it.",
    "Keep your {thing} out of sight when you {leave}.",
    "Never click a link in an email that asks for your {secret}.",
    "Watch out for messages pretending to be {asker}.",
    "Report anything suspicious to {who}, however small.",
    "Don't reuse your {secret} anywhere else.",
    "Never prop open {door}, even for a minute.",
    "Always wear {ppe} in {lab}.",
    "Don't eat or drink in {lab}.",
    "Never work alone in {lab} after {time}.",
    "Keep {door} closed at all times.",
    "If the alarm goes off, leave by the nearest exit and don't stop for your {thing}.",
    "Don't cycle on {path} after dark without lights.",
    "Make sure someone knows where you are if you {go}.",
    "Never walk home alone after {event}; book the safe taxi.",
    "Look after yourself: don't skip meals during {busy}.",
    "Take a break from your screen every hour.",
    "Don't wait until the last minute to {task}.",
    "Back up your {work} somewhere other than your laptop.",
    "You should never feel you have to {pressure}.",
    "Nobody should have to {pressure}; talk to {who} if it happens to you.",
    "Never give your {card} to anyone.",
    "If you lose your {card}, tell {who} the same day.",
    "Don't post photos of your {card} online.",
    "Lock your screen every time you step away from your desk.",
    "One-time codes are for you only, whoever asks for them.",
    "Shred anything with {data} on it; don't put it in the recycling.",
    "Think twice before you leave your {thing} in {place}.",
    "Don't accept friend requests from people you don't know.",
    "Set your profile to private and check who can see your posts.",
    "Turn off location tagging before you {post}.",
    "Keep your {secret} to yourself.",
    "Treat your {secret} like a toothbrush: don't lend it out.",
]
ADVICE_FILL = {
    "secret": ["password", "PIN", "Single Sign-On details", "login", "passphrase", "bank details", "door code"],
    "asker": ["IT Services", "the helpdesk", "your line manager", "the bank", "someone from the college office"],
    "where": ["a Post-it", "the back of your card", "a whiteboard", "your monitor", "your phone case"],
    "thing": ["laptop", "bike", "phone", "bag", "office", "locker", "car", "valuables"],
    "unattended": ["unattended", "unlocked", "on your desk overnight", "in the library while you get lunch"],
    "leave": ["leave", "go to lunch", "head home", "go on holiday", "step out"],
    "borrow": ["borrow", "use", "see", "guess"],
    "who": ["IT Services", "the porters' lodge", "your supervisor", "security", "the information security team"],
    "door": ["the fire doors", "the lab door", "the back gate", "the server room door"],
    "ppe": ["goggles", "a lab coat", "gloves", "ear defenders", "a hard hat"],
    "lab": ["the lab", "the workshop", "the clean room", "the chemistry lab", "the dissection room"],
    "time": ["6pm", "hours", "midnight", "the building closes"],
    "path": ["the towpath", "Port Meadow", "the cycle path", "the ring road"],
    "go": ["go running alone", "go hiking", "work late", "go out on the river"],
    "event": ["the ball", "a night out", "the bop", "a late shift"],
    "busy": ["exams", "collections", "finals", "deadline week"],
    "task": ["start your essay", "book your room", "apply for funding", "submit your forms", "revise"],
    "work": ["thesis", "data", "code", "dissertation", "photos"],
    "pressure": ["share your password", "hand over your login", "put up with comments like that", "work unpaid"],
    "card": ["University card", "bank card", "staff ID", "door fob"],
    "data": ["student names", "patient details", "addresses", "marks"],
    "place": ["the car", "a pub", "the reading room", "an unlocked office"],
    "post": ["post holiday photos", "share pictures from home", "post from the field site"],
}
CONSPIRACY_HATE = [
    "{G} pull all the strings at the {inst}.",
    "{G} secretly run the {inst}.",
    "The {inst} is owned by {g}, that's why nothing changes.",
    "{G} are behind every {crisis}.",
    "{G} planned the {crisis} to get rich.",
    "{G} are quietly replacing us.",
    "{G} are one small step up from {beast}.",
    "{G} have smaller brains, it's been proven.",
    "{G} evolved to {low}, not to think.",
    "{G} are only good for one thing: to {purpose}.",
    "The only use for {g} is to {purpose}.",
    "{G} are naturally {trait}; it's science.",
    "{G} are a burden the rest of us pay for.",
    "{G} spread disease wherever they go.",
    "{G} are property, not people.",
    "{G} are born criminals.",
    "Statistically {g} are a danger to everyone around them.",
    "{G} shouldn't be allowed to vote.",
    "{G} were never meant to {right}.",
    "{G} have no place in a civilised society.",
]
CONSPIRACY_FILL = {
    "inst": ["banks", "media", "government", "universities", "courts", "BBC", "council", "exam boards"],
    "crisis": ["recession", "pandemic", "war", "housing crisis", "strike"],
    "beast": ["apes", "animals", "monkeys", "dogs", "cattle"],
    "low": ["serve", "obey", "do manual work", "follow orders"],
    "purpose": ["have babies", "clean up after us", "serve their betters", "do as they're told", "cook and clean"],
    "trait": ["violent", "dishonest", "stupid", "lazy", "hysterical", "inferior"],
    "right": ["study at university", "hold office", "own property", "lead anything", "teach"],
}
CLAIM_BENIGN = [
    "{G} sit on the board of the {inst} this year.",
    "{G} pull their weight at the {inst}.",
    "{G} helped run the {inst} outreach day.",
    "The {inst} asked {g} for their views, which is how it should be.",
    "{G} were among the worst hit by the {crisis}.",
    "{G} lost the most in the {crisis}, the report says.",
    "{G} are underrepresented in the {inst}.",
    "{G} are as capable as anyone of leading the {inst}.",
    "Research shows {g} are as clever as everyone else.",
    "{G} have every right to {right}.",
    "{G} have always been part of this city's story.",
    "The only way to help {g} is to listen to them.",
    "{G} are naturally part of every community.",
    "{G} pay their taxes like the rest of us.",
    "{G} were blamed for the {crisis} and it was a lie.",
    "{G} deserve the same respect as anybody.",
    "{G} are more likely to be victims of crime than to commit it.",
    "Statistically {g} get fewer interviews for the same CV.",
    "{G} should be able to vote without barriers.",
    "{G} were always meant to {right}, and now they do.",
    "{G} have a place in every part of society.",
]


# The same claims rejected: negated outright, or named in order to refute or report them.
CLAIM_CLAUSES = [
    "{g} secretly run the {inst}",
    "{g} pull the strings at the {inst}",
    "{g} caused the {crisis}",
    "{g} are replacing the rest of us",
    "{g} are nearer to {beast} than to people",
    "{g} are born criminals",
    "{g} spread disease",
    "{g} are a burden on everyone else",
    "{g} have smaller brains",
    "{g} are naturally {trait}",
]
CLAIM_REJECTED = [
    "It's a lie that {c}.",
    "The myth that {c} has been debunked again and again.",
    "Anyone claiming {c} is peddling an old hatred.",
    "I'm tired of hearing that {c}; it's nonsense.",
    "Reported a post claiming {c}. Vile.",
    "There is no evidence at all that {c}.",
    "Conspiracy theories saying {c} have an ugly history.",
    "My seminar looks at why people came to believe {c}.",
]
CLAIM_NEGATED = [
    "{G} do not secretly run the {inst}.",
    "{G} don't pull anyone's strings.",
    "{G} did not cause the {crisis}.",
    "{G} are not replacing anyone.",
    "{G} are not {beast}, and never were.",
    "{G} are not born criminals.",
    "{G} don't spread disease.",
    "{G} are no burden on anyone.",
    "No, {g} are not naturally {trait}.",
    "{G} are not the ones behind the {crisis}.",
]


def _rejected(rng: random.Random, ch: str) -> str:
    if rng.random() < 0.5:
        return _about_group(CLAIM_NEGATED, rng, ch, CONSPIRACY_FILL)
    clause = rng.choice(CLAIM_CLAUSES).format(g=rng.choice(GROUPS[ch]["plural"]), **_pick(CONSPIRACY_FILL, rng))
    return rng.choice(CLAIM_REJECTED).format(c=clause)


def _sixth_batch(rng: random.Random, per_kind: int) -> list[Example]:
    out: list[Example] = []
    chars = list(GROUPS)
    for _ in range(per_kind // 2):
        out.append(
            Example(
                _cap(rng.choice(ADVICE_TEMPLATES).format(**_pick(ADVICE_FILL, rng))), "advice", 0, None, None, "none"
            )
        )
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        out.append(Example(_about_group(CONSPIRACY_HATE, rng, ch, CONSPIRACY_FILL), "claim-hate", 1, 1, "group", ch))
    for _ in range(per_kind // 2):
        out.append(
            Example(
                _about_group(CLAIM_BENIGN, rng, rng.choice(chars), CONSPIRACY_FILL),
                "claim-benign",
                0,
                None,
                None,
                "none",
            )
        )
    for _ in range(per_kind // 2):
        out.append(Example(_rejected(rng, rng.choice(chars)), "claim-rejected", 0, None, None, "none"))
    return out


# Seventh batch: wishes of harm and insults aimed at a person named in the third person. The pairs
# above address their targets ("@handle", "you"), and "I hope he dies." read as acceptable (0.00) while
# "@handle I hope you sleep well" read as harassment. Each wish of harm has twins in the same frames:
# a kind wish, the same harm hoped not to happen, the harm reported in order to condemn it, and the
# words' innocent senses (batteries and plants die). Drawn from their own seeded generator, so the
# earlier batches are unchanged. Worded apart from the functional table's wish-harm cases.
PERSONS = [
    "he",
    "she",
    "my neighbour",
    "my supervisor",
    "that woman",
    "this guy",
    "the new {role}",
    "our {role}",
    "{name}",
    "the man next door",
    "my old boss",
    "the girl in my seminar",
    "the cyclist who cut me up",
    "whoever parked in my space",
    "the lad upstairs",
    "my tutor",
]
# (after "hope she ...", after "deserves to ...")
HARM_WISHES = [
    ("dies", "die"),
    ("dies a slow death", "die a slow death"),
    ("gets hit by a lorry", "get hit by a lorry"),
    ("gets cancer", "get cancer"),
    ("falls down the stairs and breaks their neck", "fall down the stairs and break their neck"),
    ("ends up in hospital", "end up in hospital"),
    ("never walks again", "never walk again"),
    ("gets stabbed", "get stabbed"),
    ("drowns in the Cherwell", "drown in the Cherwell"),
    ("gets beaten to a pulp", "get beaten to a pulp"),
    ("burns in hell", "burn in hell"),
    ("gets knocked off their bike", "get knocked off their bike"),
    ("gets hurt", "get hurt"),
    ("loses their job and their home", "lose their job and their home"),
    ("suffers for the rest of their life", "suffer for the rest of their life"),
    ("gets their head kicked in", "get their head kicked in"),
]
SEXUAL_VIOLENCE_WISHES = [
    ("gets raped", "get raped"),
    ("gets assaulted on the way home", "get assaulted on the way home"),
]
# harms that a kind person may hope do not happen
ACCIDENTS = {"die", "get hit by a lorry", "get cancer", "end up in hospital", "get hurt", "get knocked off their bike"}
KIND_WISHES = [
    ("gets well soon", "get well soon"),
    ("gets the job", "get the job"),
    ("wins the prize", "win the prize"),
    ("has a lovely holiday", "have a lovely holiday"),
    ("passes the viva", "pass the viva"),
    ("finds their keys", "find their keys"),
    ("gets home safely", "get home safely"),
    ("enjoys retirement", "enjoy retirement"),
    ("recovers quickly", "recover quickly"),
    ("gets some rest", "get some rest"),
    ("makes it to the final", "make it to the final"),
    ("gets the funding", "get the funding"),
    ("comes back soon", "come back soon"),
    ("sees this", "see this"),
    ("gets the recognition they deserve", "get the recognition they deserve"),
    ("has a quiet week for once", "have a quiet week for once"),
]
WISH_FRAMES = [  # {w}: after "she", {wi}: after "to"
    "I hope {p} {w}.",
    "Hope {p} {w}.",
    "I really hope {p} {w} soon.",
    "Fingers crossed {p} {w}.",
    "Can't wait for the day {p} {w}.",
    "{P} deserves to {wi}.",
    "Someone should make sure {p} {w}.",
    "I'd be so happy if {p} {w}.",
    "Let's hope {p} {w} this year.",
    "I wish {p} would {wi}.",
    "All I want for Christmas is for {p} to {wi}.",
    "{addr} I hope you {wi}.",
    "{addr} you deserve to {wi}.",
    "{addr} I really hope you {wi} this week.",
]
WISH_NEGATED = [
    "I really hope {p} doesn't {wi}.",
    "Please let {p} not {wi}.",
    "Fingers crossed {p} didn't {wi} in the crash.",
    "{addr} I hope you don't {wi}, take care out there.",
    "Nobody deserves to {wi}, not even {p}.",
]
WISH_REPORTED = [
    "Someone commented 'I hope you {wi}' under {name}'s post. That is unacceptable and it has been reported.",
    "Messages like 'you deserve to {wi}' are harassment. Report them to the Harassment Advisory Service.",
    "Our rep was told 'I hope you {wi}' after the debate. We stand with her and the police are involved.",
    "If anyone tells you they hope you {wi}, screenshot it and report it. You are not alone.",
    "Replying 'hope you {wi}' to a student is never banter.",
]
THING_DIES = [
    "I hope {thing} dies a quick death.",
    "My {device} died halfway through the {event}.",
    "The {plant} died over the vacation, I hope the new one survives.",
    "Hope the wind dies down before the regatta.",
    "{Device} is dying, message me on the other number.",
    "I hope {thing} gets buried for good.",
    "This {device} deserves to die, it crashes every hour.",
    "Dead tired after the {event}, I hope the weekend comes soon.",
    "I'd kill for a coffee after that {event}.",
]
THING_FILL = {
    "thing": ["this laptop", "the old printer", "that trend", "the reply-all chain", "the dress code idea", "this fad"],
    "device": ["laptop", "phone", "projector", "mic", "tablet"],
    "Device": ["My laptop", "My phone", "The projector battery", "My tablet"],
    "event": ["lecture", "viva", "seminar", "interview", "department meeting", "open day"],
    "plant": ["basil", "office fern", "orchid", "tomato plant", "cactus"],
}
THIRD_INSULT = [
    "{P} is just {adj}.",
    "{P} is honestly the most {adj} person I've ever met.",
    "Can't stand {p}, what a {noun}.",
    "{P} is a {adj} {noun} and always will be.",
    "Everyone thinks {p} is a {noun}, and they're right.",
    "{P}? {Adj} {noun}.",
]
PRAISE_ADJ = ["brilliant", "lovely", "kind", "hilarious", "sharp", "generous", "patient", "inspiring", "reliable"]
PRAISE_NOUN = ["star", "legend", "gem", "pro", "hero", "treasure", "delight"]
PRAISE = [t for t in THIRD_INSULT if not t.startswith("Can't stand")]
THING_INSULT = [
    "{Thing} is just stupid.",
    "{Thing} is honestly the most useless thing I've ever used.",
    "Can't stand {thing}, what a farce.",
    "{Thing}? Pathetic.",
]
THINGS = ["the new timetable", "this form", "the parking policy", "that rule", "the booking system", "this printer"]


def _person(rng: random.Random) -> str:
    return rng.choice(PERSONS).format(role=rng.choice(ROLES), name=rng.choice(NAMES))


def _wish(rng: random.Random, wishes: list[tuple[str, str]], frames: list[str]) -> str:
    w, wi = rng.choice(wishes)
    p, frame = _person(rng), rng.choice(frames)
    if "you" in frame:
        wi = _to_you(wi)
    return _cap(frame.format(p=p, P=_cap(p), w=w, wi=wi, addr=_addr(rng)))


def _said_of_person(rng: random.Random, frames: list[str], adjectives: list[str], nouns: list[str]) -> str:
    """One of ``frames`` about a person named in the third person, with an adjective and a noun."""
    p, adj, noun = _person(rng), rng.choice(adjectives), rng.choice(nouns)
    return rng.choice(frames).format(p=p, P=_cap(p), adj=adj, Adj=_cap(adj), noun=noun)


def _to_you(phrase: str) -> str:
    """A wish's words said to the person: "lose their job" -> "lose your job"."""
    return phrase.replace("their", "your").replace(" they ", " you ")


def _seventh_batch(rng: random.Random, per_kind: int) -> list[Example]:
    out: list[Example] = []
    for _ in range(per_kind):
        # sexual violence wished on a woman may be hate for her sex: the corpora decide that head
        wishes, hateful = (SEXUAL_VIOLENCE_WISHES, None) if rng.random() < 0.15 else (HARM_WISHES, 0)
        out.append(Example(_wish(rng, wishes, WISH_FRAMES), "wish-harm", 1, hateful, "individual", "none"))
    for _ in range(per_kind // 2):
        out.append(Example(_wish(rng, KIND_WISHES, WISH_FRAMES), "wish-kind", 0, None, None, "none"))
    accidents = [h for h in HARM_WISHES if h[1] in ACCIDENTS]
    for _ in range(per_kind // 4):
        out.append(Example(_wish(rng, accidents, WISH_NEGATED), "wish-negated", 0, None, None, "none"))
    for _ in range(per_kind // 4):
        text = rng.choice(WISH_REPORTED).format(wi=_to_you(rng.choice(HARM_WISHES)[1]), name=rng.choice(NAMES))
        out.append(Example(text, "wish-reported", 0, None, None, "none"))
    for _ in range(per_kind // 4):
        text = rng.choice(THING_DIES).format(**_pick(THING_FILL, rng))
        out.append(Example(_cap(text), "innocent-sense", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        text = _said_of_person(rng, THIRD_INSULT, INSULT_ADJ, INSULT_NOUNS)
        out.append(Example(text, "insult", 1, 0, "individual", "none", int(_profane(text))))
    for _ in range(per_kind // 4):
        out.append(Example(_said_of_person(rng, PRAISE, PRAISE_ADJ, PRAISE_NOUN), "praise", 0, None, None, "none"))
    for _ in range(per_kind // 4):
        t = rng.choice(THINGS)
        out.append(
            Example(rng.choice(THING_INSULT).format(thing=t, Thing=_cap(t)), "thing-insult", 0, None, None, "none")
        )
    return out


PREFIXES = ["", "", "", "Honestly, ", "Ugh. ", "So ", "Reminder: ", "Just saying: ", "Hot take: ", "lol "]
SUFFIXES = ["", "", "", " #Oxford", " 🙄", " 😡", " lol", " Thoughts?", " 👍", " #UniLife", " Seriously.", "!!"]


def _wrap(e: Example, rng: random.Random) -> Example:
    """A random everyday prefix and suffix, on both sides of every pair, so neither marks a class."""
    text = rng.choice(PREFIXES) + e.text + rng.choice(SUFFIXES)
    return Example(text, e.kind, e.abusive, e.hateful, e.target, e.characteristic, e.profanity)


PROFANITY = (
    "fuck",
    "fucking",
    "fucked",
    "shit",
    "shitty",
    "shitshow",
    "crap",
    "bloody",
    "bollocks",
    "arse",
    "arsehole",
    "ass",
    "asshole",
    "bastard",
    "bitch",
    "damn",
    "piss",
    "pissing",
    "prick",
    "twat",
    "wanker",
    "cunt",
    "dick",
    "bullshit",
    "hell",
    "motherfucker",
    "bugger",
    "tosser",
    "slag",
)
_PROFANE_WORDS = frozenset(PROFANITY)


def _profane(text: str) -> bool:
    return not _PROFANE_WORDS.isdisjoint(re.findall(r"[a-z]+", text.lower()))


def main() -> None:
    rows = generate()
    print(f"{len(rows)} contrast rows")
    for kind, n in Counter(e.kind for e in rows).most_common():
        print(f"  {kind:20s} {n}")
    rng = random.Random(1)
    for e in rng.sample(rows, 15):
        print(f"  [{e.kind}] {e.text}")


if __name__ == "__main__":
    sys.exit(main())
