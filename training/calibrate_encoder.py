"""Fix the encoder's activation scales, so that a text's vectors do not depend on its batch (issue 4).

    pip install -e '.[train]'
    python training/calibrate_encoder.py        # converts src/postguard/assets/encoder-v1.onnx in place

``training/train_abuse.py`` exports the encoder with dynamic int8 quantisation (onnxruntime's
``quantize_dynamic``): weights int8, and before every integer matrix product the activations are
quantised with one scale computed from the whole input tensor. At run time that tensor holds every text
in the batch and its padding, so a post's probabilities moved with the posts it was read with (the
abusive head by up to 0.24 on the bench's ordinary posts), and an archive audit could reach another
outcome than the same post checked alone.

This step replaces each of those per-batch scales with a fixed one: the widest range that input took
over ``CALIBRATION_TEXTS`` texts drawn (seeded) from the training data, each read alone and prepared as
at run time. Most of these ranges are set by a few outlier features that every text shares, so the
fixed scale is close to what a batch of 32 already used; the weights are untouched and the speed is the
same. ``train_abuse.py`` runs this after every export; run on its own, it converts a dynamically
quantised encoder and refuses one that is already fixed, and records the new file's hash and version in
``MODELS.json`` (``training/weights_manifest.py``). Only training splits are read.

The weights themselves are quantised before this step, by ``train_abuse.py``'s export: per channel by
default (one scale per output column), per tensor with ``--per-tensor``; this step takes either.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

CALIBRATION_TEXTS = 3_000
SEED = 20261124
DYNAMIC = "DynamicQuantizeLinear"


def calibration_texts(n: int = CALIBRATION_TEXTS) -> list[str]:
    """A seeded sample of distinct training texts: the corpora's training splits and the contrast pairs."""
    import train_abuse

    texts = sorted({item.text for item in train_abuse.corpus_items("train") + train_abuse.contrast_items()})
    return random.Random(SEED).sample(texts, min(n, len(texts)))


