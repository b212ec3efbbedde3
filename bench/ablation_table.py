#!/usr/bin/env python3
"""Reads the runs of bench/ablation.sh (OUT/<row>-s<seed>/) and prints the markdown tables of docs/results.md.

Per run and split: the validation metrics of the epoch whose checkpoint is the run's best.zip (metrics.jsonl; the
checkpoint `hirmtl eval` scores) and the independent test set's (test.json, written by `hirmtl eval` on that
checkpoint). Delta_m against the single-task runs of the same seed (DESIGN section 4):
mean over tasks of (-1)^l (M_mt - M_st) / M_st * 100, l = 1 where lower is better. Each row shows mean ± sd over the
seeds; the last table gives, per ablation, the paired per-seed difference Δm(HirMTL) − Δm(ablated) and whether its
sign is the same on every seed (a module is credited only then), and the same per task on its headline metric.
"""
import json
import zipfile
import pathlib
import re
import statistics
import sys

PRIMARY = [("semseg", "miou", +1), ("depth", "rmse", -1), ("normals", "mean", -1),
           ("edge", "odsf", +1), ("saliency", "maxf", +1)]
ROWS = [("mtl-baseline", "Multi-task baseline (STF, TAF, AICM off)"),
        ("hirmtl", "HirMTL (STF + TAF + AICM)"),
        ("minus-stf", "HirMTL − STF"),
        ("minus-taf", "HirMTL − TAF (mean fusion)"),
        ("minus-aicm", "HirMTL − AICM (no exchange)"),
        ("minus-ds", "HirMTL − deep supervision")]


def log_lines(run):
    """The run's metrics.jsonl records, one per epoch."""
    return [json.loads(l) for l in (run / "metrics.jsonl").read_text().splitlines() if l.strip()]


def best_epoch(run):
    with zipfile.ZipFile(run / "best.zip") as z:
        return json.loads(z.read("meta.json"))["bestEpoch"]


def val_metrics(run):
    epoch = best_epoch(run)
    return next(l["val"] for l in log_lines(run) if l["epoch"] == epoch)


def test_metrics(run):
    f = run / "test.json"
    if not f.exists():
        return None
    return {k: v["value"] for k, v in json.loads(f.read_text())["metrics"].items()}


def seeds_of(root):
    found = set()
    for d in root.iterdir():
        m = re.fullmatch(r".+-s(\d+)", d.name)
        if m and (d / "done").exists():
            found.add(int(m.group(1)))
    return sorted(found)


def fmt(values, digits=4):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def delta_m(metrics, single):
    terms = [sign * (metrics[f"{t}.{m}"] - single[t]) / single[t] * 100 for t, m, sign in PRIMARY]
    return sum(terms) / len(terms)


def collect(root, seeds, reader):
    """{row: {seed: metrics}} and {seed: {task: single-task primary value}} for one split."""
    single = {}
    for s in seeds:
        single[s] = {}
        for t, m, _ in PRIMARY:
            run = root / f"single-{t}-s{s}"
            got = reader(run) if (run / "done").exists() else None
            if got is None:
                break
            single[s][t] = got[f"{t}.{m}"]
        if len(single[s]) < len(PRIMARY):
            del single[s]
    rows = {}
    for name, _ in ROWS:
        rows[name] = {}
        for s in seeds:
            run = root / f"{name}-s{s}"
            if (run / "done").exists():
                got = reader(run)
                if got is not None:
                    rows[name][s] = got
    return rows, single


def seconds(run):
    """Training seconds of the run: its epochs' times added up (metrics.jsonl, so a resumed run counts whole). The
    tables show the fastest seed's: runs that shared the machine with other work took longer."""
    return round(sum(l["seconds"] for l in log_lines(run)))


def table(root, title, rows, single):
    print(f"**{title}** (mean ± sd over seeds {', '.join(map(str, sorted(single)))})\n")
    print("| row | " + " | ".join(f"{t}.{m} {'↑' if d > 0 else '↓'}" for t, m, d in PRIMARY)
          + " | Δm % | seeds | train s (fastest seed) |")
    print("|---|" + "---|" * (len(PRIMARY) + 3))
    five = [sum(seconds(root / f"single-{t}-s{s}") for t, _, _ in PRIMARY) for s in single]
    print("| Single-task baselines | " + " | ".join(fmt([single[s][t] for s in single]) for t, _, _ in PRIMARY)
          + f" | 0 | {len(single)} | {min(five)} (all five) |")
    for name, label in ROWS:
        per = rows[name]
        if not per:
            continue
        cells = [fmt([per[s][f"{t}.{m}"] for s in per]) for t, m, _ in PRIMARY]
        dms = [delta_m(per[s], single[s]) for s in per if s in single]
        secs = min(seconds(root / f"{name}-s{s}") for s in per)
        print(f"| {label} | " + " | ".join(cells) + f" | {fmt(dms, 2)} | {len(per)} | {secs} |")
    print()


def paired(title, rows, single):
    print(f"**{title}: Δm(HirMTL) − Δm(ablated), per seed** (positive: the module helps)\n")
    print("| ablation | per seed | mean ± sd | same sign on every seed |")
    print("|---|---|---|---|")
    full = rows["hirmtl"]
    for name, label in ROWS[2:] + ROWS[:1]:
        per = rows[name]
        common = [s for s in sorted(per) if s in full and s in single]
        if not common:
            continue
        diffs = [delta_m(full[s], single[s]) - delta_m(per[s], single[s]) for s in common]
        same = all(d > 0 for d in diffs) or all(d < 0 for d in diffs)
        print(f"| {label} | " + ", ".join(f"{d:+.2f}" for d in diffs) + f" | {fmt(diffs, 2)} | "
              + ("yes" if same and len(diffs) > 1 else "no") + " |")
    print()
    print(f"**{title}: per task, HirMTL − ablated on the headline metric, in % of the single-task value** "
          "(positive: the module helps that task; mean over seeds, ✓ when the sign is the same on every seed)\n")
    print("| ablation | " + " | ".join(t for t, _, _ in PRIMARY) + " |")
    print("|---|" + "---|" * len(PRIMARY))
    for name, label in ROWS[2:] + ROWS[:1]:
        per = rows[name]
        common = [s for s in sorted(per) if s in full and s in single]
        if not common:
            continue
        cells = []
        for t, m, sign in PRIMARY:
            k = f"{t}.{m}"
            d = [sign * (full[s][k] - per[s][k]) / single[s][t] * 100 for s in common]
            same = len(d) > 1 and (all(x > 0 for x in d) or all(x < 0 for x in d))
            cells.append(f"{statistics.mean(d):+.1f}" + (" ✓" if same else ""))
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()


def main(root):
    root = pathlib.Path(root)
    seeds = seeds_of(root)
    if not seeds:
        sys.exit(f"no finished runs (<row>-s<seed>/done) in {root}")
    for title, reader in (("Validation split", val_metrics), ("Independent test set", test_metrics)):
        rows, single = collect(root, seeds, reader)
        if not single:
            print(f"*{title}: no complete set of single-task runs yet*\n")
            continue
        table(root, title, rows, single)
        paired(title, rows, single)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/ablation")
