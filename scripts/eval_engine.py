"""Measure the offline engine per language and kind of report: accuracy, safety, calibration.

    python scripts/eval_engine.py [--summary] [--json] [--cv] [--details] [--sets dev,blind,...]

Sets (each file's `lang` and `kind` are read; a line without them is English, plain):
  dev         ../shared/eval/{reports,feedback}-dev.jsonl, the development sets (tests/data/
              holds a copy, read when the repository is cloned outside the workspace)
  blind       bot/classifier/data/blind/{reports,feedback}-blind.jsonl, English, never trained on
  blind-i18n  bot/classifier/data/blind/i18n/*.jsonl, one per language, never trained on
  blind-i18n2 bot/classifier/data/blind/i18n2/*.jsonl, a second five-language set by another
              writer, added when the first had been measured six times
  cv          --cv: 5-fold cross-validation on the training data in all five languages (slow:
              every fold retrains the linear heads), with temperatures fitted on the other folds

The blind sets are measured only: never tune anything against them, or they stop meaning
"unseen". For each set: top-1 accuracy, safety recall (a line whose scenario is
safety_incident must come out with the `safety` flag) beside the false-alarm rate,
language identification, the `also` list's precision and recall, the failure flag on
feedback, and the calibration of the scenario confidence (expected calibration error over
10 bands and the reliability table).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.classifier import Classification, ScenarioClassifier, calibration, cv, data  # noqa: E402
from bot.classifier.model import softmax  # noqa: E402

SAFETY = "safety_incident"
SHARED_EVAL_DIR = ROOT.parent / "shared" / "eval"
EVAL_DIR = SHARED_EVAL_DIR if SHARED_EVAL_DIR.is_dir() else ROOT / "tests" / "data"
"""The dev sets: the workspace's, or the copy in the repository when cloned elsewhere."""
BLIND_DIR = ROOT / "bot" / "classifier" / "data" / "blind"
LANGUAGES = ("en", "es", "fr", "de", "pt")
KINDS = ("plain", "sloppy", "long", "indirect", "mixed", "negation", "quote")
DEFAULT_SETS = ("dev", "blind", "blind-i18n", "blind-i18n2")
SET_NAMES = "dev, blind, blind-i18n, blind-i18n2, cv"
Figures = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One labelled report: what it says, and what the engine should make of it."""

    text: str
    scenario: str
    lang: str = "en"
    kind: str = "plain"
    safety: bool = False
    also: tuple[str, ...] | None = None  # None: the line says nothing about further problems


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    """One labelled feedback-channel message."""

    text: str
    failure: bool
    lang: str = "en"
    kind: str = "plain"


@dataclass(frozen=True, slots=True)
class EvalSet:
    """A named set of labelled reports and feedback, and where they came from."""

    name: str
    reports: tuple[ReportLine, ...]
    feedback: tuple[FeedbackLine, ...]
    sources: tuple[str, ...]


Report = tuple[ReportLine, Classification]
Feedback = tuple[FeedbackLine, Classification]


# ---- reading the sets -------------------------------------------------------------------

def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def report_line(obj: dict[str, Any]) -> ReportLine:
    """A report line from its JSON object; older files have no lang, kind, safety or also."""
    scenario = str(obj["scenario"])
    also = obj.get("also")
    return ReportLine(
        str(obj["text"]), scenario, str(obj.get("lang") or "en"), str(obj.get("kind") or "plain"),
        bool(obj.get("safety", scenario == SAFETY)),
        tuple(str(a) for a in also) if isinstance(also, list) else None,
    )


def feedback_line(obj: dict[str, Any]) -> FeedbackLine:
    """A feedback line from its JSON object."""
    return FeedbackLine(str(obj["text"]), bool(obj["failure"]), str(obj.get("lang") or "en"),
                        str(obj.get("kind") or "plain"))


def file_set(name: str, reports: Sequence[Path], feedback: Sequence[Path]) -> EvalSet:
    """A set read from files; a missing file is skipped and said so in the sources."""
    paths = [*reports, *feedback]
    return EvalSet(
        name,
        tuple(report_line(o) for p in reports if p.exists() for o in read_jsonl(p)),
        tuple(feedback_line(o) for p in feedback if p.exists() for o in read_jsonl(p)),
        tuple(_shown(p) for p in paths),
    )


def _shown(path: Path) -> str:
    """A path as the reader would type it from the repository root."""
    where = path.resolve()
    missing = "" if where.exists() else " (missing)"
    if where.is_relative_to(ROOT):
        return f"{where.relative_to(ROOT)}{missing}"
    if where.is_relative_to(ROOT.parent):
        return f"../{where.relative_to(ROOT.parent)}{missing}"
    return f"{path}{missing}"


def named_set(name: str, dev_reports: Path, dev_feedback: Path) -> EvalSet:
    """One of the file-based sets by name."""
    if name == "dev":
        return file_set(name, [dev_reports], [dev_feedback])
    if name == "blind":
        return file_set(name, [BLIND_DIR / "reports-blind.jsonl"], [BLIND_DIR / "feedback-blind.jsonl"])
    if name in ("blind-i18n", "blind-i18n2"):
        i18n = BLIND_DIR / name.removeprefix("blind-")
        langs = sorted(p.stem.split("-", 1)[1] for p in i18n.glob("reports-*.jsonl"))
        evalset = file_set(name, sorted(i18n.glob("reports-*.jsonl")), sorted(i18n.glob("feedback-*.jsonl")))
        shown = _shown(i18n)
        return EvalSet(name, evalset.reports, evalset.feedback,
                       (f"{shown}/{{reports,feedback}}-{{{','.join(langs)}}}.jsonl",))
    raise ValueError(f"unknown set {name!r}: choose from {SET_NAMES}")


def _key(text: str) -> str:
    """How data.py recognises a repeated line."""
    return " ".join(text.lower().split())


def training_lines() -> tuple[list[ReportLine], list[FeedbackLine]]:
    """The shipped training data as the engine trains on it (data.py's order and dedupe), each
    line with the lang/kind/safety/also its file gives it."""
    report_meta: dict[str, ReportLine] = {}
    feedback_meta: dict[str, FeedbackLine] = {}
    for path in sorted(data.DATA_DIR.glob("reports-*.jsonl")):
        for obj in read_jsonl(path):
            if isinstance(obj.get("text"), str) and isinstance(obj.get("scenario"), str):
                report_meta.setdefault(_key(obj["text"]), report_line(obj))
    for path in sorted(data.DATA_DIR.glob("feedback-*.jsonl")):
        for obj in read_jsonl(path):
            if isinstance(obj.get("text"), str) and isinstance(obj.get("failure"), bool):
                feedback_meta.setdefault(_key(obj["text"]), feedback_line(obj))
    reports = [report_meta.get(_key(t)) or ReportLine(t, s, safety=s == SAFETY)
               for t, s in data.shipped_reports()]
    feedback = [feedback_meta.get(_key(t)) or FeedbackLine(t, f) for t, f in data.shipped_feedback()]
    return reports, feedback


# ---- what the engine says -----------------------------------------------------------------

def flagged_safety(prediction: Classification) -> bool:
    """The engine's safety flag: a safety report must raise it, whatever its scenario."""
    return prediction.safety


def named_language(prediction: Classification) -> str | None:
    """The language the engine says the text is in."""
    return prediction.language


def named_also(prediction: Classification) -> tuple[str, ...]:
    """Further problems the engine names besides the main scenario."""
    return prediction.also


# ---- figures ------------------------------------------------------------------------------

def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def language_figures(rows: Sequence[tuple[str, Classification]]) -> Figures:
    """Language identification over (gold language, prediction) pairs."""
    said = [(gold, named_language(c)) for gold, c in rows if named_language(c) is not None]
    return {"language_accuracy": _share(sum(gold == got for gold, got in said), len(said))}


def report_figures(rows: Sequence[Report]) -> Figures:
    """Top-1, safety recall and false alarms, language, `also` precision/recall of reports."""
    right = sum(c.scenario == line.scenario for line, c in rows)
    safety = [flagged_safety(c) for line, c in rows if line.safety or line.scenario == SAFETY]
    alarms = [flagged_safety(c) for line, c in rows if not (line.safety or line.scenario == SAFETY)]
    with_also = [(set(line.also), set(named_also(c))) for line, c in rows if line.also]
    hits = sum(len(gold & got) for gold, got in with_also)
    without = [named_also(c) for line, c in rows if not line.also]
    return {
        "n": len(rows),
        "top1": _share(right, len(rows)),
        "safety_n": len(safety),
        "safety_caught": sum(safety),
        "safety_recall": _share(sum(safety), len(safety)),
        "non_safety_n": len(alarms),
        "false_alarms": sum(alarms),
        "false_alarm_rate": _share(sum(alarms), len(alarms)),
        **language_figures([(line.lang, c) for line, c in rows]),
        "also_lines": len(with_also),
        "also_precision": _share(hits, sum(len(got) for _, got in with_also)),
        "also_recall": _share(hits, sum(len(gold) for gold, _ in with_also)),
        "also_named_without": _share(sum(bool(a) for a in without), len(without)),
    }


def feedback_figures(rows: Sequence[Feedback]) -> Figures:
    """The failure flag on feedback: accuracy, recall on failures, right on the rest."""
    failures = [c.failure for line, c in rows if line.failure]
    fine = [not c.failure for line, c in rows if not line.failure]
    return {
        "n": len(rows),
        "failure_accuracy": _share(sum(failures) + sum(fine), len(rows)),
        "failure_recall": _share(sum(failures), len(failures)),
        "fine_right": _share(sum(fine), len(fine)),
        **language_figures([(line.lang, c) for line, c in rows]),
    }


def calibration_figures(answers: Sequence[tuple[float, bool]]) -> Figures:
    """ECE and the reliability table of (confidence, right) answers."""
    return {
        "n": len(answers),
        "ece": calibration.expected_calibration_error(answers) if answers else None,
        "bands": [asdict(band) for band in calibration.reliability(answers)],
    }


def grouped(rows: Iterable[Any], key: Callable[[Any], str], order: Sequence[str]) -> dict[str, list[Any]]:
    """Rows by key: the known keys in `order` first (only those present), then others sorted."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    return {k: groups[k] for k in keys}


def report_section(rows: Sequence[Report]) -> Figures:
    """Every report figure overall, per language and per kind, and the calibration."""
    return {
        "all": report_figures(rows),
        "by_language": {k: report_figures(v) for k, v in grouped(rows, lambda r: r[0].lang, LANGUAGES).items()},
        "by_kind": {k: report_figures(v) for k, v in grouped(rows, lambda r: r[0].kind, KINDS).items()},
        "calibration": calibration_figures([(c.confidence, c.scenario == line.scenario) for line, c in rows]),
    }


def feedback_section(rows: Sequence[Feedback]) -> Figures:
    """Every feedback figure overall, per language and per kind."""
    return {
        "all": feedback_figures(rows),
        "by_language": {k: feedback_figures(v) for k, v in grouped(rows, lambda r: r[0].lang, LANGUAGES).items()},
        "by_kind": {k: feedback_figures(v) for k, v in grouped(rows, lambda r: r[0].kind, ()).items()},
    }


def set_figures(name: str, sources: Sequence[str], reports: Sequence[Report], feedback: Sequence[Feedback]) -> Figures:
    """Everything measured on one set."""
    return {"name": name, "sources": list(sources), "reports": report_section(reports),
            "feedback": feedback_section(feedback)}


def classify_set(engine: ScenarioClassifier, evalset: EvalSet) -> tuple[list[Report], list[Feedback]]:
    """The engine's answer for every line of a set."""
    return ([(line, engine.classify(line.text)) for line in evalset.reports],
            [(line, engine.classify(line.text)) for line in evalset.feedback])


# ---- cross-validation ---------------------------------------------------------------------

def cross_validated() -> tuple[list[Report], list[Feedback], Figures]:
    """Held-out answers for every training line, calibrated as train.py calibrates the shipped
    engine but on the other folds only (temperatures, then the map of the final confidence),
    and the calibration error at each step."""
    reports, feedback = training_lines()
    pairs = [(line.text, line.scenario) for line in reports]
    flags = [(line.text, line.failure) for line in feedback]
    labels = sorted({s for _, s in pairs})
    scenario_held = cv.scenarios(pairs, labels)
    failure_held = cv.failure(flags, pairs)
    folds = cv.fold_calibrations(scenario_held, failure_held)
    answers = cv.pipeline(pairs, labels, calibrations=folds, feedback=flags)
    fold_ids = [cv.fold_of(i) for i in range(len(answers))]
    plain = [(c.confidence, c.scenario == gold) for _, gold, c in answers]
    maps = [calibration.choose_confidence_map([a for a, f in zip(plain, fold_ids, strict=True) if f != fold],
                                              [f for f in fold_ids if f != fold])
            for fold in range(cv.FOLDS)]
    report_rows = [(line, replace(c, confidence=maps[fold].apply(c.confidence)))
                   for line, (text, _, c), fold in zip(reports, answers, fold_ids, strict=True)
                   if _same(line.text, text)]
    feedback_rows = [(line, c) for line, (text, _, c) in
                     zip(feedback, cv.failure_pipeline(flags, pairs, labels, calibrations=folds), strict=True)
                     if _same(line.text, text)]
    mapped = [(c.confidence, c.scenario == line.scenario) for line, c in report_rows]
    fit = {
        "scenario": _held_out_calibration(scenario_held, [f.scenario for f in folds]),
        "failure": _held_out_calibration(failure_held, [f.failure for f in folds]),
        "engine": {"n": len(plain),
                   "ece_temperature": calibration.expected_calibration_error(plain),
                   "log_loss_temperature": calibration.log_loss_of(plain),
                   "ece_mapped": calibration.expected_calibration_error(mapped),
                   "log_loss_mapped": calibration.log_loss_of(mapped),
                   "folds_mapped": sum(bool(m.knots) for m in maps)},
        "fold_temperatures": [asdict(f) for f in folds],
    }
    return report_rows, feedback_rows, fit


def _same(expected: str, got: str) -> bool:
    """Every held-out answer must be paired with its own line."""
    if expected != got:
        raise AssertionError(f"cross-validation answers out of order at {expected[:40]!r}")
    return True


def _held_out_calibration(held: Sequence[cv.HeldOut], fitted: Sequence[calibration.Temperature]) -> Figures:
    """ECE and log-loss of the raw held-out scores without scaling (t = 1) and with the
    temperature fitted on the other folds, before any rule of the engine."""
    def answers(pick: Callable[[cv.HeldOut], calibration.Temperature]) -> tuple[float, float]:
        pairs: list[tuple[float, bool]] = []
        loss = 0.0
        for h in held:
            temperature = pick(h)
            probs = softmax(h.scores.values, temperature.scale(h.scores.known_mass))
            top = max(range(len(probs)), key=probs.__getitem__)
            pairs.append((probs[top], top == h.gold))
            loss -= math.log(max(probs[h.gold], 1e-12))
        return calibration.expected_calibration_error(pairs), loss / max(len(held), 1)

    before = answers(lambda h: calibration.Temperature(1.0, 0.0))
    after = answers(lambda h: fitted[h.fold])
    return {"n": len(held), "ece_unscaled": before[0], "log_loss_unscaled": before[1],
            "ece_fitted": after[0], "log_loss_fitted": after[1]}


# ---- text output --------------------------------------------------------------------------

def _f(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _safety(fig: Figures) -> str:
    if not fig["safety_n"]:
        return "-"
    return f"{fig['safety_caught']}/{fig['safety_n']} {_f(fig['safety_recall'])}"


def _alarms(fig: Figures) -> str:
    if not fig["non_safety_n"]:
        return "-"
    return f"{fig['false_alarms']}/{fig['non_safety_n']} {_f(fig['false_alarm_rate'])}"


def _also(fig: Figures) -> str:
    if not fig["also_lines"]:
        return "-"
    return f"{_f(fig['also_precision'], 2)} / {_f(fig['also_recall'], 2)}"


LABEL_WIDTH = 16


def report_head(title: str) -> str:
    return (f"{title:{LABEL_WIDTH + 2}s}{'n':>5s}  {'top-1':>5s}  {'safety recall':>13s}  {'false alarms':>14s}  "
            f"{'lang-id':>7s}  {'also P / R':>11s}")


def report_row(label: str, fig: Figures) -> str:
    return (f"  {label:{LABEL_WIDTH}s}{fig['n']:5d}  {_f(fig['top1']):>5s}  {_safety(fig):>13s}  "
            f"{_alarms(fig):>14s}  {_f(fig['language_accuracy']):>7s}  {_also(fig):>11s}")


def feedback_head(title: str) -> str:
    return (f"{title:{LABEL_WIDTH + 2}s}{'n':>5s}  {'failure flag':>12s}  {'on failures':>11s}  "
            f"{'on the rest':>11s}  {'lang-id':>7s}")


def feedback_row(label: str, fig: Figures) -> str:
    return (f"  {label:{LABEL_WIDTH}s}{fig['n']:5d}  {_f(fig['failure_accuracy']):>12s}  "
            f"{_f(fig['failure_recall']):>11s}  {_f(fig['fine_right']):>11s}  {_f(fig['language_accuracy']):>7s}")


def reliability_lines(cal: Figures) -> list[str]:
    lines = [f"calibration of the scenario confidence: ECE {_f(cal['ece'])} over {cal['n']} answers",
             f"  {'confidence':10s}{'n':>6s}  {'mean conf':>9s}  {'accuracy':>8s}  {'gap':>6s}"]
    for band in cal["bands"]:
        if band["count"]:
            gap = band["accuracy"] - band["mean_confidence"]
            lines.append(f"  {band['low']:.1f}-{band['high']:.1f}   {band['count']:6d}  "
                         f"{band['mean_confidence']:9.3f}  {band['accuracy']:8.3f}  {gap:+6.3f}")
    return lines


def print_set(fig: Figures) -> None:
    """One set in full: reports per language and kind, feedback, the reliability table."""
    rep, fb = fig["reports"], fig["feedback"]
    print(f"== {fig['name']}: {rep['all']['n']} reports, {fb['all']['n']} feedback lines")
    print(f"   from {'; '.join(fig['sources'])}")
    if rep["all"]["n"]:
        print(report_head("reports, language"))
        for lang, sub in rep["by_language"].items():
            print(report_row(lang, sub))
        print(report_row("all", rep["all"]))
        print(report_head("reports, kind"))
        for kind, sub in rep["by_kind"].items():
            print(report_row(kind, sub))
    if fb["all"]["n"]:
        print(feedback_head("feedback, language"))
        for lang, sub in fb["by_language"].items():
            print(feedback_row(lang, sub))
        print(feedback_row("all", fb["all"]))
        if len(fb["by_kind"]) > 1:
            print(feedback_head("feedback, kind"))
            for kind, sub in fb["by_kind"].items():
                print(feedback_row(kind, sub))
    if rep["all"]["n"]:
        print("\n".join(reliability_lines(rep["calibration"])))
    print()


def print_summary(sets: Sequence[Figures]) -> None:
    """Headline figures: one row per set, one per language where a set has several."""
    print(f"{'set':14s}{'reports':>7s}  {'top-1':>5s}  {'safety recall':>13s}  {'false alarms':>14s}  "
          f"{'ECE':>5s}  {'lang-id':>7s}  {'feedback':>8s}  {'failure':>7s}")
    for fig in sets:
        rep, fb = fig["reports"], fig["feedback"]
        rows = [(fig["name"], rep["all"], fb["all"])]
        if len(rep["by_language"]) > 1:
            rows += [(f"  {lang}", sub, fb["by_language"].get(lang)) for lang, sub in rep["by_language"].items()]
        for label, r, f in rows:
            ece = rep["calibration"]["ece"] if label == fig["name"] else None
            print(f"{label:14s}{r['n']:7d}  {_f(r['top1']):>5s}  {_safety(r):>13s}  {_alarms(r):>14s}  "
                  f"{_f(ece) if label == fig['name'] else '':>5s}  {_f(r['language_accuracy']):>7s}  "
                  f"{(f['n'] if f else 0):8d}  {_f(f['failure_accuracy'] if f else None):>7s}")


def print_calibration_fit(fit: Figures) -> None:
    print("== calibration in cross-validation, each fold calibrated on the other folds only")
    for head in ("scenario", "failure"):
        h = fit[head]
        print(f"  {head} head scores ({h['n']}): ECE {_f(h['ece_unscaled'])} unscaled -> "
              f"{_f(h['ece_fitted'])} with temperature (log-loss {_f(h['log_loss_unscaled'])} -> "
              f"{_f(h['log_loss_fitted'])})")
    e = fit["engine"]
    print(f"  engine's answer ({e['n']}, rules included): ECE {_f(e['ece_temperature'])} with temperature -> "
          f"{_f(e['ece_mapped'])} with the confidence map (log-loss {_f(e['log_loss_temperature'])} -> "
          f"{_f(e['log_loss_mapped'])}; map kept in {e['folds_mapped']} of {len(fit['fold_temperatures'])} folds)")
    print()


def print_details(reports: Sequence[Report], feedback: Sequence[Feedback]) -> None:
    """Per-scenario accuracy, top confusions, and every miss."""
    per: dict[str, list[bool]] = defaultdict(list)
    for line, c in reports:
        per[line.scenario].append(c.scenario == line.scenario)
    print("per-scenario top-1 (worst first):")
    for gold, hits in sorted(per.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), kv[0])):
        print(f"  {gold:24s} {sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})")
    wrong = [(line, c) for line, c in reports if c.scenario != line.scenario]
    print("top confusions (gold -> predicted):")
    for (gold, got), n in Counter((line.scenario, c.scenario) for line, c in wrong).most_common(12):
        print(f"  {n:3d}  {gold} -> {got}")
    missed = [(line, c) for line, c in reports if line.scenario == SAFETY and not flagged_safety(c)]
    print(f"safety incidents not flagged ({len(missed)}):")
    for line, c in missed:
        print(f"  [{line.lang} {line.kind} -> {c.scenario} {c.confidence:.2f}] {_clip(line.text)}")
    print(f"misclassified reports ({len(wrong)}):")
    for line, c in sorted(wrong, key=lambda r: (r[0].lang, r[0].scenario)):
        print(f"  [{line.lang} {line.kind} {line.scenario} -> {c.scenario} {c.confidence:.2f}] {_clip(line.text)}")
    misses = [(line, c) for line, c in feedback if c.failure != line.failure]
    print(f"feedback with the wrong failure flag ({len(misses)}):")
    for line, c in misses:
        print(f"  [{line.lang} {line.kind} gold {line.failure} p={c.failure_confidence:.2f}] {_clip(line.text)}")
    print()