def activation_ranges(model: object, texts: Sequence[str]) -> dict[str, tuple[float, float]]:
    """For every input of a dynamic quantiser in ``model`` (an onnx ModelProto), the least and greatest
    value it takes over ``texts``, each text run alone with no padding."""
    import onnx
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from postguard.analyzers.embeddings import MAX_TOKENS
    from postguard.text.for_encoder import prepare

    probe = onnx.ModelProto()
    probe.CopyFrom(model)  # type: ignore[arg-type]
    names = [n.input[0] for n in probe.graph.node if n.op_type == DYNAMIC]
    for name in names:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(probe.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feeds = {i.name for i in session.get_inputs()}
    tokenizer = Tokenizer.from_file(str(ROOT / "src" / "postguard" / "assets" / "minilm-tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    low = dict.fromkeys(names, 0.0)
    high = dict.fromkeys(names, 0.0)
    for text in texts:
        ids = np.array([tokenizer.encode(prepare(text)[0]).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        for name, value in zip(names, session.run(names, {k: v for k, v in feed.items() if k in feeds}), strict=True):
            low[name] = min(low[name], float(value.min()))
            high[name] = max(high[name], float(value.max()))
    return {name: (low[name], high[name]) for name in names}


def fix_scales(model: object, ranges: dict[str, tuple[float, float]]) -> object:
    """A copy of ``model`` with each dynamic quantiser replaced by a QuantizeLinear whose scale and zero
    point are constants for ``ranges`` (uint8, asymmetric, the range widened to include 0, as the
    dynamic quantiser does), and each integer product with its rescaling (and bias, where one follows)
    written as one onnxruntime ``MatMulIntegerToFloat``: onnxruntime fuses those itself only after a
    dynamic quantiser, and left unfused the graph was about a tenth slower in batches."""
    import onnx
    from onnx import helper, numpy_helper

    fixed = onnx.ModelProto()
    fixed.CopyFrom(model)  # type: ignore[arg-type]
    graph = fixed.graph
    params = {i.name: i for i in graph.initializer}
    made = {o: n for n in graph.node for o in n.output}
    readers: dict[str, list[object]] = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)
    replaced: dict[int, list[object]] = {}
    dropped: set[int] = set()
    constants, retyped = [], set()
    for node in graph.node:
        if node.op_type == DYNAMIC:
            low, high = ranges[node.input[0]]
            low, high = min(0.0, low), max(0.0, high)
            scale = (high - low) / 255.0 if high > low else 1.0
            zero = int(np.clip(round(-low / scale), 0, 255))
            quantised, scale_name, zero_name = node.output
            constants += [
                numpy_helper.from_array(np.array(scale, dtype=np.float32), scale_name),
                numpy_helper.from_array(np.array(zero, dtype=np.uint8), zero_name),
            ]
            inputs = [node.input[0], scale_name, zero_name]
            replaced[id(node)] = [helper.make_node("QuantizeLinear", inputs, [quantised], name=node.name + "_fixed")]
            retyped |= {scale_name, zero_name}
        elif node.op_type == "MatMulInteger":
            a, w, a_zero, w_zero = node.input
            (cast,) = readers[node.output[0]]
            (rescale,) = readers[cast.output[0]]  # type: ignore[attr-defined]
            scales = made[rescale.input[1]]  # type: ignore[attr-defined]
            a_scale = made[a].output[1]
            (w_scale,) = [x for x in scales.input if x != a_scale]
            inputs, out = [a, w, a_scale, w_scale, a_zero, w_zero], rescale.output[0]  # type: ignore[attr-defined]
            following = readers.get(out, [])
            dropped |= {id(cast), id(rescale)}
            if len(following) == 1 and following[0].op_type == "Add":  # type: ignore[attr-defined]
                bias = [x for x in following[0].input if x != out and x in params]  # type: ignore[attr-defined]
                if bias and list(params[bias[0]].dims) == [params[w].dims[1]]:
                    inputs.append(bias[0])
                    out = following[0].output[0]  # type: ignore[attr-defined]
                    dropped.add(id(following[0]))
            fused = helper.make_node(
                "MatMulIntegerToFloat", inputs, [out], name=node.name + "_to_float", domain="com.microsoft"
            )
            replaced[id(node)] = [fused]
            if all(id(r) in dropped for r in readers[scales.output[0]]):
                dropped.add(id(scales))
    nodes = [new for node in graph.node if id(node) not in dropped for new in replaced.get(id(node), [node])]
    kept = [v for v in graph.value_info if v.name not in retyped]
    del graph.value_info[:]
    graph.value_info.extend(kept)
    del graph.node[:]
    graph.node.extend(nodes)  # type: ignore[arg-type]
    graph.initializer.extend(constants)
    if not any(o.domain == "com.microsoft" for o in fixed.opset_import):
        fixed.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return fixed


def calibrate(path: Path) -> None:
    """Convert the dynamically quantised encoder at ``path`` in place."""
    import onnx

    model = onnx.load(str(path))
    dynamic = sum(n.op_type == DYNAMIC for n in model.graph.node)
    if not dynamic:
        raise SystemExit(f"{path} has no dynamic quantisers: it is already calibrated (re-export it first)")
    texts = calibration_texts()
    ranges = activation_ranges(model, texts)
    onnx.save(fix_scales(model, ranges), str(path))  # type: ignore[arg-type]
    print(f"fixed {dynamic} activation scales in {path} from {len(texts)} texts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "src" / "postguard" / "assets" / "encoder-v1.onnx")
    args = parser.parse_args()
    calibrate(args.model)
    import weights_manifest  # run on its own: the re-exported encoder gets a new hash and version

    weights_manifest.record([args.model], script="training/calibrate_encoder.py")


if __name__ == "__main__":
    main()
