from __future__ import annotations

import pytest

from postguard.text.document import make_document
from postguard.text.emoji import spell_emoji
from postguard.text.for_encoder import prepare
from postguard.text.markdown import prose_view
from postguard.text.normalize import normalize
from postguard.text.rewrite import compose, replace
from postguard.text.runtogether import segment, split_run_together
from postguard.text.sentences import sentences


def test_zero_width_characters_are_dropped_and_offsets_map_back() -> None:
    original = "pass\u200bword: Hunter2"
    norm = normalize(original)
    assert norm.text == "password: Hunter2"
    start = norm.text.index("Hunter2")
    span = norm.to_original(start, start + len("Hunter2"))
    assert original[span.start : span.end] == "Hunter2"


def test_homoglyphs_fold_to_latin() -> None:
    original = "Раssword: Sесret99"  # Cyrillic Р, а, е, с
    norm = normalize(original)
    assert norm.text == "Password: Secret99"
    span = norm.to_original(10, 18)
    assert original[span.start : span.end] == "Sесret99"


def test_fullwidth_and_ligatures_fold() -> None:
    norm = normalize("Ｃｏｎｆｉｄｅｎｔｉａｌ ﬁle")
    assert norm.text == "Confidential file"
    span = norm.to_original(13, 17)
    assert span.start == 13 and span.end == 16  # the ligature is one original character


def test_sentences_keep_abbreviations_together() -> None:
    text = "Dr. Smith spoke today. It was great! See ox.ac.uk for more"
    found = [text[s.start : s.end] for s in sentences(text)]
    assert found == ["Dr. Smith spoke today.", "It was great!", "See ox.ac.uk for more"]


def test_markdown_prose_view_keeps_length_and_hides_link_targets() -> None:
    md = "---\ntitle: Post\n---\n# Heading\n\nSee [the news](https://example.org/x) and **bold** text.\n"
    view = prose_view(md)
    assert len(view) == len(md)
    assert "https" not in view and "title" not in view and "**" not in view
    assert "the news" in view and "bold" in view


def test_document_spans_map_through_markdown_and_normalisation() -> None:
    doc = make_document("**Conﬁdential** memo", markdown=True)
    start = doc.text.index("Confidential")
    span = doc.span(start, start + len("Confidential"))
    assert doc.original[span.start : span.end] == "Conﬁdential"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Immigrants are 🐀🐀", "Immigrants are  rat  rat "),
        ("👍🏽 thanks", " thumbs up sign  thanks"),
        ("🏳️\u200d🌈 Pride", " waving white flag  rainbow  Pride"),
        ("🇬🇧 v 🇫🇷", " flag  v  flag "),
        ("no emoji here, © 2026 → next", None),
    ],
)
def test_spell_emoji_names_emoji_and_drops_modifiers(text: str, expected: str | None) -> None:
    spelled = spell_emoji(text)
    assert (spelled.text if spelled else None) == expected


def test_spelled_emoji_offsets_lead_back_to_the_original() -> None:
    text = "🔪 you, @sam 🐍🐍."
    spelled = spell_emoji(text)
    assert spelled is not None
    assert len(spelled.starts) == len(spelled.ends) == len(spelled.text) + 1
    for word, original in (("hocho", "🔪"), ("you", "you"), ("snake", "🐍"), (".", ".")):
        a = spelled.text.index(word)
        b = a + len(word)
        assert text[spelled.starts[a] : spelled.ends[b]] == original, word
    assert spelled.starts == sorted(spelled.starts) and spelled.ends == sorted(spelled.ends)


@pytest.mark.parametrize(
    ("run", "words"),
    [
        ("ihatemuslims", "i hate muslims"),
        ("gaysaredisgusting", "gays are disgusting"),
        ("killallthejews", "kill all the jews"),
        ("youareanidiot", "you are an idiot"),
        ("retardsshoulddie", "retards should die"),
        ("IHateMuslims", "I Hate Muslims"),
        ("BlackLivesMatter", "Black Lives Matter"),
    ],
)
def test_words_run_together_are_pulled_apart(run: str, words: str) -> None:
    assert " ".join(segment(run) or []) == words


@pytest.mark.parametrize(
    "word",
    [
        # words, names and places, some of which hold other words
        "therapist", "Scunthorpe", "Penistone", "Ashmolean", "Sheldonian", "Magdalen", "Balliol", "Wadham",
        # inflections, prefixes and compounds of vocabulary words
        "postgraduates", "inconsiderate", "unteachable", "dishwasher", "screenshotted", "timesheets",
        # two words run together: no sentence, and too often a compound
        "hatemuslims", "YouTube", "LinkedIn",
    ],
)  # fmt: skip
def test_words_compounds_and_names_stay_whole(word: str) -> None:
    assert segment(word) is None


def test_split_and_emoji_offsets_lead_back_to_the_original() -> None:
    text = "So true #gaysaredisgusting 🐀 lol, see OX1 3PA"
    prepared, rewrite = prepare(text)
    assert prepared == "So true #gays are disgusting  rat  lol, see OX1 3PA"
    assert rewrite is not None
    assert len(rewrite.starts) == len(rewrite.ends) == len(prepared) + 1
    for word, original in (("gays", "gays"), ("disgusting", "disgusting"), ("rat", "🐀"), ("lol", "lol")):
        a = prepared.index(word)
        assert text[rewrite.starts[a] : rewrite.ends[a + len(word)]] == original, word
    assert prepare("Nothing to rewrite here.") == ("Nothing to rewrite here.", None)
    assert split_run_together("a plain sentence") is None


def test_rewrites_compose() -> None:
    first = replace("abc", [(1, 1, " ")])  # "a bc"
    then = replace(first.text, [(3, 3, "--")])  # "a b--c"
    both = compose(first, then)
    assert both is not None and both.text == "a b--c"
    assert [both.starts[j] for j in range(len(both.text))] == [0, 1, 1, 2, 2, 2]
    assert compose(None, then) is then and compose(first, None) is first


def test_a_lone_surrogate_reads_as_the_replacement_character_and_offsets_hold() -> None:
    text = "call 07700 900123 \ud83d now"  # half an emoji, as a cut-off JSON export gives it
    n = normalize(text)
    assert n.text == "call 07700 900123 \ufffd now" and len(n.origin) == len(text)
    assert n.text.encode("utf-8")  # no surrogate left for a tokenizer or an encoder to refuse


def test_the_sentence_around_an_offset_is_the_one_a_linear_search_finds() -> None:
    doc = make_document("Dr Smith spoke.\u200b Then  we ate!\n\nA list: one, two. " * 40)
    spans = [doc.span(s.start, s.end) for s in doc.sentences]
    for offset in range(len(doc.original)):
        expected = next((s for s in spans if s.start <= offset < s.end), None)
        assert doc.sentence_around(offset) == expected
