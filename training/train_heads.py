"""Rebuild the semantic heads (``src/postguard/assets/heads-v1.npz``) from the project's own posts.

Seeded and deterministic: posts from ``training/generate_posts.py`` plus the hand-written exemplars
in ``training/exemplars.yaml`` are embedded with the shipped MiniLM int8 encoder and joined with hashed
word n-grams; one L2-regularised logistic regression per label is fitted (scikit-learn, the ``train``
extra). Generated posts weigh ``--generated-weight`` (0.3) against 1.0 for the hand-written exemplars,
so the templates do not drown them. Takes under a minute.

    pip install -e '.[train]'
    python training/train_heads.py            # writes the heads and prints training metrics
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from generate_posts import generate  # noqa: E402
from weights_manifest import record  # noqa: E402

from postguard.analyzers import ngrams  # noqa: E402
from postguard.analyzers.embeddings import MODEL_FILE, MODEL_ID, Encoder  # noqa: E402
from postguard.analyzers.semantic import HEADS_FILE, LABELS  # noqa: E402
from postguard.weights import manifest  # noqa: E402

SEED = 20261124
GENERATED_WEIGHT = 0.3


def load_rows() -> list[dict[str, object]]:
    rows = list(generate(SEED))
    for row in rows:
        row["weight"] = GENERATED_WEIGHT
    exemplars = yaml.safe_load((ROOT / "training" / "exemplars.yaml").read_text("utf-8"))
    for group in exemplars:
        for text in group["posts"]:
            rows.append({"text": text, "labels": sorted(group["labels"]), "weight": 1.0})
    return rows


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "src" / "postguard" / "assets" / HEADS_FILE))
    parser.add_argument("--C", type=float, default=4.0)
    args = parser.parse_args()

    rows = load_rows()
    texts = [str(r["text"]) for r in rows]
    X = np.hstack([Encoder(threads=2).embed_texts(texts), ngrams.features(texts)])
    weight = np.array([float(r["weight"]) for r in rows])  # type: ignore[arg-type]
    weights, biases, metrics = [], [], {}
    for label in LABELS:
        y = np.array([label in r["labels"] for r in rows], dtype=int)  # type: ignore[operator]
        model = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000, random_state=SEED)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
        predicted = cross_val_predict(model, X, y, cv=folds, params={"sample_weight": weight})
        tp = int(((predicted == 1) & (y == 1)).sum())
        precision = tp / max(1, int((predicted == 1).sum()))
        recall = tp / max(1, int(y.sum()))
        metrics[label] = {"positives": int(y.sum()), "cv_precision": round(precision, 3), "cv_recall": round(recall, 3)}
        model.fit(X, y, sample_weight=weight)
        weights.append(model.coef_[0].astype(np.float32))
        biases.append(np.float32(model.intercept_[0]))
        print(f"{label:22s} n+={int(y.sum()):4d}  5-fold P={precision:.3f} R={recall:.3f}")
    meta = {
        "encoder": MODEL_ID, "encoder_sha256": manifest()["files"][MODEL_FILE]["sha256"],
        "ngram_dim": ngrams.DIM, "ngram_scale": ngrams.SCALE, "seed": SEED, "rows": len(rows),
        "generated_weight": GENERATED_WEIGHT, "C": args.C, "metrics": metrics,
    }  # fmt: skip
    np.savez_compressed(
        args.out, labels=np.array(LABELS), weights=np.stack(weights), bias=np.array(biases), meta=json.dumps(meta)
    )
    print(f"wrote {args.out} from {len(rows)} posts")
    record([Path(args.out)], script="training/train_heads.py")  # new hash and version in MODELS.json


if __name__ == "__main__":
    main()
