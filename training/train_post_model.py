"""Train the post model (``src/postguard/assets/post-heads-v1.npz``) on the realistic corpus.

Seeded and deterministic: the training split of ``bench/data/realistic`` (posts written one by one by
helpers who saw only the guidance and RULES.md) is read through the shipped encoder exactly as the
analyzer reads a post at run time (:func:`postguard.analyzers.post_model.features`), and one
L2-regularised, class-balanced logistic regression is fitted per rule code (scikit-learn, the ``train``
extra). The dev split is for choosing settings; the test split is never read here. Prints each code's
precision and recall on dev at the thresholds the rules use. Takes about two minutes on 2 cores.

    pip install -e '.[train]'
    python training/train_post_model.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "bench"))

from realistic import SCORED, load  # noqa: E402
from weights_manifest import record  # noqa: E402

from postguard.analyzers.embeddings import MODEL_FILE, MODEL_ID, Encoder  # noqa: E402
from postguard.analyzers.post_model import HEADS_FILE, features  # noqa: E402
from postguard.text.document import make_document  # noqa: E402
from postguard.weights import manifest  # noqa: E402

SEED = 20261203
C = 4.0
# WK001 is the post's scheduled time, not its words: no head.
CODES = tuple(c for c in SCORED if c != "WK001")


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "src" / "postguard" / "assets" / HEADS_FILE))
    parser.add_argument("--C", type=float, default=C)
    args = parser.parse_args()

    encoder = Encoder(threads=2)
    train, dev = load("train"), load("dev")
    x_train = features(encoder, [make_document(str(p["text"])) for p in train])
    x_dev = features(encoder, [make_document(str(p["text"])) for p in dev])
    weights, biases, metrics = [], [], {}
    for code in CODES:
        y = np.array([code in (p.get("codes") or []) for p in train], dtype=int)  # type: ignore[operator]
        y_dev = np.array([code in (p.get("codes") or []) for p in dev], dtype=bool)  # type: ignore[operator]
        model = LogisticRegression(C=args.C, class_weight="balanced", max_iter=3000, random_state=SEED)
        model.fit(x_train, y)
        weights.append(model.coef_[0].astype(np.float32))
        biases.append(np.float32(model.intercept_[0]))
        p_dev = model.predict_proba(x_dev)[:, 1]
        row: dict[str, object] = {"train_positives": int(y.sum()), "dev_positives": int(y_dev.sum())}
        for threshold in (0.3, 0.6):
            predicted = p_dev >= threshold
            tp = int((predicted & y_dev).sum())
            row[f"dev_precision@{threshold}"] = round(tp / max(1, int(predicted.sum())), 3)
            row[f"dev_recall@{threshold}"] = round(tp / max(1, int(y_dev.sum())), 3)
        metrics[code] = row
        print(
            f"{code} n+={int(y.sum()):3d}  dev P@0.6={row['dev_precision@0.6']:.3f} R@0.6={row['dev_recall@0.6']:.3f}"
        )
    meta = {
        "encoder": MODEL_ID, "encoder_sha256": manifest()["files"][MODEL_FILE]["sha256"], "ngram_dim": 8192,
        "seed": SEED, "C": args.C, "train_posts": len(train), "dev_posts": len(dev), "metrics": metrics,
    }  # fmt: skip
    np.savez_compressed(
        args.out, codes=np.array(CODES), weights=np.stack(weights), bias=np.array(biases), meta=json.dumps(meta)
    )
    print(f"wrote {args.out} from {len(train)} training posts")
    record([Path(args.out)], script="training/train_post_model.py")


if __name__ == "__main__":
    main()
