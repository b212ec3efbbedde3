#!/usr/bin/python3
"""Sums oneDNN's verbose log (DNNL_VERBOSE=1 / ONEDNN_VERBOSE=1) by primitive kind and direction, per training step.

Both engines print it: ND4J's oneDNN (libnd4j, through DL4J's layer helpers and libnd4j's platform ops) and PyTorch
1.13's (mkldnn convolutions and batch norm). So the same table, for the same model and batch, shows where the time of
each engine's oneDNN primitives goes: which kinds (convolution, batch_normalization, reorder, eltwise, pooling, ...),
forward or backward, with which implementation (jit:avx2, gemm:jit, ref = a slow reference kernel), and how many
primitives are created after warm-up (cache misses: a primitive built on every call).

    DNNL_VERBOSE=1 stdbuf -oL hirmtl bench --steps 3 --warmup 1 > /tmp/hirmtl.log 2>&1
    DNNL_VERBOSE=1 stdbuf -oL /usr/bin/python3 -u bench/torch_speed.py --steps 3 --warmup 1 > /tmp/torch.log 2>&1
    bench/dnnl_profile.py /tmp/hirmtl.log /tmp/torch.log --steps 4 --names hirmtl,pytorch --until '^train '

(`hirmtl bench` infers on ONNX Runtime, which prints no oneDNN lines; --until stops at the line either benchmark
prints when its training steps end, so PyTorch's inference passes are not counted.)

--steps N divides the totals by N (the number of passes the log holds, warm-up included), so the table is "ms per
step". --skip K leaves out the first K of those passes (the first K/N of each log's exec lines: every pass runs the same
primitives in the same order), so warm-up passes (first-touch page faults, JIT) do not count; the totals are then per
remaining pass. --shapes N adds a table of the N convolution problems (direction and oneDNN's problem descriptor) with
the largest difference between the first two logs: calls and ms per pass, and the median ms per call, which tells a
slower kernel (the medians differ) from stalls (same medians, larger totals). Only lines of kind exec are timed;
create lines are counted. Lines of other programs are ignored.
Not a runtime dependency of the toolkit.
"""
import argparse
import collections
import re
import statistics
import sys


def parse(path, until=None, skip=0.0):
    """{(kind, direction, impl): [calls, ms]}, {kind: creates} and {(prop, problem): [ms, ...]} of convolutions, of one
    verbose log up to a line matching until, leaving out the first `skip` (a fraction) of its exec lines."""
    records = []
    creates = collections.Counter()
    with open(path, errors="replace") as f:
        for line in f:
            if until is not None and until.search(line):
                break
            if not (line.startswith("dnnl_verbose,") or line.startswith("onednn_verbose,")):
                continue
            parts = line.rstrip("\n").split(",")
            # v2.x: dnnl_verbose,exec,cpu,kind,impl,prop,mds,attrs,aux,problem,time
            # v3.x: onednn_verbose,<timestamp>,primitive,exec,cpu,kind,impl,prop,...,time
            if len(parts) > 3 and parts[2] == "primitive":
                parts = [parts[0]] + parts[3:]
            if len(parts) < 6:
                continue
            what = parts[1]
            kind = parts[3]
            if what.startswith("create"):
                creates[kind] += 1
                continue
            if what != "exec":
                continue
            try:
                ms = float(parts[-1])
            except ValueError:
                continue
            records.append((kind, parts[4], parts[5], parts[-2], ms))
    execs = collections.defaultdict(lambda: [0, 0.0])
    shapes = collections.defaultdict(list)
    for kind, impl, prop, problem, ms in records[int(len(records) * skip):]:
        direction = "forward" if prop.startswith("forward") else ("backward" if prop.startswith("backward")
                                                                  else prop or "-")
        if kind == "reorder":
            direction = "-"
        e = execs[(kind, direction, impl)]
        e[0] += 1
        e[1] += ms
        if kind == "convolution":
            shapes[(prop, problem)].append(ms)
    return execs, creates, shapes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("logs", nargs="+", help="verbose logs, one per engine")
    ap.add_argument("--names", default=None, help="comma-separated column names (default: the file names)")
    ap.add_argument("--steps", type=float, default=1.0, help="passes in each log (totals are divided by it)")
    ap.add_argument("--by-impl", action="store_true", help="one row per implementation too")
    ap.add_argument("--skip", type=float, default=0.0, help="leave out the first SKIP passes of each log (warm-up)")
    ap.add_argument("--shapes", type=int, default=0,
                    help="also list the N convolution problems that differ most between the first two logs")
    ap.add_argument("--until", default=None,
                    help="stop reading a log at the first line matching this regex (e.g. the line a benchmark prints "
                         "when its training steps end; run it under `stdbuf -oL` so the lines keep their order)")
    a = ap.parse_args()
    names = a.names.split(",") if a.names else a.logs
    until = re.compile(a.until) if a.until else None
    parsed = [parse(p, until, a.skip / a.steps) for p in a.logs]
    passes = a.steps - a.skip
    rows = collections.OrderedDict()
    for i, (execs, _, _) in enumerate(parsed):
        for (kind, direction, impl), (calls, ms) in execs.items():
            key = (kind, direction, impl if a.by_impl else "")
            r = rows.setdefault(key, [[0, 0.0] for _ in parsed])
            r[i][0] += calls
            r[i][1] += ms
    print("| primitive | direction |" + ("" if not a.by_impl else " implementation |")
          + "".join(f" {n} ms/step (calls) |" for n in names))
    print("|---|---|" + ("" if not a.by_impl else "---|") + "---|" * len(names))
    totals = [0.0] * len(parsed)
    for key in sorted(rows, key=lambda k: -max(v[1] for v in rows[k])):
        vals = rows[key]
        cells = ""
        for i, (calls, ms) in enumerate(vals):
            totals[i] += ms
            cells += f" {ms / passes:.1f} ({calls / passes:.0f}) |" if calls else " - |"
        print(f"| {key[0]} | {key[1]} |" + (f" {key[2]} |" if a.by_impl else "") + cells)
    print("| **all oneDNN primitives** | |" + ("" if not a.by_impl else " |")
          + "".join(f" **{t / passes:.1f}** |" for t in totals))
    for n, (_, creates, _) in zip(names, parsed):
        print(f"{n}: primitives created {sum(creates.values())} ("
              + ", ".join(f"{k} {v}" for k, v in creates.most_common()) + ")")
    if a.shapes and len(parsed) >= 2:
        first, second = parsed[0][2], parsed[1][2]
        gap = {k: (sum(first.get(k, [])) - sum(second.get(k, []))) / passes for k in set(first) | set(second)}
        print()
        print("| convolution | problem |" + "".join(f" {n} ms/step (calls), median ms |" for n in names[:2]))
        print("|---|---|---|---|")
        for k in sorted(gap, key=lambda k: -gap[k])[:a.shapes]:
            cells = ""
            for d in (first, second):
                v = d.get(k, [])
                cells += (f" {sum(v) / passes:.2f} ({len(v) / passes:.0f}), {statistics.median(v):.3f} |" if v
                          else " - |")
            print(f"| {k[0]} | {k[1]} |" + cells)


if __name__ == "__main__":
    sys.exit(main())
