"""Contrast data the project writes for the abuse classifier (issue 4), as seeded templates.

    python training/contrast.py            # prints how many rows each kind gives, and a sample

The public corpora teach "identity word near insult = abuse". These pairs teach the difference a
minimal edit makes: each abusive statement comes with non-abusive twins that keep its identity terms
and most of its words. Kinds (``Example.kind``):

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

Everything here is the project's own wording. The words and sentence templates are data, in
``training/contrast.yaml`` (one commented list per constant below, in the order drawn from); this module
holds how they are combined: which lists fill which templates, how many rows each kind gets, the
labels, and the seeded draws. The functional test table in ``bench/data/abuse_functional.yaml`` was
written separately, in other words, and is never read here.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SEED = 20261124
DATA_FILE = Path(__file__).with_name("contrast.yaml")


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    kind: str
    abusive: int
    hateful: int | None
    target: str | None
    characteristic: str | None
    profanity: int = 0


# --- the words and templates (training/contrast.yaml: each key is the constant's name in lower case) --

_DATA: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text("utf-8"))


def _pairs(key: str) -> list[tuple[str, str]]:
    """A list of two-form phrases (after "hope she ...", after "deserves to ...")."""
    return [(a, b) for a, b in _DATA[key]]


# shared vocabulary
GROUPS: dict[str, dict[str, list[str]]] = _DATA["groups"]
NEG_ADJ: list[str] = _DATA["neg_adj"]
DEHUMAN: list[str] = _DATA["dehuman"]
VIOLENCE: list[str] = _DATA["violence"]
VIOLENT_ACTS: list[str] = _DATA["violent_acts"]
PLACES: list[str] = _DATA["places"]
HANDLES: list[str] = _DATA["handles"]
NAMES: list[str] = _DATA["names"]
ROLES: list[str] = _DATA["roles"]
INSULT_NOUNS: list[str] = _DATA["insult_nouns"]
INSULT_ADJ: list[str] = _DATA["insult_adj"]
# hate about a group, and its twins
HATE_TEMPLATES: dict[str, list[str]] = _DATA["hate_templates"]
NEGATION_TEMPLATES: list[str] = _DATA["negation_templates"]
NEG_PLAIN: list[str] = _DATA["neg_plain"]
COUNTER_TEMPLATES: list[str] = _DATA["counter_templates"]
NEUTRAL_TEMPLATES: list[str] = _DATA["neutral_templates"]
POSITIVE_TEMPLATES: list[str] = _DATA["positive_templates"]
# slurs at a person, harassment, unprotected groups, swearing at things
SLUR_AT_PERSON: dict[str, list[str]] = _DATA["slur_at_person"]
SLUR_PERSON_TEMPLATES: list[str] = _DATA["slur_person_templates"]
RECLAIMED: list[str] = _DATA["reclaimed"]
INNOCENT_SENTENCES: list[str] = _DATA["innocent_sentences"]
HARASS_TEMPLATES: list[str] = _DATA["harass_templates"]
HARASS_BENIGN: list[str] = _DATA["harass_benign"]
UNPROTECTED: list[str] = _DATA["unprotected"]
UNPROTECTED_TEMPLATES: list[str] = _DATA["unprotected_templates"]
OBJECT_PROFANITY: list[str] = _DATA["object_profanity"]
# insults and threats at a person, threats and stereotypes about a group
INSULT_TEMPLATES: list[str] = _DATA["insult_templates"]
THREAT_KNOW: list[str] = _DATA["threat_know"]
THREAT_KNOW_FILL: dict[str, list[str]] = _DATA["threat_know_fill"]
THREAT_MENACE: list[str] = _DATA["threat_menace"]
THREAT_DIRECT: list[str] = _DATA["threat_direct"]
THREAT_DIRECT_FILL: dict[str, list[str]] = _DATA["threat_direct_fill"]
BENIGN_KNOW: list[str] = _DATA["benign_know"]
WORSHIP: dict[str, list[str]] = _DATA["worship"]
THREAT_PLACE: list[str] = _DATA["threat_place"]
THREAT_MEMBER: list[str] = _DATA["threat_member"]
MEMBER_NOUN: dict[str, list[str]] = _DATA["member_noun"]
DOES: list[str] = _DATA["does"]
STEREOTYPE_TEMPLATES: list[str] = _DATA["stereotype_templates"]
STEREOTYPE_FILL: dict[str, list[str]] = _DATA["stereotype_fill"]
SLUR_GROUP_TEMPLATES: list[str] = _DATA["slur_group_templates"]
UNPROTECTED_NAME_CALLED: list[str] = _DATA["unprotected_name_called"]
UNPROTECTED_NAME_CALLING: list[str] = _DATA["unprotected_name_calling"]
UNPROTECTED_INSULT_NOUNS: list[str] = _DATA["unprotected_insult_nouns"]
ACHIEVEMENT_TEMPLATES: list[str] = _DATA["achievement_templates"]
ACHIEVEMENTS: list[str] = _DATA["achievements"]
POLICIES: list[str] = _DATA["policies"]
OPINION_ADJ: list[str] = _DATA["opinion_adj"]
POLITICS_TEMPLATES: list[str] = _DATA["politics_templates"]
BREEDS: list[str] = _DATA["breeds"]
INNOCENT_DOGS_AND_RETARDANTS: list[str] = _DATA["innocent_dogs_and_retardants"]
RETARDANT_THINGS: list[str] = _DATA["retardant_things"]
# identity events, advocacy and opinions
EVENT_TEMPLATES: list[str] = _DATA["event_templates"]
ADVOCACY_TEMPLATES: list[str] = _DATA["advocacy_templates"]
PUBLIC_FIGURES: list[str] = _DATA["public_figures"]
INSTITUTIONS: list[str] = _DATA["institutions"]
IDEAS: list[str] = _DATA["ideas"]
OPINION_STRONG: list[str] = _DATA["opinion_strong"]
OPINION_TEMPLATES: list[str] = _DATA["opinion_templates"]
INNOCENT_SCIENCE_AND_IDIOM: list[str] = _DATA["innocent_science_and_idiom"]
SPECIES: list[str] = _DATA["species"]
DEPTS: list[str] = _DATA["depts"]
CAMPUS_PLACES: list[str] = _DATA["campus_places"]
# affirmations of a group, and hateful denials
AFFIRM_TEMPLATES: list[str] = _DATA["affirm_templates"]
DENY_TEMPLATES: list[str] = _DATA["deny_templates"]
# claims about a group in opinion frames, questions and stances
OPINION_FRAMES: list[str] = _DATA["opinion_frames"]
HATEFUL_CLAIMS: list[str] = _DATA["hateful_claims"]
BENIGN_CLAIMS: list[str] = _DATA["benign_claims"]
HATEFUL_QUESTIONS: list[str] = _DATA["hateful_questions"]
BENIGN_QUESTIONS: list[str] = _DATA["benign_questions"]
HATEFUL_STANCES: list[str] = _DATA["hateful_stances"]
BENIGN_STANCES: list[str] = _DATA["benign_stances"]
INNOCENT_SENSES: dict[str, list[str]] = _DATA["innocent_senses"]
INNOCENT_FILL: dict[str, list[str]] = _DATA["innocent_fill"]
# advice, and hate stated as a plain claim
ADVICE_TEMPLATES: list[str] = _DATA["advice_templates"]
ADVICE_FILL: dict[str, list[str]] = _DATA["advice_fill"]
CONSPIRACY_HATE: list[str] = _DATA["conspiracy_hate"]
CONSPIRACY_FILL: dict[str, list[str]] = _DATA["conspiracy_fill"]
CLAIM_BENIGN: list[str] = _DATA["claim_benign"]
CLAIM_CLAUSES: list[str] = _DATA["claim_clauses"]
CLAIM_REJECTED: list[str] = _DATA["claim_rejected"]
CLAIM_NEGATED: list[str] = _DATA["claim_negated"]
# wishes of harm, and insults at a person in the third person
PERSONS: list[str] = _DATA["persons"]
HARM_WISHES = _pairs("harm_wishes")
SEXUAL_VIOLENCE_WISHES = _pairs("sexual_violence_wishes")
ACCIDENTS: set[str] = set(_DATA["accidents"])
KIND_WISHES = _pairs("kind_wishes")
WISH_FRAMES: list[str] = _DATA["wish_frames"]
WISH_NEGATED: list[str] = _DATA["wish_negated"]
WISH_REPORTED: list[str] = _DATA["wish_reported"]
THING_DIES: list[str] = _DATA["thing_dies"]
THING_FILL: dict[str, list[str]] = _DATA["thing_fill"]
THIRD_INSULT: list[str] = _DATA["third_insult"]
PRAISE_ADJ: list[str] = _DATA["praise_adj"]
PRAISE_NOUN: list[str] = _DATA["praise_noun"]
PRAISE = [t for t in THIRD_INSULT if not t.startswith("Can't stand")]
THING_INSULT: list[str] = _DATA["thing_insult"]
THINGS: list[str] = _DATA["things"]
# wrapping and profanity
PREFIXES: list[str] = _DATA["prefixes"]
SUFFIXES: list[str] = _DATA["suffixes"]
PROFANITY: tuple[str, ...] = tuple(_DATA["profanity"])
_PROFANE_WORDS = frozenset(PROFANITY)


# --- filling templates ------------------------------------------------------------------------------


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
        "neg_plain": rng.choice(NEG_PLAIN),
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


def _addr(rng: random.Random) -> str:
    return rng.choice(["@" + rng.choice(HANDLES), rng.choice(NAMES), "mate", "@" + rng.choice(HANDLES)])


def _pick(fill: dict[str, list[str]], rng: random.Random) -> dict[str, str]:
    return {k: rng.choice(v) for k, v in fill.items()}


# --- the kinds ------------------------------------------------------------------------------------


def generate(seed: int = SEED, per_kind: int = 1200) -> list[Example]:
    """Every kind's rows, seeded: about ``per_kind`` rows for most templated kinds (a half or a quarter
    for some), the hand-written sentences once each. Every row gets an everyday prefix and suffix, and
    texts that repeat (in any case) are kept once, the first time they come."""
    rng = random.Random(seed)
    out: list[Example] = []
    for kinds in (
        _group_hate_and_twins,
        _slurs_harassment_and_swearing,
        _insults_threats_and_stereotypes,
        _events_advocacy_and_opinions,
        _affirmations_and_denials,
        _framed_claims,
        _advice_and_plain_claims,
    ):
        out.extend(kinds(rng, per_kind))
    # drawn from their own seeded generator, so that adding them left the rows above unchanged
    out.extend(_wishes_and_third_person_insults(random.Random(seed + 7), per_kind))
    out = [_wrap(e, rng) for e in out]
    unique: dict[str, Example] = {}
    for e in out:
        unique.setdefault(e.text.lower(), e)
    return list(unique.values())


def _group_hate_and_twins(rng: random.Random, per_kind: int) -> list[Example]:
    """Hate about a group (derogation, dehumanising, threat-group, implicit) and its twins that keep the
    identity terms (negation, counter-speech, identity-neutral, identity-positive)."""
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
    return out


def _slurs_harassment_and_swearing(rng: random.Random, per_kind: int) -> list[Example]:
    """Slurs at a person (slur-at-person) with reclaimed and innocent-sense twins; harassment with its
    benign twins (harassment-benign); insults at groups the Act does not protect (unprotected-group);
    and swearing at things (object-profanity)."""
    chars = list(GROUPS)
    out: list[Example] = []
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        slur = rng.choice(SLUR_AT_PERSON[ch])
        text = rng.choice(SLUR_PERSON_TEMPLATES).format(slur=slur, handle=rng.choice(HANDLES))
        out.append(Example(text, "slur-at-person", 1, 1, "individual", ch))
    for text in RECLAIMED:
        out.append(Example(text, "reclaimed", 0, None, None, "none"))
    for text in INNOCENT_SENTENCES:
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
    return out


def _insults_threats_and_stereotypes(rng: random.Random, per_kind: int) -> list[Example]:
    """Insults and threats at a person (insult, threat) with benign twins in the same words
    (threat-benign); threats against a group's places and members (threat-group); stereotypes
    (implicit); slurs at a group or a person by role (slur); name-calling at unprotected groups; a
    group's achievements (identity-positive); opinions on policies that concern a group (politics); and
    innocent senses (dog breeding, fire retardants)."""
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
        text = rng.choice(STEREOTYPE_TEMPLATES).format(
            mn=rng.choice(MEMBER_NOUN[ch]), g=g, G=_cap(g), **_pick(STEREOTYPE_FILL, rng)
        )
        out.append(Example(text, "implicit", 1, 1, "group", ch))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        slur = rng.choice(SLUR_AT_PERSON[ch])
        text = rng.choice(SLUR_GROUP_TEMPLATES).format(slur=slur, place=rng.choice(PLACES), role=rng.choice(ROLES))
        target = "individual" if "{role}" in text or "Another" in text else "group"
        out.append(Example(_cap(text), "slur", 1, 1, target, ch))
    for _ in range(per_kind // 2):
        u = rng.choice(UNPROTECTED_NAME_CALLED + UNPROTECTED)
        ins = rng.choice(UNPROTECTED_INSULT_NOUNS)
        text = rng.choice(UNPROTECTED_NAME_CALLING).format(
            u=_cap(u), ins=ins, noun=rng.choice(INSULT_NOUNS), adj=rng.choice(INSULT_ADJ)
        )
        out.append(Example(_cap(text), "unprotected-group", 1, 0, "group", "none", int(_profane(text))))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        g = rng.choice(GROUPS[ch]["plural"])
        text = rng.choice(ACHIEVEMENT_TEMPLATES).format(g=g, G=_cap(g), achievement=rng.choice(ACHIEVEMENTS))
        out.append(Example(text, "identity-positive", 0, None, None, "none"))
    for _ in range(per_kind // 2):
        ch = rng.choice(chars)
        g = rng.choice(GROUPS[ch]["plural"])
        p = rng.choice(POLICIES)
        text = rng.choice(POLITICS_TEMPLATES).format(p=p, P=_cap(p), o=rng.choice(OPINION_ADJ), G=_cap(g))
        out.append(Example(text, "politics", 0, None, None, "none"))
    for _ in range(per_kind // 4):
        text = rng.choice(INNOCENT_DOGS_AND_RETARDANTS).format(b=rng.choice(BREEDS), thing=rng.choice(RETARDANT_THINGS))
        out.append(Example(text, "innocent-sense", 0, None, None, "none"))
    return out


def _events_advocacy_and_opinions(rng: random.Random, per_kind: int) -> list[Example]:
    """The everyday logistics of identity events (identity-event), advocacy for a group's rights
    (advocacy), strong opinions about politicians, institutions and ideas (opinion), and innocent senses
    in science and idiom (innocent-sense): all acceptable."""
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
        text = rng.choice(INNOCENT_SCIENCE_AND_IDIOM).format(
            species=rng.choice(SPECIES), dept=rng.choice(DEPTS), place=rng.choice(CAMPUS_PLACES)
        )
        out.append(Example(text, "innocent-sense", 0, None, None, "none"))
    return out


def _affirmations_and_denials(rng: random.Random, per_kind: int) -> list[Example]:
    """One-line affirmations of a group's humanity, rights, place and worth (affirmation), and hateful
    twins that deny the same (denial)."""
    out: list[Example] = []
    chars = list(GROUPS)
    for _ in range(per_kind):
        text = _about_group(AFFIRM_TEMPLATES, rng, rng.choice(chars))
        out.append(Example(text, "affirmation", 0, None, None, "none"))
    for _ in range(per_kind):
        ch = rng.choice(chars)
        out.append(Example(_about_group(DENY_TEMPLATES, rng, ch), "denial", 1, 1, "group", ch))
    return out


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


def _framed_claims(rng: random.Random, per_kind: int) -> list[Example]:
    """Hateful and benign claims about a group in the same opinion frames, questions and stances
    (framed-hate, framed-benign), and templated innocent senses of slur words (innocent-sense)."""
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


def _rejected(rng: random.Random, ch: str) -> str:
    if rng.random() < 0.5:
        return _about_group(CLAIM_NEGATED, rng, ch, CONSPIRACY_FILL)
    clause = rng.choice(CLAIM_CLAUSES).format(g=rng.choice(GROUPS[ch]["plural"]), **_pick(CONSPIRACY_FILL, rng))
    return rng.choice(CLAIM_REJECTED).format(c=clause)


def _advice_and_plain_claims(rng: random.Random, per_kind: int) -> list[Example]:
    """Second-person advice whose words overlap threats (advice); hate stated as a plain claim with no
    insult word (claim-hate); benign claims of the same shape (claim-benign); and the hateful claims
    negated, or named in order to refute or report them (claim-rejected)."""
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


def _wishes_and_third_person_insults(rng: random.Random, per_kind: int) -> list[Example]:
    """Wishes that a person be hurt, fall ill or die (wish-harm), with twins in the same frames: a kind
    wish (wish-kind), the harm hoped not to happen (wish-negated), the wish reported in order to condemn
    it (wish-reported) and things that die (innocent-sense); and a person in the third person insulted
    (insult) or praised (praise), and a rule or a machine called stupid (thing-insult)."""
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


# --- wrapping and profanity -----------------------------------------------------------------------


def _wrap(e: Example, rng: random.Random) -> Example:
    """A random everyday prefix and suffix, on both sides of every pair, so neither marks a class."""
    text = rng.choice(PREFIXES) + e.text + rng.choice(SUFFIXES)
    return Example(text, e.kind, e.abusive, e.hateful, e.target, e.characteristic, e.profanity)


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
