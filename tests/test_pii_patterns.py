"""Tables of positive and negative strings for the personal-data analyzer."""

from __future__ import annotations

import pytest

from postguard.analyzers.pii import PiiAnalyzer
from postguard.analyzers.pii.identifiers import iban_mod97, luhn, nhs_mod11, ni_prefix_valid
from postguard.text.document import make_document
from postguard.text.numbers import spoken_digits
from postguard.types import Evidence

FOUND = [
    ("mobile 07700 900123", "phone", "07700 900123"),
    ("call +44 (0)1865 270000 now", "phone", "+44 (0)1865 270000"),
    ("ring 01865-270-000", "phone", "01865-270-000"),
    ("US office +1 415 555 2671", "phone", "+1 415 555 2671"),
    ("digits 0 7 7 0 0 9 0 0 1 2 3", "phone", "0 7 7 0 0 9 0 0 1 2 3"),
    ("s.whitfield@gmail.com", "email", "s.whitfield@gmail.com"),
    ("sarah [at] gmail [dot] com", "email", "sarah [at] gmail [dot] com"),
    ("lives at 12 Banbury Road, Oxford OX2 6NN", "address", "12 Banbury Road, Oxford OX2 6NN"),
    ("123 Main Street, Springfield, IL 62704", "address", "123 Main Street, Springfield, IL 62704"),
    ("Keizersgracht 123, 1015 CJ Amsterdam", "address", "Keizersgracht 123, 1015 CJ Amsterdam"),
    ("12 rue de la Paix, 75002 Paris", "address", "12 rue de la Paix, 75002 Paris"),
    ("AB 12 34 56 C", "ni-number", "AB 12 34 56 C"),
    ("NHS no 943 476 5919", "nhs-number", "943 476 5919"),
    ("4111-1111-1111-1111", "bank-card", "4111-1111-1111-1111"),
    ("20-00-00 12345678", "sort-code-account", "20-00-00 12345678"),
    ("GB82WEST12345698765432", "iban", "GB82WEST12345698765432"),
    ("passport no. 123456789", "passport", "123456789"),
    ("date of birth: 03/07/1990", "date-of-birth", "03/07/1990"),
    ("staff number 9876543", "staff-number", "9876543"),
    ("bod card 1234567890", "university-card", "1234567890"),
]
NOT_FOUND = [
    "ISBN 978-0-19-953556-9",
    "doi 10.1093/oxfordhb/9780199535569",
    "£1,250,000 grant",
    "room 3.14 at 14:30 on 12/03/2026",
    "ref 2024-556-7781",
    "GB82WEST12345698765433",  # bad mod 97
    "4111 1111 1111 1112",  # bad Luhn
    "DF 12 34 56 C",  # invalid NI prefix, no context
    "943 476 5918",  # bad mod 11
    "meet at noon dot",
    "the 2026 cohort of 1,250 students",
    "postgres://admin:Tr1nity!2025@db.example.org/events",
]


@pytest.mark.parametrize(("text", "label", "value"), FOUND)
def test_personal_data_is_found(text: str, label: str, value: str) -> None:
    found = PiiAnalyzer().analyze(make_document(text))
    assert [(e.label, text[e.span.start : e.span.end]) for e in found if e.span] == [(label, value)]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_lookalikes_are_not_personal_data(text: str) -> None:
    assert [e for e in PiiAnalyzer().analyze(make_document(text)) if e.label != "handle"] == []


def test_validators() -> None:
    assert luhn("4111 1111 1111 1111") and not luhn("4111 1111 1111 1112") and not luhn("0000 0000 0000 0000")
    assert nhs_mod11("9434765919") and not nhs_mod11("9434765918")
    assert iban_mod97("GB82 WEST 1234 5698 7654 32") and not iban_mod97("GB82 WEST 1234 5698 7654 33")
    assert ni_prefix_valid("AB123456C") and not ni_prefix_valid("QQ123456C") and not ni_prefix_valid("GB123456A")


def test_spoken_digits_map_back_to_whole_words() -> None:
    text = "call oh seven seven double oh nine"
    view = spoken_digits(text)
    assert view is not None
    digits, starts, ends = view
    assert "077009" in digits.replace(" ", "")
    last = len(digits) - 1
    assert text[starts[last] : ends[last]] == "nine"
    assert spoken_digits("one of the two reasons") is None


def test_handles_identify_people() -> None:
    found = PiiAnalyzer().analyze(make_document("thanks @jsmith_ox and mail j@x.com"))
    assert [(e.label) for e in found] == ["handle", "email"]


def test_people_are_still_found_when_ner_cannot_load() -> None:
    from postguard.analyzers.people import PeopleAnalyzer

    analyzer = PeopleAnalyzer()
    analyzer._nlp = False  # as after a failed load
    found = analyzer.analyze(make_document("Get well soon to Dr Priya Nair, who is off sick with depression."))
    assert ("person", "titled-name") in {(e.label, e.pattern_name) for e in found}


# Issue 26: an organisation's contact point is not personal data; the analyzer says whose it is.
INSTITUTIONAL_CONTACTS = [
    ("Questions? Email the Graduate Admissions team: grad.admissions@law.ox.ac.uk", "grad.admissions@law.ox.ac.uk"),
    ("Find out more and register interest: music@balliol.ox.ac.uk", "music@balliol.ox.ac.uk"),
    ("If you need urgent support, call the University's out-of-hours line on 01865 289999.", "01865 289999"),
    ("If your card fails, call Security Control on 01865 289999 and we'll help.", "01865 289999"),
    ("contact the admissions office at medadmissions@medsci.example.org or on 01865 289467.", "01865 289467"),
]
PERSONAL_CONTACTS = [
    ("For the group trip, contact Prof Raj Nair (rnair@bsg.ox.ac.uk).", "rnair@bsg.ox.ac.uk"),
    ("Email sarah.whitfield@chem.ox.ac.uk if you want the slides.", "sarah.whitfield@chem.ox.ac.uk"),
    ("Ring Sarah's mobile on 07700 900123 if the lab floods.", "07700 900123"),
    ("The Faculty Office lost my form, so text my personal mobile 07700 900456.", "07700 900456"),
]


@pytest.mark.parametrize(("text", "value"), INSTITUTIONAL_CONTACTS)
def test_an_offices_contact_point_is_marked_institutional(text: str, value: str) -> None:
    found = _contact(text, value)
    assert found.institutional and found.context_word


@pytest.mark.parametrize(("text", "value"), PERSONAL_CONTACTS)
def test_a_persons_contact_stays_personal(text: str, value: str) -> None:
    assert not _contact(text, value).institutional


def _contact(text: str, value: str) -> Evidence:
    analyzer = PiiAnalyzer(university_domains=("ox.ac.uk",))
    doc = make_document(text)
    (found,) = [e for e in analyzer.analyze(doc) if e.span and text[e.span.start : e.span.end] == value]
    return found


def test_digits_in_a_link_are_no_phone_number() -> None:
    text = "The shared notes are at https://www.overleaf.example.com/7381920465qkwzhtrmpbvd for the group."
    assert [e for e in PiiAnalyzer().analyze(make_document(text)) if e.label == "phone"] == []


def test_via_as_an_english_word_starts_no_italian_street() -> None:
    text = "Decisions will be released via UCAS Hub by 9 January."
    assert [e for e in PiiAnalyzer().analyze(make_document(text)) if e.label == "address"] == []
    assert [e.label for e in PiiAnalyzer().analyze(make_document("Via Roma 10, 00184 Roma"))] == ["address"]
