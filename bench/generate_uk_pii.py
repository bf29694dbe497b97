"""Generate the UK personal-data benchmark set: realistic University posts with labelled spans.

    python bench/generate_uk_pii.py            # writes bench/data/uk_pii_posts.jsonl (seeded, committed)

Every identifier the personal-data rules cover appears, in the forms people write them (spaced,
hyphenated, written out, spoken digits), next to hard negatives that must not be flagged: University role
addresses and published numbers, reference numbers, dates that are not birthdays, money, room numbers,
DOIs and ISBNs. Numbers are valid by their checksums (Luhn, mod 11, mod 97) but invented; names are
invented. Entity types: EMAIL, PHONE, ADDRESS, NI, NHS, PASSPORT, CARD, BANK, IBAN, DOB, UNI_ID.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).parent / "data" / "uk_pii_posts.jsonl"
SEED = 20261124

FIRST = [
    "Sarah",
    "Tom",
    "Priya",
    "Ben",
    "Amara",
    "Wei",
    "Lena",
    "Yusuf",
    "Claire",
    "Sam",
    "Aoife",
    "Kwame",
    "Elena",
    "Raj",
    "Hannah",
    "Oliver",
    "Fatima",
    "Jack",
    "Mei",
    "Lucas",
]
LAST = [
    "Whitfield",
    "Hargreaves",
    "Nair",
    "Adeyemi",
    "Okafor",
    "Zhang",
    "Fischer",
    "Demir",
    "Dubois",
    "Kowalski",
    "Murphy",
    "Mensah",
    "Rossi",
    "Patel",
    "Evans",
    "Brown",
    "Khan",
    "Taylor",
    "Chen",
    "Silva",
]
TITLES = ["Dr", "Professor", "Prof", "Ms", "Mr", ""]
DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "proton.me", "btinternet.com"]
DEPTS = ["chem", "physics", "history", "maths", "eng", "zoo", "law", "english", "bsg", "ndm"]
STREETS = [
    "Banbury Road",
    "Cowley Road",
    "Iffley Road",
    "Walton Street",
    "Woodstock Road",
    "Abingdon Road",
    "Divinity Road",
    "Kingston Road",
    "Marston Road",
    "Botley Road",
    "London Road",
    "Headington Road",
]
AREAS = ["Summertown", "Jericho", "Headington", "Cowley", "Marston", "Botley", "Iffley", ""]
POSTCODES = [
    "OX2 6NN",
    "OX4 1JB",
    "OX4 1EX",
    "OX2 6BT",
    "OX2 7DX",
    "OX1 4QA",
    "OX4 1UJ",
    "OX2 6RX",
    "OX3 0BP",
    "OX2 0HE",
    "OX3 9AT",
    "OX1 5AZ",
]
US_STREETS = ["Main Street", "Oak Avenue", "Maple Drive", "Elm Street", "Cedar Lane", "Park Boulevard"]
US_CITIES = [
    ("Springfield", "IL", "62704"),
    ("Boston", "MA", "02115"),
    ("Austin", "TX", "78701"),
    ("Portland", "OR", "97205"),
    ("Madison", "WI", "53703"),
]
EU = [
    "Musterstraße {n}, 10115 Berlin",
    "Keizersgracht {n}, 1015 CJ Amsterdam",
    "{n} rue de la Paix, 75002 Paris",
    "Hauptstraße {n}, 80331 München",
    "Via Roma {n}, 00184 Roma",
    "Calle Mayor {n}, 28013 Madrid",
]
NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
SPOKEN = {
    "0": "oh",
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def person(rng: random.Random) -> tuple[str, str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    title = rng.choice(TITLES)
    return first, last, f"{title} {first} {last}".strip()


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            n -= 9 if n > 9 else 0
        total += n
    return body + str((10 - total % 10) % 10)


def nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits)) + str(check)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def iban(rng: random.Random) -> str:
    bank = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
    rest = bank + "".join(rng.choice("0123456789") for _ in range(14))
    numeric = int("".join(str(int(c, 36)) for c in rest + "GB00"))
    check = 98 - numeric % 97
    raw = f"GB{check:02d}{rest}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4)) if rng.random() < 0.6 else raw


def ni(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    value = f"{rng.choice(NI_FIRST)}{rng.choice(NI_SECOND)}"
    while value in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        value = f"{rng.choice(NI_FIRST)}{rng.choice(NI_SECOND)}"
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{value} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{value}{digits}{suffix}"


def mobile(rng: random.Random) -> str:
    n = "07" + rng.choice("4579") + "".join(rng.choice("0123456789") for _ in range(8))
    form = rng.random()
    if form < 0.4:
        return f"{n[:5]} {n[5:]}"
    if form < 0.6:
        return f"+44 {n[1:5]} {n[5:]}"
    if form < 0.75:
        return f"{n[:5]}-{n[5:8]}-{n[8:]}"
    if form < 0.85:
        return " ".join(n)
    return n


def landline(rng: random.Random) -> str:
    n = "".join(rng.choice("0123456789") for _ in range(5))
    return rng.choice([f"01865 2{n}", f"(01865) 7{n}", f"+44 (0)1865 6{n}", f"020 7946 {n[:4]}"])


def international(rng: random.Random) -> str:
    return rng.choice(
        [
            f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            f"+49 151 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
            f"+1 617 {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
            f"+39 347 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        ]
    )


def spoken(number: str) -> str:
    return " ".join(SPOKEN[d] for d in number if d.isdigit())


def email(rng: random.Random, first: str, last: str) -> str:
    local = rng.choice(
        [f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}{rng.randint(1, 99)}", f"{first}_{last}"]
    )
    local = local.lower()
    if rng.random() < 0.3:
        return f"{local}@{rng.choice(DEPTS)}.ox.ac.uk"
    if rng.random() < 0.15:
        user, dom = local, rng.choice(DOMAINS)
        return rng.choice([f"{user} at {dom.replace('.', ' dot ')}", f"{user} [at] {dom.replace('.', ' [dot] ')}"])
    return f"{local}@{rng.choice(DOMAINS)}"


def address(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        area = rng.choice(AREAS)
        flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.2 else ""
        street = f"{rng.randint(1, 240)} {rng.choice(STREETS)}"
        return f"{flat}{street}, {area + ', ' if area else ''}Oxford {rng.choice(POSTCODES)}"
    if kind < 0.8:
        city, state, zipcode = rng.choice(US_CITIES)
        return f"{rng.randint(10, 9999)} {rng.choice(US_STREETS)}, {city}, {state} {zipcode}"
    return rng.choice(EU).format(n=rng.randint(1, 120))


def dob(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1950, 2005)
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {MONTHS[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}"])


# Each template: text with {slots}; slots named TYPE:generator are labelled spans, others are filler.
POSITIVE = [
    ("{name}'s mobile is {PHONE:mobile}, call her if the lab floods.",),
    ("New number for our lab manager {name}: {PHONE:mobile}",),
    ("Can someone ask {name} to ring me back on {PHONE:landline}? Thanks!",),
    ("Visiting collaborator {name} can be reached on {PHONE:international} while in Oxford.",),
    ("If you find {first}'s cat, text {PHONE:spoken}!",),
    ("Email {name} on {EMAIL:email} for the reading list.",),
    ("Slides from today are with {first}: {EMAIL:email}",),
    ("For the group trip, contact {name} ({EMAIL:email} / {PHONE:mobile}).",),
    ("{name} has moved to {ADDRESS:address}, send cards there!",),
    ("Leaving drinks at {first}'s place, {ADDRESS:address}, from 7pm.",),
    ("Parcel for {name} delivered to {ADDRESS:address} by mistake, anyone know them?",),
    ("Found {name}'s wallet. NI number {NI:ni} on a payslip inside, please collect.",),
    ("HR needs your NI number: mine is {NI:ni}, is that the right format?",),
    ("Patient {name}, NHS number {NHS:nhs}, was seen in the trial clinic today.",),
    ("{first} left a letter on the printer with NHS no {NHS:nhs} on it.",),
    ("Lost passport! Number {PASSPORT:passport}, belongs to {name}. Please hand in.",),
    ("Paying for the conference dinner with card {CARD:card}, expiry 09/28.",),
    ("Can someone cover the taxi? My card is {CARD:card}.",),
    ("Whip-round for {first}'s leaving gift: sort code {BANK:sortacc}.",),
    ("Send the deposit to {BANK:sortacc2}, reference DINNER.",),
    ("Conference fee refund to IBAN {IBAN:iban} please.",),
    ("Happy birthday {first}! Born on {DOB:dob} and still the youngest in spirit.",),
    ("{name}'s date of birth is {DOB:dob} according to the visa form.",),
    ("{name} lost their University card, student number {UNI_ID:student}.",),
    ("Staff number {UNI_ID:staff} keeps failing on the payroll portal, anyone else?",),
    ("Found a Bod card, {UNI_ID:card}, at the Radcliffe Camera.",),
    ("{name} ({EMAIL:email}, {PHONE:mobile}) is organising the rota.",),
    ("Details for {first}: {ADDRESS:address}, tel {PHONE:landline}.",),
]
NEGATIVE = [
    "Questions about applying? Email admissions@ox.ac.uk or call +44 1865 270000.",
    "Press enquiries to press.office@admin.ox.ac.uk.",
    "The seminar is in Room {room}, Department of Chemistry, 12 Mansfield Road, Oxford OX1 3TA.",
    "Grant ref {ref} awarded £{money} for three years.",
    "Tickets £{price}, doors at 7pm on {date}.",
    "See doi 10.1093/oxfordhb/97801995{n5} and ISBN 978-0-19-953{n3}-9.",
    "Term starts on {date}; lectures in room {room}.",
    "Our 2026 cohort has {n3} students and {n2} staff.",
    "Order {ref} has shipped to the department.",
    "The meeting is on {date} at {time} in the Schwarzman Centre.",
    "Library enquiries: library.enquiries@bodleian.ox.ac.uk or 01865 277162.",
    "Results for {n3} participants, p = 0.0{n2}, are in table {n2}.",
    "Version {n2}.{n3}.1 of our software is out.",
    "The venue is 1 Wellington Square, Oxford OX1 2JD.",
    "Reference number {ref}, please quote it in all correspondence.",
    "IT helpdesk: help@it.ox.ac.uk, 01865 612345.",
]


def _fill_positive(template: str, rng: random.Random) -> dict[str, object]:
    first, last, name = person(rng)
    spans = []
    out = ""
    pos = 0
    for m in re.finditer(r"\{([A-Z_]+):(\w+)\}|\{(\w+)\}", template):
        out += template[pos : m.start()]
        if m.group(3):
            out += {"name": name, "first": first, "last": last}[m.group(3)]
        else:
            kind, gen = m.group(1), m.group(2)
            value = _value(kind, gen, rng, first, last)
            spans.append({"type": kind, "start": len(out), "end": len(out) + len(value), "value": value})
            out += value
        pos = m.end()
    out += template[pos:]
    return {"text": out, "spans": spans}


def _digits(n: int, rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _sort_code(rng: random.Random) -> str:
    return f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


def _value(kind: str, gen: str, rng: random.Random, first: str, last: str) -> str:
    if kind == "UNI_ID" and gen == "card":
        return _digits(10, rng)
    makers = {
        "mobile": lambda: mobile(rng),
        "landline": lambda: landline(rng),
        "international": lambda: international(rng),
        "spoken": lambda: spoken("07" + rng.choice("4579") + _digits(8, rng)),
        "email": lambda: email(rng, first, last),
        "address": lambda: address(rng),
        "ni": lambda: ni(rng),
        "nhs": lambda: nhs(rng),
        "passport": lambda: _digits(9, rng),
        "card": lambda: _spaced(luhn_complete(rng.choice(["4", "51", "52", "55"]), 16, rng), rng),
        "sortacc": lambda: f"{_sort_code(rng)} account {_digits(8, rng)}",
        "sortacc2": lambda: f"{_sort_code(rng)} {_digits(8, rng)}",
        "iban": lambda: iban(rng),
        "dob": lambda: dob(rng),
        "student": lambda: _digits(7, rng),
        "staff": lambda: _digits(rng.choice([6, 7]), rng),
    }
    return makers[gen]()


def _spaced(number: str, rng: random.Random) -> str:
    return " ".join(number[i : i + 4] for i in range(0, 16, 4)) if rng.random() < 0.6 else number


def _fill_negative(template: str, rng: random.Random) -> dict[str, object]:
    values = {
        "room": f"{rng.randint(1, 4)}.{rng.randint(1, 40):02d}",
        "ref": f"{rng.randint(2020, 2026)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        "money": f"{rng.randint(10, 900)},000",
        "price": f"{rng.randint(5, 40)}.{rng.choice(['00', '50'])}",
        "date": f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2026",
        "n5": f"{rng.randint(10000, 99999)}",
        "n3": f"{rng.randint(100, 999)}",
        "n2": f"{rng.randint(10, 99)}",
        "time": f"{rng.randint(9, 17)}:{rng.choice(['00', '30'])}",
    }
    return {"text": template.format(**values), "spans": []}


def generate(n_positive: int = 900, n_negative: int = 300, seed: int = SEED) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows = [_fill_positive(rng.choice(POSITIVE)[0], rng) for _ in range(n_positive)]
    rows += [_fill_negative(rng.choice(NEGATIVE), rng) for _ in range(n_negative)]
    rng.shuffle(rows)
    for i, row in enumerate(rows):
        row["id"] = f"uk-{i:04d}"
    return rows


def main() -> None:
    rows = generate()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} posts to {OUT}")


if __name__ == "__main__":
    main()
