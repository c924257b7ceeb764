"""Print the safety rules' recall and false-alarm rate per language, with and without negations.

A missed safety incident can cost a life and a false alarm costs a manager a minute, so both
figures are shown side by side for every set we may measure: the hand-written training lines,
the dev set and the older blind set. The five-language blind set (data/blind/i18n/) is left
to the end-of-issue measurement and is never read here.

Usage: .venv/bin/python scripts/safety_recall.py [--misses] [--alarms]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.classifier.normalise import normalise  # noqa: E402
from bot.classifier.safety import Harm, detect_harm, harm_phrases  # noqa: E402

DATA = ROOT / "bot" / "classifier" / "data"
SAFETY = "safety_incident"


@dataclass(frozen=True)
class Line:
    """One labelled report: its text, language and whether it is a safety incident."""

    text: str
    lang: str
    safety: bool


@dataclass
class Tally:
    """Counts for one language of one set."""

    incidents: int = 0
    caught: int = 0
    caught_loose: int = 0
    others: int = 0
    alarms: int = 0
    alarms_loose: int = 0
    missed: list[str] = field(default_factory=list)
    raised: list[str] = field(default_factory=list)


def _lines(path: Path) -> Iterator[Line]:
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            row = json.loads(raw)
            safety = row.get("safety")
            if not isinstance(safety, bool):
                safety = row.get("scenario") == SAFETY or SAFETY in (row.get("also") or [])
            yield Line(str(row["text"]), str(row.get("lang") or "en"), safety)


def _sets(extra: Path | None) -> dict[str, list[Path]]:
    training = sorted(DATA.glob("reports-*.jsonl"))
    if extra is not None:
        names = {path.name for path in training}
        training += sorted(p for p in extra.glob("reports-*.jsonl") if p.name not in names)
    return {
        "training": training,
        "dev": [ROOT.parent / "shared" / "eval" / "reports-dev.jsonl"],
        "blind (old, en)": [DATA / "blind" / "reports-blind.jsonl"],
    }


def _tally(lines: Iterable[Line]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for line in lines:
        harm = detect_harm(normalise(line.text))
        tally = tallies.setdefault(line.lang, Tally())
        strict, loose = harm is Harm.PRESENT, harm is not Harm.NONE
        if line.safety:
            tally.incidents += 1
            tally.caught += strict
            tally.caught_loose += loose
            if not strict:
                tally.missed.append(f"[{harm.value}] {line.text}")
        else:
            tally.others += 1
            tally.alarms += strict
            tally.alarms_loose += loose
            if strict:
                phrases = "; ".join(f"{p} ({how})" for p, how in harm_phrases(normalise(line.text)))
                tally.raised.append(f"{line.text}  <= {phrases}")
    return tallies


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def _print(name: str, tallies: dict[str, Tally], show_misses: bool, show_alarms: bool) -> None:
    print(f"\n{name}")
    print("lang  incidents  recall  (no neg.)  others  false alarms  (no neg.)")
    langs = sorted(tallies)
    total = Tally()
    for lang in langs:
        t = tallies[lang]
        print(f"{lang:4}  {t.incidents:9}  {_rate(t.caught, t.incidents)}  {_rate(t.caught_loose, t.incidents):>9}"
              f"  {t.others:6}  {_rate(t.alarms, t.others):>12}  {_rate(t.alarms_loose, t.others):>9}")
        for attr in ("incidents", "caught", "caught_loose", "others", "alarms", "alarms_loose"):
            setattr(total, attr, getattr(total, attr) + getattr(t, attr))
    if len(langs) > 1:
        t = total
        print(f"all   {t.incidents:9}  {_rate(t.caught, t.incidents)}  {_rate(t.caught_loose, t.incidents):>9}"
              f"  {t.others:6}  {_rate(t.alarms, t.others):>12}  {_rate(t.alarms_loose, t.others):>9}")
    for lang in langs:
        if show_misses:
            for text in tallies[lang].missed:
                print(f"  MISS {lang}: {text}")
        if show_alarms:
            for text in tallies[lang].raised:
                print(f"  ALARM {lang}: {text}")


def _speed(texts: list[str]) -> str:
    norms = [normalise(t) for t in texts]
    start = time.perf_counter()
    for norm in norms:
        detect_harm(norm)
    per = (time.perf_counter() - start) / max(len(norms), 1)
    worst = 0.0
    for norm in norms:  # the best of three runs, so a busy machine does not pass for a slow pattern
        runs = []
        for _ in range(3):
            one = time.perf_counter()
            detect_harm(norm)
            runs.append(time.perf_counter() - one)
        worst = max(worst, min(runs))
    return f"detect_harm: {per * 1e3:.3f} ms mean, {worst * 1e3:.3f} ms slowest report, over {len(norms)} reports"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the incidents the rules miss")
    parser.add_argument("--alarms", action="store_true", help="list the false alarms")
    parser.add_argument("--extra", type=Path, help="a folder of training reports not yet in data/")
    args = parser.parse_args()
    every: list[str] = []
    for name, paths in _sets(args.extra).items():
        lines = [line for path in paths if path.exists() for line in _lines(path)]
        if not lines:
            print(f"\n{name}: no files found")
            continue
        every.extend(line.text for line in lines)
        _print(name, _tally(lines), args.misses, args.alarms)
    print("\n" + _speed(every))


if __name__ == "__main__":
    main()
