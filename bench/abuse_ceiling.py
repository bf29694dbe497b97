"""How much the corpora's own definitions of abuse disagree (issue 4): one run, about three minutes.

    python bench/abuse_ceiling.py

The issue's corpus target is one macro-F1 over the test splits of six corpora pooled, and each corpus
draws the line between abusive and acceptable in its own place (EDOS labels sexism only, so its
"not sexist" rows include other abuse; HatemojiBuild labels hate only; Davidson counts casual slurs in
lyrics as offensive). This script measures what that costs, on the shipped encoder's [CLS] states
(frozen, every shippable row of every split):

1. one logistic regression over all the corpora's training rows, as the product must be (it cannot
   know which corpus's definition a user's post would be judged by);
2. one small neural network (one hidden layer of 512) over all the corpora's training rows: whether a
   non-linear head on the same features would close the gap (it would also have to keep the
   functional cases, which a head trained on the corpora alone does not see);
3. one logistic regression per corpus, each told which corpus its row came from: an upper bound that
   no single classifier on these features can reach, since it uses the corpus name.

The difference between the two, on the dev and test splits, is the part of the gap to the target that
comes from the corpora disagreeing rather than from the encoder. Nothing here is used by the product.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "bench"))

import abuse_data  # noqa: E402
from abuse import macro_f1  # noqa: E402
from train_abuse import clean  # noqa: E402

from postguard.analyzers.embeddings import Chunk, Encoder  # noqa: E402


def states(texts: list[str]) -> np.ndarray:
    """Each text's final [CLS] state, scored whole (``Encoder.embed`` batches by length itself)."""
    return np.stack([e.first for e in Encoder().embed([Chunk(i, 0, t, ()) for i, t in enumerate(texts)])])


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    if not abuse_data.DATA.is_dir():
        sys.exit(f"no abuse data at {abuse_data.DATA}")
    rows = [r for r in abuse_data.load() if r.abusive is not None]
    x = states([clean(r.text) for r in rows])
    y = np.array([r.abusive for r in rows])
    dataset = np.array([r.dataset for r in rows])
    split = np.array([r.split for r in rows])
    train = split == "train"

    pooled = LogisticRegression(max_iter=3000).fit(x[train], y[train]).predict(x)
    mlp = MLPClassifier((512,), alpha=1e-3, early_stopping=True, random_state=0, max_iter=200)
    network = mlp.fit(x[train], y[train]).predict(x)
    per_corpus = np.zeros_like(y)
    for name in dict.fromkeys(dataset):
        mine = dataset == name
        model = LogisticRegression(max_iter=3000).fit(x[train & mine], y[train & mine])
        per_corpus[mine] = model.predict(x[mine])

    print(f"linear probes on the shipped encoder's [CLS] states ({train.sum()} training rows)")
    for part in ("dev", "test"):
        m = split == part
        print(f"  {part:4s} one probe for all corpora {macro_f1(y[m], pooled[m]):.3f}; "
              f"one network for all corpora {macro_f1(y[m], network[m]):.3f}; "
              f"one probe per corpus {macro_f1(y[m], per_corpus[m]):.3f}")  # fmt: skip
        for name in dict.fromkeys(dataset):
            k = m & (dataset == name)
            scores = (macro_f1(y[k], pred[k]) for pred in (pooled, network, per_corpus))
            print(f"       {name:15s} n={k.sum():5d}  " + "  ".join(f"{v:.3f}" for v in scores))


if __name__ == "__main__":
    main()
