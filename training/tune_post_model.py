"""Choose each rule's post-model scores (``model_adds``, ``model_confirms`` in the base pack) on dev.

The engine runs once over the realistic dev split and the project's regression sets with every rule's
model part switched fully on, and records, per post and code, what the rule's own reading found, the
model's score, and whether the post's context lets a model finding stand (``Rule.model_applies``), and
whether a finding of that code counts in the final report (severity, lifting). Any pair of scores can then
be replayed without running the engine again:

    finding = (rule found it and (no confirms or score >= confirms))
              or (rule found nothing and context allows and adds is set and score >= adds)

For each code the script prints the dev precision and recall of the current pack, of the rule alone and
of the best pair on a grid (highest F1 on dev among the pairs that cost the regression sets no more
than ``--slack`` of a code's true positives and add no more than ``--slack`` false alarms), with what
the pair does to each regression set. The test split is never read. The pack's values are set by hand
from this output, in ``src/postguard/policy/base.yaml``; the model card records them.

    python training/tune_post_model.py [--codes AU002,RS001] [--slack 0]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402
import realistic  # noqa: E402

from postguard import AccountKind, Post, Severity  # noqa: E402
from postguard.engine import Engine  # noqa: E402
from postguard.policy.pack import load_pack  # noqa: E402
from postguard.rules import base as rules_base  # noqa: E402

ADDS = (None, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
CONFIRMS = (None, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
REGRESSION = {
    "labelled": accuracy.DATA,
    "heldout": accuracy.DATA.parent / "heldout_posts.yaml",
    "personal": accuracy.DATA.parent / "personal_posts.yaml",
}


def _abuse_cases() -> list[tuple[Post, set[str]]]:
    """The abuse functional cases and the two statement grids (bench/abuse.py), as regression cases for
    RS001-RS003: an abusive case expects its code and does not say about the other two."""
    data = ROOT / "bench" / "data"
    out = []
    rs = {"RS001", "RS002", "RS003"}
    functional = yaml.safe_load((data / "abuse_functional.yaml").read_text("utf-8"))["categories"]
    for spec in functional.values():
        for case in spec["cases"]:
            expect = {case["expect"]} | {"?" + c for c in rs} if case["expect"] != "none" else set()
            out.append((Post(case["text"], account=AccountKind.PERSONAL), expect))
    for name in ("abuse_short.yaml", "abuse_framing.yaml"):
        grid = yaml.safe_load((data / name).read_text("utf-8"))
        for side, expect in (("benign", set()), ("hateful", {"RS002", "?RS001", "?RS003"})):
            for pattern in grid[side]:
                for g in grid["groups"]:
                    out.append((Post(pattern.format(G=g, g=g.lower()), account=AccountKind.PERSONAL), expect))
    return out


def _rule_cases() -> list[tuple[Post, set[str]]]:
    """Each rule's cases (tests/rules/cases/CODE.yaml) and the catalogue's example and use-instead posts:
    a case of CODE expects CODE when it must fire, not when it must not, and says nothing of other codes."""
    from postguard.docsgen import example_post
    from postguard.inputs import post_from_json
    from postguard.rules.catalogue import CATALOGUE

    def dont_care(code: str) -> set[str]:
        return {"?" + c for c in CATALOGUE if c != code}

    out = []
    for path in sorted((ROOT / "tests" / "rules" / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for kind in ("fire", "ok"):
            for case in data.get(kind, []):
                fields = {"text": case} if isinstance(case, str) else dict(case)
                if isinstance(fields.get("scheduled_at"), dt.datetime):
                    fields["scheduled_at"] = fields["scheduled_at"].isoformat()
                expect = ({path.stem} if kind == "fire" else set()) | dont_care(path.stem)
                out.append((post_from_json(fields), expect))
    for code, rule in CATALOGUE.items():
        if rule.status != "active":
            continue
        for heading, expect in (("Example", {code}), ("Use instead", set())):
            fields = example_post(rule, heading)
            if fields and not {"threshold", "brand_assets"} & set(fields):
                out.append((post_from_json(fields), expect | dont_care(code)))
    return out


@dataclasses.dataclass
class Reading:
    rule: bool = False
    score: float | None = None
    applies: bool = False
    counts: bool = False


def _record(engine: Engine, posts: list[Post]) -> list[dict[str, Reading]]:
    """Per post, per code: the rule's own reading, the model's score, context, and whether it counts."""
    readings: dict[int, dict[str, Reading]] = {}
    original = rules_base.Rule.evaluate

    def evaluate(self: rules_base.Rule, ctx: rules_base.RuleContext, *, whole_post: bool = True) -> Iterator[Any]:
        hits = list(self.check(ctx))
        if whole_post and self.post_model:
            model = ctx.post_model_score(self.code)
            r = readings.setdefault(int(str(ctx.post.id)), {}).setdefault(self.code, Reading())
            r.rule = bool(hits)
            r.score = model.score if model is not None else None
            r.applies = self.model_applies(ctx)
            if not hits and model is not None and r.applies:
                hits = [self.model_hit(ctx, model)]
        yield from hits

    rules_base.Rule.evaluate = evaluate  # type: ignore[method-assign]
    try:
        reports = engine.check_many([dataclasses.replace(p, id=str(k)) for k, p in enumerate(posts)])
    finally:
        rules_base.Rule.evaluate = original  # type: ignore[method-assign]
    out = []
    for k, report in enumerate(reports):
        by_code = readings.get(k, {})
        for f in report.findings:
            if f.code in by_code and f.counts:
                by_code[f.code].counts = f.severity is not Severity.INFO or f.code in realistic.INFO_CODES
        out.append(by_code)
    return out


def _found(r: Reading | None, adds: float | None, confirms: float | None) -> bool:
    if r is None or not r.counts:
        return False
    s = r.score if r.score is not None else 0.0
    if r.rule:
        return confirms is None or r.score is None or s >= confirms
    return r.applies and adds is not None and r.score is not None and s >= adds


def _counts(rows: list[tuple[dict[str, Reading], set[str]]], code: str, adds: Any, confirms: Any) -> tuple[int, ...]:
    tp = fp = fn = 0
    for readings, expected in rows:
        got = _found(readings.get(code), adds, confirms)
        if got and code not in expected and "?" + code in expected:
            continue  # the set does not say (an abusive case's other RS codes)
        tp += got and code in expected
        fp += got and code not in expected
        fn += (not got) and code in expected
    return tp, fp, fn


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codes", default="", help="comma-separated codes (default: every model code)")
    parser.add_argument(
        "--slack",
        type=int,
        default=0,
        help="true positives lost / false alarms allowed per regression set (-1: ignore them)",
    )
    args = parser.parse_args()

    base = load_pack()
    on = {
        code: dataclasses.replace(s, model_adds=0.0, model_confirms=None) for code, s in base.rules.items()
    }  # every model part on: the replay decides
    engine = Engine(pack=dataclasses.replace(base, rules=on))

    dev_posts = realistic.load("dev")
    dev = list(
        zip(
            _record(engine, [realistic.build(p) for p in dev_posts]),
            [set(p.get("codes") or []) for p in dev_posts],  # type: ignore[call-overload]
            strict=True,
        )
    )
    regression: dict[str, list[tuple[dict[str, Reading], set[str]]]] = {}
    for name, path in REGRESSION.items():
        cases = [c for c in accuracy.load_cases(path) if not c[2].startswith("scheduled")]
        regression[name] = list(zip(_record(engine, [c[0] for c in cases]), [c[1] for c in cases], strict=True))
    abuse = _abuse_cases()
    regression["abuse"] = list(zip(_record(engine, [c[0] for c in abuse]), [c[1] for c in abuse], strict=True))
    cases = _rule_cases()
    regression["cases"] = list(zip(_record(engine, [c[0] for c in cases]), [c[1] for c in cases], strict=True))

    codes = [c for c in args.codes.split(",") if c] or sorted(
        {code for readings, _ in dev for code, r in readings.items() if r.score is not None}
    )
    for code in codes:
        current = base.rules[code]
        now = _counts(dev, code, current.model_adds, current.model_confirms)
        alone = _counts(dev, code, None, None)
        reg_now = {n: _counts(rows, code, current.model_adds, current.model_confirms) for n, rows in regression.items()}
        best: tuple[float, Any, Any, tuple[int, ...]] | None = None
        free: tuple[float, Any, Any, tuple[int, ...]] | None = None  # ignoring the regression sets
        for adds in ADDS:
            for confirms in CONFIRMS:
                c = _counts(dev, code, adds, confirms)
                f1 = _prf(*c)[2]
                if free is None or f1 > free[0] + 1e-9:
                    free = (f1, adds, confirms, c)
                worse = False
                for n, rows in regression.items():
                    tp, fp, _ = _counts(rows, code, adds, confirms)
                    slack = 0 if n == "cases" else args.slack  # the rule cases are the tests' own
                    if tp < reg_now[n][0] - slack or fp > reg_now[n][1] + slack:
                        worse = True
                if worse and args.slack >= 0:
                    continue
                if best is None or f1 > best[0] + 1e-9:
                    best = (f1, adds, confirms, c)
        line = f"{code}  now adds={current.model_adds} confirms={current.model_confirms}"
        line += "  P/R now {:.2f}/{:.2f}  rule alone {:.2f}/{:.2f}".format(*_prf(*now)[:2], *_prf(*alone)[:2])
        if best is not None:
            _, adds, confirms, c = best
            line += "  best adds={} confirms={} P/R {:.2f}/{:.2f} (tp {} fp {} fn {})".format(
                adds, confirms, *_prf(*c)[:2], *c
            )
            regs = {n: _counts(rows, code, adds, confirms) for n, rows in regression.items()}
            line += "  regression " + " ".join(
                f"{n} tp {regs[n][0]}/{reg_now[n][0]} fp {regs[n][1]}/{reg_now[n][1]}" for n in regression
            )
        if free is not None and free[1:3] != (best or free)[1:3]:
            _, adds, confirms, c = free
            line += "\n       unconstrained adds={} confirms={} P/R {:.2f}/{:.2f} (tp {} fp {} fn {})".format(
                adds, confirms, *_prf(*c)[:2], *c
            )
            regs = {n: _counts(rows, code, adds, confirms) for n, rows in regression.items()}
            line += "  regression " + " ".join(
                f"{n} tp {regs[n][0]}/{reg_now[n][0]} fp {regs[n][1]}/{reg_now[n][1]}" for n in regression
            )
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