def _clip(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# ---- command ------------------------------------------------------------------------------

def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS),
                        help=f"comma-separated: {SET_NAMES} (default: %(default)s)")
    parser.add_argument("--cv", action="store_true", help="add 5-fold cross-validation (slow)")
    parser.add_argument("--no-cv", action="store_true", help=argparse.SUPPRESS)  # the old default
    parser.add_argument("--summary", action="store_true", help="headline figures only, one row a set")
    parser.add_argument("--json", action="store_true", help="every figure as one JSON object")
    parser.add_argument("--details", action="store_true", help="also per-scenario figures and every miss")
    parser.add_argument("--reports", type=Path, default=EVAL_DIR / "reports-dev.jsonl", help="dev reports file")
    parser.add_argument("--feedback", type=Path, default=EVAL_DIR / "feedback-dev.jsonl", help="dev feedback file")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    if args.cv and "cv" not in names:
        names.append("cv")
    if args.no_cv and "cv" in names:
        names.remove("cv")
    unknown = [n for n in names if n not in (*DEFAULT_SETS, "cv")]
    if unknown:
        parser.error(f"unknown set {', '.join(unknown)}: choose from {SET_NAMES}")
    args.names = names
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    engine = ScenarioClassifier.load()
    figures: list[Figures] = []
    result: Figures = {"sets": {}}
    for name in args.names:
        if name == "cv":
            reports, feedback, fit = cross_validated()
            fig = set_figures("cv", [f"{cv.FOLDS}-fold cross-validation on bot/classifier/data/*.jsonl"],
                              reports, feedback)
            fig["calibration_fit"] = fit
        else:
            evalset = named_set(name, args.reports, args.feedback)
            reports, feedback = classify_set(engine, evalset)
            fig = set_figures(name, evalset.sources, reports, feedback)
        figures.append(fig)
        result["sets"][name] = fig
        if not args.json and not args.summary:
            print_set(fig)
            if "calibration_fit" in fig:
                print_calibration_fit(fig["calibration_fit"])
            if args.details:
                print_details(reports, feedback)
    if args.json:
        print(json.dumps(result, indent=1))
    elif args.summary:
        print_summary(figures)
        for fig in figures:
            if "calibration_fit" in fig:
                print_calibration_fit(fig["calibration_fit"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
