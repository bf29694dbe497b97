"""The abuse analyzer, its shared encoder pass, the unmasking of spelling tricks, and RS001-RS003."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import yaml

from postguard import AccountKind, Post
from postguard.analyzers.abuse import AbuseAnalyzer
from postguard.analyzers.embeddings import Encoder
from postguard.analyzers.semantic import SemanticAnalyzer
from postguard.engine import Engine
from postguard.text.document import make_document
from postguard.text.obfuscation import unmask

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M u s l i m s are v e r m i n.", "Muslims       are vermin     ."),
        ("g4y people are d1sgusting", "gay people are disgusting"),
        ("Tr@nnies are fr3aks", "Trannies are freaks"),
        ("@tim_w I kn0w wh3re y0u l1ve", "@user  I know where you live"),
        (
            "Meet at OX1 3PA, take the A34, 4x4 only, COVID19 rules",
            "Meet at OX1 3PA, take the A34, 4x4 only, COVID19 rules",
        ),
        ("mail a.b@ox.ac.uk or https://ox.ac.uk/x", "mail email        or http              "),
        ("I am 5 ft 3 and love 3D printing", "I am 5 ft 3 and love 3D printing"),
    ],
)
def test_unmask_undoes_spelling_tricks_and_keeps_length(text: str, expected: str) -> None:
    assert unmask(text) == expected
    assert len(unmask(text)) == len(text)


def test_semantic_and_abuse_heads_share_one_encoder_pass() -> None:
    encoder = Encoder()
    calls = []
    forward = encoder._forward

    def counting(encodings: list[object]) -> object:
        calls.append(len(encodings))
        return forward(encodings)

    encoder._forward = counting  # type: ignore[method-assign]
    docs = [make_document("First post about the new library hours."), make_document("Second post. Two sentences.")]
    SemanticAnalyzer(encoder=encoder).analyze_many(docs)
    assert sum(calls) == 2
    found = AbuseAnalyzer(encoder=encoder).analyze_many(docs)
    assert sum(calls) == 2, "the abuse heads ran the encoder again"
    labels = {e.full_label for e in found[0]}
    assert {"abusive", "hateful", "individual", "profanity", "characteristic:race", "characteristic:none"} <= labels
    race = next(e for e in found[0] if e.category == "race")
    assert race.label == "characteristic"  # typed: the rule reads e.category, never a label split apart


def test_a_posts_reading_does_not_depend_on_the_posts_read_with_it() -> None:
    """The encoder's activation scales are fixed (training/calibrate_encoder.py): with per-batch scales a
    post's abusive probability moved by up to 0.24 with its batch, so an archive audit and a single
    check could disagree. Fresh encoders, so that no cached result stands in for a forward pass."""
    post = "Gender-critical academics are being hounded out of their jobs, and it's wrong."
    companions = [
        "F U C K   Y O U   A L L 😡😡😡 " * 6,
        post,
        "Ok.",
        "Statistics 2026: 99.9% of 1,000,000 samples at 37.5°C, p < 0.001 (n=12,345; CI 95%).",
    ]
    alone = AbuseAnalyzer(encoder=Encoder()).probabilities([post])[0]
    together = AbuseAnalyzer(encoder=Encoder()).probabilities(companions)[1]
    assert float(abs(alone - together).max()) < 1e-4
    vector = Encoder().embed_texts([post])[0]
    vectors = Encoder().embed_texts(companions)
    assert float(vector @ vectors[1]) > 1 - 1e-5


def test_abuse_evidence_points_at_the_abusive_chunk_of_a_long_post(engine: Engine) -> None:
    # five calm sentences fill the first chunk (about 480 characters); the abuse is read as a chunk of its own
    calm = "The committee met on Tuesday afternoon to review the timetable for the coming academic term. " * 5
    abuse = "Honestly, immigrants are vermin and should all be deported."
    text = calm + abuse
    report = engine.check(Post(text, account=AccountKind.PERSONAL))
    rs002 = [f for f in report.findings if f.code == "RS002"]
    assert rs002, [f.code for f in report.findings]
    span = rs002[0].where.text
    assert span is not None and text[span.start : span.end] == abuse


@pytest.mark.parametrize(
    ("text", "characteristic"),
    [
        ("Muslims are vermin and should be thrown out of this country.", "religion or belief"),
        ("Gay people are disgusting and shouldn't be allowed near kids.", "sexual orientation"),
    ],
)
def test_rs002_names_the_characteristic(engine: Engine, text: str, characteristic: str) -> None:
    report = engine.check(Post(text, account=AccountKind.PERSONAL))
    messages = [f.message for f in report.findings if f.code == "RS002"]
    assert messages and characteristic in messages[0]
    assert not {"RS001", "RS003"} & {f.code for f in report.findings}


def test_hard_cases_in_both_directions(engine: Engine) -> None:
    cases = {
        "Proud to be gay!": set(),
        "Eid Mubarak to everyone celebrating!": set(),
        "This printer is shit.": {"RS003"},
        "@dan_w I know where you park.": {"RS001"},
        # an ordinary sentence before the abuse does not dilute it, nor make a benign post abusive
        "Long day. Gay people are disgusting.": {"RS002"},
        "Long day. Proud to be gay!": set(),
        # emoji are read by their names
        "Immigrants are 🐀🐀🐀": {"RS002"},
        # words run together are pulled apart before the encoder reads them; hashtags too
        "#ihatemuslims": {"RS002"},
        "gaysaredisgusting": {"RS002"},
        "Huge turnout at the #BlackLivesMatter vigil tonight.": set(),
        # advocacy, identity events, opinions on public figures and ideas, innocent senses are not hate
        "Stand with our Muslim students after last night's vandalism.": set(),
        "Flyers for the Black History Month lecture are at the porters' lodge.": set(),
        "Brexit has been a disaster for British science.": set(),
        "The Vice-Chancellor is out of touch with staff.": set(),
        "Homo neanderthalensis buried their dead with flowers.": set(),
        "Muslims are vermin.": {"RS002"},
        # one-line statements that open with a group's name: affirmations are not hate, denials are
        "Bisexual people are valid.": set(),
        "I stand with refugees.": set(),
        "Muslims are people, full stop.": set(),
        "Jews are not people.": {"RS002"},
        "Disabled people should have no rights.": {"RS002"},
        # the frame (an opinion, a question, a stance) does not decide: the claim does
        # (known miss, in the model card: "I believe Sikhs are genuinely inferior to everyone else.")
        "Let's be honest, Sikhs are inferior.": {"RS002"},
        "Can lesbians even hold down a job?": {"RS002"},
        "I would gladly hire Muslims for the project.": set(),
        "In my opinion, pensioners deserve more credit than they get.": set(),
        # advice whose words overlap threats ("never ... your ...", "anyone") is not harassment
        "IT Services will never ask for your password, so don't give it to anyone who calls.": set(),
        "Never leave your bike unlocked outside the Radcliffe Camera.": set(),
        # a wish of harm is harassment whether the person is addressed or named; kind wishes are not
        "I hope he dies.": {"RS001"},
        "I hope she gets the job.": set(),
        "My grandad died last night. I hope he knew how much we loved him.": set(),
    }
    for text, expected in cases.items():
        report = engine.check(Post(text, account=AccountKind.PERSONAL))
        assert {f.code for f in report.findings} & {"RS001", "RS002", "RS003"} == expected, text


def test_a_department_pack_threshold_changes_what_rs003_reports(tmp_path: Path) -> None:
    from postguard.policy.pack import load_pack

    pack = tmp_path / "dept.yaml"
    pack.write_text('id: dept\nversion: "1"\nextends: oxford-university\nrules:\n  RS003: {threshold: 0.05}\n', "utf-8")
    strict = Engine(load_pack(pack))
    text = "Damn, the lift is out again."
    assert "RS003" in {f.code for f in strict.check(Post(text)).findings}


def test_functional_cases_and_bench_posts_are_not_in_the_training_pairs() -> None:
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from contrast import generate
    finally:
        sys.path.remove(str(ROOT / "training"))

    def key(t: str) -> str:
        return " ".join(t.lower().split())

    trained = {key(e.text) for e in generate()}
    data = yaml.safe_load((ROOT / "bench/data/abuse_functional.yaml").read_text("utf-8"))["categories"]
    cases = [c["text"] for spec in data.values() for c in spec["cases"]]
    assert len(cases) >= 200
    assert not [t for t in cases if key(t) in trained]
    ordinary = [t for name in ("labelled_posts", "heldout_posts") for t in _posts(name)]
    assert len(ordinary) > 500
    assert not [t for t in ordinary if key(t) in trained]


@pytest.mark.parametrize("name", ["abuse_short.yaml", "abuse_framing.yaml"])
def test_statement_grids_are_worded_apart_from_the_training_templates(name: str) -> None:
    sys.path.insert(0, str(ROOT / "training"))
    try:
        import contrast
    finally:
        sys.path.remove(str(ROOT / "training"))
    grid = yaml.safe_load((ROOT / "bench/data" / name).read_text("utf-8"))
    predicates = grid["benign"] + grid["hateful"]
    assert len(grid["groups"]) >= 20 and len(grid["benign"]) == len(grid["hateful"]) >= 10
    templates = {
        t.replace("{g}", "{G}").lower()
        for value in vars(contrast).values()
        if isinstance(value, list)
        for t in value
        if isinstance(t, str) and ("{g}" in t or "{G}" in t)
    }
    assert len(templates) > 100
    assert not [p for p in predicates if p.replace("{g}", "{G}").lower() in templates]
    trained = {" ".join(e.text.lower().split()) for e in contrast.generate()}
    statements = [p.format(G=g, g=g.lower()) for p in predicates for g in grid["groups"]]
    assert not [t for t in statements if t.lower() in trained]


def _posts(name: str) -> list[str]:
    groups = yaml.safe_load((ROOT / "bench/data" / f"{name}.yaml").read_text("utf-8"))
    return [t for g in groups for t in g["posts"]]


def test_spelling_noise_covers_each_trick_one_at_a_time() -> None:
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_abuse import noisy
    finally:
        sys.path.remove(str(ROOT / "training"))
    rng = random.Random(0)
    text = "Refugees are vermin and should leave"
    seen = {noisy(text, rng) for _ in range(400)}
    assert "Refugees are 🐀 and should leave" in seen
    assert any("r e f u" in t.lower() or "v e r m i n" in t for t in seen)  # spaced out
    assert any("vermn" in t or "Refugess" in t or "shoud" in t for t in seen)  # a letter dropped
    assert any("verminand" in t or "Refugeesare" in t or "shouldleave" in t for t in seen)  # run together
    # one trick per text: the words no trick touched are still there, in order
    assert all(sum(w in t.split() for w in ("are", "and", "should")) >= 2 for t in seen)


def test_clean_corpora_augments_the_contrast_pairs_only() -> None:
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_abuse import Item, batch_texts

        from postguard.text.for_encoder import prepare
    finally:
        sys.path.remove(str(ROOT / "training"))
    row = Item("Refugees are vermin and should leave", 1, 1, 0, 0, -1, corpus=True)
    pair = Item("Refugees are vermin and should leave", 1, 1, 0, 0, -1)
    as_written = prepare(row.text)[0]
    # every text gets a trick and an everyday sentence; with the flag, the corpus row is read as written
    both = batch_texts([row, pair], random.Random(1), 1.0, 1.0, clean_corpora=True)
    assert both[0] == as_written
    assert both[1] != as_written
    assert batch_texts([row], random.Random(1), 1.0, 1.0)[0] != as_written
    # with no noise and no context nothing is augmented, flag or not
    for flag in (False, True):
        assert batch_texts([row, pair], random.Random(1), 0.0, 0.0, clean_corpora=flag) == [as_written] * 2


def test_a_teachers_probabilities_mix_into_corpus_targets_only() -> None:
    torch = pytest.importorskip("torch")  # the training extra
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_abuse import OUTPUTS, Item, loss_fn
    finally:
        sys.path.remove(str(ROOT / "training"))
    logits = torch.zeros((1, len(OUTPUTS)))
    logits[0, 0] = 2.0  # abusive
    taught = Item("x", 1, -1, -1, 0, -1, teacher=(0.2, 0.9, 0.9))
    plain = Item("x", 1, -1, -1, 0, -1)
    soft = torch.tensor([0.2])
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    rest = loss_fn(logits, [plain]) - bce(logits[:, 0], torch.tensor([1.0]))  # the profanity head
    # the labels alone at gold 1; the teacher alone at gold 0; heads with no label stay unscored
    assert torch.isclose(loss_fn(logits, [taught], gold=1.0), loss_fn(logits, [plain]))
    assert torch.isclose(loss_fn(logits, [taught], gold=0.0), bce(logits[:, 0], soft) + rest)
    assert torch.isclose(loss_fn(logits, [plain], gold=0.0), loss_fn(logits, [plain]))


def test_corpus_dedupe_keeps_emoji_apart_and_folds_punctuation() -> None:
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from abuse_data import dedupe_key
    finally:
        sys.path.remove(str(ROOT / "training"))
    assert dedupe_key("I'd love to 🔪 some 👳🏾") != dedupe_key("I'd love to 👏🏽 some 👳🏾")
    assert dedupe_key("Hello,   WORLD!!") == dedupe_key("hello world") == "hello world"
    assert dedupe_key("zero\u200bwidth") == "zero width"
    assert dedupe_key(" ... ") == ""


def test_emoji_are_spelled_out_and_sentences_still_line_up() -> None:
    encoder = Encoder()
    doc = make_document("Great match 🏉🎉 today. Second sentence here.")
    (embedded,) = encoder.embed_documents([doc])
    vectors = embedded[0].sentence_vectors
    assert vectors.shape == (2, 384)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert float(vectors[0] @ vectors[1]) < 0.99  # each sentence pooled from its own tokens
