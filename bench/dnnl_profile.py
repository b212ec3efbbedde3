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
step". Only lines of kind exec are timed; create lines are counted. Lines of other programs are ignored.
Not a runtime dependency of the toolkit.
"""
import argparse
import collections
import re
import sys


def parse(path, until=None):
    """{(kind, direction, impl): [calls, ms]} and {kind: creates} of one verbose log, up to a line matching until."""
    execs = collections.defaultdict(lambda: [0, 0.0])
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
            impl = parts[4]
            prop = parts[5]
            direction = "forward" if prop.startswith("forward") else ("backward" if prop.startswith("backward")
                                                                      else prop or "-")
            if kind == "reorder":
                direction = "-"
            e = execs[(kind, direction, impl)]
            e[0] += 1
            e[1] += ms
    return execs, creates


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("logs", nargs="+", help="verbose logs, one per engine")
    ap.add_argument("--names", default=None, help="comma-separated column names (default: the file names)")
    ap.add_argument("--steps", type=float, default=1.0, help="passes in each log (totals are divided by it)")
    ap.add_argument("--by-impl", action="store_true", help="one row per implementation too")
    ap.add_argument("--until", default=None,
                    help="stop reading a log at the first line matching this regex (e.g. the line a benchmark prints "
                         "when its training steps end; run it under `stdbuf -oL` so the lines keep their order)")
    a = ap.parse_args()
    names = a.names.split(",") if a.names else a.logs
    until = re.compile(a.until) if a.until else None
    parsed = [parse(p, until) for p in a.logs]
    rows = collections.OrderedDict()
    for i, (execs, _) in enumerate(parsed):
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
            cells += f" {ms / a.steps:.1f} ({calls / a.steps:.0f}) |" if calls else " - |"
        print(f"| {key[0]} | {key[1]} |" + (f" {key[2]} |" if a.by_impl else "") + cells)
    print("| **all oneDNN primitives** | |" + ("" if not a.by_impl else " |")
          + "".join(f" **{t / a.steps:.1f}** |" for t in totals))
    for n, (_, creates) in zip(names, parsed):
        print(f"{n}: primitives created {sum(creates.values())} ("
              + ", ".join(f"{k} {v}" for k, v in creates.most_common()) + ")")


if __name__ == "__main__":
    sys.exit(main())
