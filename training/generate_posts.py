"""Generate the training posts for the semantic heads (seeded, written by the project).

Each template is a University-flavoured post with slots; each carries the set of labels it shows.
Negatives include hard contrasts: personal news in announcement words, resharing an announcement,
personal charity sponsorship, neutral mentions of politics, research that is already published.
The evaluation set (``bench/data/labelled_posts.jsonl``) is written separately, by hand, in other words.

    python training/generate_posts.py --out /tmp/train_posts.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator

UNITS = [
    "the Department of Chemistry",
    "the Oxford Internet Institute",
    "the Bodleian Libraries",
    "Wadham College",
    "the Faculty of History",
    "the Mathematical Institute",
    "the Blavatnik School of Government",
    "our department",
    "the Department of Engineering Science",
    "the Medical Sciences Division",
    "the Ashmolean Museum",
    "the Department of Zoology",
    "Somerville College",
    "the School of Geography",
    "the Faculty of Law",
    "the Department of Physics",
    "the Nuffield Department of Medicine",
    "the English Faculty",
    "Keble College",
]
SHORT_UNITS = [
    "our lab",
    "our group",
    "the department",
    "the college",
    "the faculty",
    "our centre",
    "the institute",
    "our research group",
    "the library",
    "our team",
]
TOPICS = [
    "quantum materials",
    "antimicrobial resistance",
    "medieval manuscripts",
    "machine learning fairness",
    "climate adaptation",
    "early childhood language",
    "urban heat islands",
    "malaria vaccines",
    "Roman trade routes",
    "battery chemistry",
    "bird migration",
    "misinformation online",
    "soil carbon",
    "dementia care",
    "protein folding",
    "Victorian poetry",
    "labour markets",
    "coral reefs",
    "dark matter",
]
PEOPLE = [
    "Dr Amara Okafor",
    "Professor Lena Fischer",
    "Dr Tom Hargreaves",
    "Professor Wei Zhang",
    "Dr Priya Nair",
    "Dr Sam Kowalski",
    "Professor Helen Marsh",
    "Dr Yusuf Demir",
    "Professor Claire Dubois",
    "Dr Ben Adeyemi",
]
ROLES = [
    "Head of Department",
    "Director",
    "Principal",
    "Warden",
    "Chair of the Faculty Board",
    "new Bodley's Librarian",
    "Associate Head for Research",
    "Director of Graduate Studies",
]
POLICIES = [
    "the new fees policy",
    "the pension changes",
    "the hybrid working policy",
    "the car parking charges",
    "the restructuring of the library service",
    "the new workload model",
    "the cuts to the language centre",
    "the international student cap",
    "the new marking scheme",
    "the decision to close the crèche",
    "the government's research funding cuts",
    "the visa rules for researchers",
    "the REF process",
    "the casualisation of teaching",
    "the new sabbatical rules",
]
ADJ_NEG = [
    "a disaster",
    "shameful",
    "short-sighted",
    "a mistake",
    "utterly misguided",
    "an embarrassment",
    "deeply unfair",
    "a betrayal of junior staff",
    "badly thought through",
    "indefensible",
    "a farce",
]
ADJ_POS = ["long overdue", "the right call", "a brave decision", "exactly what we needed", "a huge step forward"]
CAUSES = [
    "fair pay for casual staff",
    "a living wage for cleaners",
    "open access publishing",
    "better mental health support for students",
    "saving the college meadow",
    "free period products on campus",
    "fossil fuel divestment",
    "keeping the language centre open",
    "accessible lecture theatres",
    "the refugee scholarship fund",
    "the new hardship fund",
    "restoring the college organ",
]
TARGETS = [
    "the University",
    "Council",
    "the Vice-Chancellor",
    "the government",
    "the Home Office",
    "the college",
    "our funders",
    "the Department for Education",
]
DATES = [
    "1 March",
    "next Friday",
    "31 January",
    "the end of term",
    "12 noon on Monday",
    "15 June",
    "Michaelmas term",
    "tomorrow",
    "this Thursday",
    "2 October",
]
PARTIES = ["Labour", "the Tories", "the Conservatives", "the Lib Dems", "Reform UK", "the Greens", "the SNP"]
WARS = ["Gaza", "Ukraine", "Sudan", "Yemen"]
SOCIAL = [
    "abortion",
    "immigration",
    "trans rights",
    "assisted dying",
    "the death penalty",
    "Brexit",
    "the Rwanda scheme",
    "the monarchy",
    "gun control",
]
WRONGS = [
    "falsified the results",
    "covered up the bullying complaints",
    "misused the grant money",
    "ignored repeated safety warnings",
    "fiddled the admissions figures",
    "plagiarised a student's thesis",
    "hid the data breach",
    "buried the report on harassment",
    "broke the ethics approval",
    "pressured staff to hide the accident",
]
DEVICES = [
    "prototype sensor",
    "new compound",
    "candidate vaccine",
    "battery design",
    "imaging method",
    "algorithm",
    "drug candidate",
    "catalyst",
]
JOURNALS = ["Nature", "Science", "the Lancet", "Cell", "PNAS", "Nature Physics"]
SIGNOFFS = [
    "",
    "",
    "",
    " #Oxford",
    " 🎉",
    " https://ox.ac.uk/news",
    " Thread below 🧵",
    " #research",
    " 👇",
    " (link in bio)",
    " #AcademicTwitter",
    " More: ox.ac.uk/events",
]

Template = tuple[str, tuple[str, ...]]

POSITIVE: list[Template] = [
    # announcement: on behalf of the University, a department or college
    ("We are delighted to announce that {unit} has been awarded £{money}m to study {topic}.", ("announcement",)),
    ("{Unit} is pleased to announce the appointment of {person} as {role}.", ("announcement",)),
    ("The University has decided to {uni_action} from {date}.", ("announcement",)),
    ("Announcement: {unit} will close on {date} for refurbishment and reopen next year.", ("announcement",)),
    ("We're thrilled to confirm that {unit} will launch a new MSc in {topic} next autumn.", ("announcement",)),
    ("Today we launch the {topic} Centre, a new home for research at Oxford.", ("announcement",)),
    ("We can now confirm that {unit} will merge with {unit2} from {date}.", ("announcement",)),
    ("Big news: Oxford will offer free tuition to refugee students from next year.", ("announcement",)),
    ("It is with great pleasure that {unit} welcomes {person}, our new {role}.", ("announcement",)),
    ("The college has agreed to {uni_action}. Details will follow in an email to all members.", ("announcement",)),
    ("Official: {unit} is to introduce a four-day week for professional services staff.", ("announcement",)),
    ("We are saddened to announce the death of {person}, emeritus fellow of {unit}.", ("announcement",)),
    ("{Unit} confirms that all exams will be held online this term.", ("announcement",)),
    ("Introducing {person}, who joins {unit} as {role} from {date}. Welcome!", ("announcement", "business")),
    # campaign
    ("Sign our petition calling on {target} to guarantee {cause}: {link}", ("campaign",)),
    ("Join our campaign for {cause}! Add your name and share widely.", ("campaign",)),
    ("Please donate to the {unit} appeal for {cause}. Every pound helps: {link}", ("campaign",)),
    ("We are calling on {target} to act now on {cause}. Write to your MP today.", ("campaign",)),
    ("Boycott the catering contractor until they pay {cause_short}. Spread the word.", ("campaign",)),
    ("Oxford staff: today we launch a campaign for {cause}. Join us and sign the open letter.", ("campaign",)),
    ("Help us raise £{money},000 for {cause}. Give what you can {link}", ("campaign",)),
    ("Email {target} now and demand {cause}. Template letter here: {link}", ("campaign",)),
    ("Our department is launching a fundraising drive for {cause}. Please give generously!", ("campaign",)),
    ("Stand with us: walk out at noon on {date} in support of {cause}.", ("campaign",)),
    # opinion on a public matter
    ("{Policy} is {adj_neg}.", ("opinion",)),
    ("Honestly, {policy} is {adj_neg}. Whoever signed this off should be ashamed.", ("opinion",)),
    ("I think {policy} is {adj_neg} and it will drive good people out of academia.", ("opinion",)),
    ("In my view {policy} is {adj_pos}.", ("opinion",)),
    ("Hot take: {policy} is {adj_neg}, and everyone in the sector knows it.", ("opinion",)),
    ("It's shameful that {target} still hasn't sorted out {policy}.", ("opinion",)),
    ("{Target} got this badly wrong. {Policy} is {adj_neg}.", ("opinion",)),
    ("Frankly {policy} is {adj_neg}. Universities deserve better.", ("opinion",)),
    ("Unpopular opinion: {policy} is {adj_pos}.", ("opinion",)),
    ("My two cents on {policy}: it's {adj_neg}.", ("opinion",)),
    # controversial opinions
    ("{Party} have wrecked this country. Vote them out at the next election.", ("opinion", "controversial")),
    ("Anyone who votes for {party} is voting against universities. Simple as that.", ("opinion", "controversial")),
    (
        "Ceasefire now. What is happening in {war} is a moral catastrophe and our leaders are complicit.",
        ("opinion", "controversial"),
    ),
    (
        "{Social} is the defining issue of our time and the government is on the wrong side of it.",
        ("opinion", "controversial"),
    ),
    ("The left has completely lost the plot on {social}. Time for some common sense.", ("opinion", "controversial")),
    (
        "Let's be clear: the war in {war} is a genocide and anyone who says otherwise is lying.",
        ("opinion", "controversial"),
    ),
    (
        "{Party} deserve to lose every seat they hold. Their record on {social} is disgraceful.",
        ("opinion", "controversial"),
    ),
    (
        "I'm sick of hearing about {social}. The activists have won and free speech has lost.",
        ("opinion", "controversial"),
    ),
    ("Vote {party_bare} on Thursday. Nothing else will fix the mess the country is in.", ("opinion", "controversial")),
    # allegation of wrongdoing
    ("My department {wrong} and senior management knew all along.", ("allegation",)),
    ("Nobody will say it, so I will: {unit} {wrong}.", ("allegation",)),
    ("The truth about {unit}: they {wrong} and then told staff to keep quiet.", ("allegation",)),
    ("Professor {surname} {wrong} and the University did nothing about it.", ("allegation",)),
    ("Management at {unit} {wrong}. I have the emails to prove it.", ("allegation",)),
    ("How is it acceptable that our head of department {wrong}? This is a cover-up.", ("allegation",)),
    ("Oxford {wrong} and hoped nobody would notice. Time to blow the whistle.", ("allegation",)),
    # speaking for the University
    ("The University's position is that {policy} is {adj_pos}.", ("speaking-for",)),
    ("On behalf of the University, I want to say we stand with our students.", ("speaking-for",)),
    ("Oxford condemns the decision by {target} and will not comply.", ("speaking-for",)),
    ("Speaking for the University: we will not be changing {policy}.", ("speaking-for",)),
    (
        "We at Oxford believe {policy} is {adj_neg} and we are asking for it to be reversed.",
        ("speaking-for", "opinion"),
    ),
    ("Oxford's official view is that {social} is not a matter for universities.", ("speaking-for",)),
    ("As a representative of the University, I can tell you Oxford fully supports the strike.", ("speaking-for",)),
    ("The college's response to {policy} is simple: we reject it.", ("speaking-for",)),
    # university business from a personal account
    ("We're hiring! A postdoc in {topic} in {unit_short}, apply by {date}: {link}", ("business",)),
    ("Join us for our departmental seminar on {topic} this Thursday at 4pm. All welcome.", ("business",)),
    ("Our lab's new paper on {topic} is out today in {journal}! Congratulations to the team.", ("business",)),
    ("Open day tickets for {unit} are now available. Book your place here: {link}", ("business",)),
    ("{Unit_short} is recruiting two fully funded DPhil students in {topic}. Closing date {date}.", ("business",)),
    ("Our project team has just released version 2 of our {topic} dataset.", ("business",)),
    ("Registration is open for our workshop on {topic}. Register now at {link}", ("business",)),
    ("We have a research assistant post open in {unit_short}, working on {topic}. Please share!", ("business",)),
    ("Great turnout at our group's public lecture on {topic} last night. Slides are on our website.", ("business",)),
    # unpublished research
    (
        "Sneak peek at our unpublished results on {topic}: the effect is twice what we expected!",
        ("unpublished-research",),
    ),
    ("Preliminary data from our trial suggest the {device} works. Can't wait to publish!", ("unpublished-research",)),
    (
        "Our paper is under review at {journal}, but here's the key figure before anyone else sees it.",
        ("unpublished-research",),
    ),
    ("Before we file the patent, here's roughly how our {device} works.", ("unpublished-research",)),
    (
        "Our sponsor hasn't approved release yet, but the {device} passed every test this week.",
        ("unpublished-research",),
    ),
    (
        "First results from the new {device} are in and they look incredible. Not published yet, so keep it quiet!",
        ("unpublished-research",),
    ),
    ("Here's a photo of our whiteboard with the raw data from today's run on {topic}.", ("unpublished-research",)),
    (
        "Our new {device} beats the state of the art by 40%. Paper coming once the grant terms allow.",
        ("unpublished-research",),
    ),
]

NEGATIVE: list[Template] = [
    ("Lovely walk along the river this morning before work. Autumn in Oxford is unbeatable.", ()),
    ("Coffee number three. Marking season is here.", ()),
    ("Just finished a great book on {topic}. Highly recommend it.", ()),
    ("Happy birthday to my wonderful sister!", ()),
    ("Does anyone know a good plumber in east Oxford?", ()),
    ("I'm delighted to say I passed my driving test today!", ()),
    ("Really pleased to share that I've been promoted to Associate Professor. Thank you to everyone who helped.", ()),
    ("Great to read the University's announcement about {topic} funding: {link}", ()),
    ("Has the University announced the term dates for next year yet?", ()),
    ("Excited to be speaking at a conference in Lisbon next week about {topic}.", ()),
    ("I'm running the Oxford half marathon for a cancer charity - sponsor me if you can!", ()),
    ("Signed a petition about potholes on my street this morning. Small wins.", ()),
    ("Our marketing campaign results are in: click-through was up 3% on last year.", ()),
    ("The election campaign in the US dominated the news again today.", ()),
    ("Fascinating seminar today on the history of {war} in the twentieth century.", ()),
    ("New episode of the podcast: a historian explains how {social} has been debated since the 1800s.", ()),
    ("Reading group this week: two papers on {topic}. Bring your own biscuits.", ()),
    ("Our paper on {topic} is now published in {journal}, open access: {link}", ()),
    ("Read our preprint on {topic} here: {link} Comments welcome!", ()),
    ("Reminder: the research integrity training session is open to all staff.", ()),
    ("If you experience bullying or harassment, the Harassment Advisory Network can help.", ()),
    ("Interesting article about a fraud case at a bank in London. Worth a read.", ()),
    ("What a match! Congratulations to the Blues on the win.", ()),
    ("This cake I baked for the bake-off did not go to plan 😂", ()),
    ("Thanks to everyone who came to my leaving do. I'll miss you all.", ()),
    ("The library will be warm and quiet today. Perfect for writing.", ()),
    ("Teaching my first tutorial of term tomorrow. Nervous but excited!", ()),
    ("Lovely to catch up with old friends from my DPhil days.", ()),
    ("Anyone have tips for keeping tomato plants alive in October?", ()),
    ("My cat has decided the keyboard is her bed. Productivity is down.", ()),
    ("Spent the afternoon in the archives looking at letters from 1850. Magical.", ()),
    ("The sunset over Port Meadow tonight was incredible.", ()),
    ("New blog post: five things I learned about {topic} this year. {link}", ()),
    ("Proud of my students who presented their projects today. Great work, all of you.", ()),
    ("Delighted to have finally finished the first draft of my thesis chapter!", ()),
    ("Congratulations to my colleague {person} on a well-deserved prize.", ()),
    ("I voted this morning. Whatever your views, make sure you use yours.", ()),
    ("Watching the {war} documentary on the BBC tonight. Hard to watch but important.", ()),
    ("A good explainer on how {social} law differs across Europe. {link}", ()),
    ("The government published its white paper on higher education today. Link for anyone interested: {link}", ()),
    ("Bus strike tomorrow, so I'll be cycling in. Wish me luck with the rain.", ()),
    ("The University's statement on the new visa rules is on the news site: {link}", ()),
    ("I don't speak for the University, but I'm proud of the students who organised the food bank.", ()),
    ("Applied for a job in Edinburgh today. Fingers crossed!", ()),
    ("Went to a brilliant public lecture on {topic} last night.", ()),
    ("First results of my sourdough experiment: dense but edible.", ()),
    ("Our neighbours' dog has learned to open the gate. We have a problem.", ()),
    ("Happy Diwali to everyone celebrating!", ()),
    ("Eid Mubarak to all my friends and colleagues.", ()),
    ("Snow in Oxford! The Radcliffe Camera looks like a postcard.", ()),
    ("Three-hour train delay. At least I got my marking done.", ()),
    ("Looking forward to a quiet weekend with no emails.", ()),
    ("A colleague recommended this podcast about {topic} and it's excellent.", ()),
    ("Finished my review for a journal this week. Always humbling to see good work.", ()),
    ("The patent history of the bicycle is surprisingly fascinating.", ()),
    ("Preliminary thoughts on my holiday reading list: too many books, not enough time.", ()),
    ("The department's annual report, published last week, is available on our website.", ()),
    ("Congratulations to {unit} on their new building, which opened last year.", ()),
    ("Back from parental leave this week. Lots of emails!", ()),
]

MONEY = ["1.2", "2", "3.5", "4", "5", "12", "20"]
UNI_ACTIONS = [
    "close the Summertown library",
    "freeze recruitment across all divisions",
    "cut the arts budget by 10%",
    "introduce a new parking permit scheme",
    "move all lectures online",
    "scrap the language centre",
    "suspend the sabbatical scheme",
    "raise graduate fees",
]
LINKS = [
    "https://bit.ly/3xYz",
    "ox.ac.uk/appeal",
    "change.org/p/oxford",
    "https://forms.office.com/r/abc",
    "https://ox.ac.uk/jobs/123",
    "tinyurl.com/oxcause",
]
SURNAMES = ["Hargreaves", "Fischer", "Marsh", "Demir", "Kowalski", "Dubois"]


def _fill(template: str, rng: random.Random) -> str:
    unit = rng.choice(UNITS)
    values = {
        "unit": unit, "unit2": rng.choice([u for u in UNITS if u != unit]), "unit_short": rng.choice(SHORT_UNITS),
        "topic": rng.choice(TOPICS), "person": rng.choice(PEOPLE), "role": rng.choice(ROLES),
        "policy": rng.choice(POLICIES), "adj_neg": rng.choice(ADJ_NEG), "adj_pos": rng.choice(ADJ_POS),
        "cause": rng.choice(CAUSES), "cause_short": rng.choice(["a living wage", "fair wages", "proper sick pay"]),
        "target": rng.choice(TARGETS), "date": rng.choice(DATES), "party": rng.choice(PARTIES),
        "party_bare": rng.choice(["Labour", "Green", "Lib Dem", "Reform", "Conservative"]), "war": rng.choice(WARS),
        "social": rng.choice(SOCIAL), "wrong": rng.choice(WRONGS), "device": rng.choice(DEVICES),
        "journal": rng.choice(JOURNALS), "money": rng.choice(MONEY), "uni_action": rng.choice(UNI_ACTIONS),
        "link": rng.choice(LINKS), "surname": rng.choice(SURNAMES),
    }  # fmt: skip

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        value = values[key.lower()]
        return value[0].upper() + value[1:] if key[0].isupper() else value

    return re.sub(r"\{(\w+)\}", sub, template)


def generate(seed: int = 20261124, per_template: int = 12) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    seen: set[str] = set()
    for templates, reps in ((POSITIVE, per_template), (NEGATIVE, per_template)):
        for template, labels in templates:
            for _ in range(reps):
                text = _fill(template, rng) + rng.choice(SIGNOFFS)
                if rng.random() < 0.15:
                    text = text.lower()
                if text in seen:
                    continue
                seen.add(text)
                yield {"text": text, "labels": sorted(labels)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20261124)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in generate(args.seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
