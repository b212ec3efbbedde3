#!/usr/bin/env python3
"""Where a DL4J training step goes: JFR native-method samples attributed to the layer or vertex on the stack.

Record `hirmtl bench` with Java Flight Recorder and summarise:

    JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/q.jfr,settings=profile" hirmtl bench --steps 20 --warmup 5
    jfr print --stack-depth 96 --events jdk.NativeMethodSample,jdk.ExecutionSample /tmp/q.jfr > /tmp/q.txt
    bench/jfr_profile.py /tmp/q.txt --skip 9

Native-method samples (a Java thread inside a native call: ND4J ops, oneDNN, BLAS) and execution samples (running
Java code) are taken at the same rate (20 ms with the profile settings), so together they are the main thread's
time. Each sample is attributed to the innermost frame of a DL4J
layer, a graph vertex, the toolkit's own layers/vertices/helpers or the updater, and to its direction (forward,
backward, score, update) by that frame's method. Samples without such a frame (ONNX Runtime inference, data,
start-up) are "other". Prints samples and shares, largest first.
"""
import argparse
import collections
import re
import sys

# innermost matching frame wins; order = priority among equally deep frames
OWNERS = [
    (re.compile(r"^(org\.hirmtl\.engine\.(OneDnnConvolution|OneDnnBatchNorm))"), None),
    (re.compile(r"^(org\.hirmtl\.(model\.vertices|engine\.layers|api\.vertex)\.[A-Za-z]+)"), None),
    (re.compile(r"^(org\.deeplearning4j\.nn\.layers\.[a-z.]*\.?[A-Z][A-Za-z0-9]*)"), None),
    (re.compile(r"^(org\.deeplearning4j\.nn\.graph\.vertex\.impl\.[A-Za-z0-9]+)"), None),
    (re.compile(r"^(org\.deeplearning4j\.nn\.updater\.[A-Za-z0-9.]+|org\.nd4j\.linalg\.learning\.[A-Za-z0-9.]+)"),
     "update"),
    (re.compile(r"^(org\.deeplearning4j\.nn\.graph\.ComputationGraph)"), None),
]
BACKWARD = re.compile(r"backprop|doBackward|Backward|backward|calcBackpropGradients")
FORWARD = re.compile(r"activate|doForward|Forward|forward|ffToLayerActivations|preOutput")
SCORE = re.compile(r"computeScore|score")


def attribute(frames):
    """(owner, direction) of one sample's frames, innermost first."""
    for f in frames:
        method = f.split("(")[0]
        for pattern, fixed in OWNERS:
            m = pattern.match(method)
            if m:
                owner = m.group(1).rsplit(".", 1)[-1]
                if fixed:
                    return owner if fixed != "update" else "updater", fixed
                name = method.rsplit(".", 1)[-1]
                # the direction comes from the outermost layer/graph call below this frame
                direction = None
                for g in frames[frames.index(f):]:
                    gm = g.split("(")[0].rsplit(".", 1)[-1]
                    if BACKWARD.search(gm):
                        direction = "backward"
                        break
                    if SCORE.search(gm) and "ComputationGraph" not in g:
                        direction = "score"
                        break
                    if FORWARD.search(gm):
                        direction = "forward"
                        break
                return owner, direction or name
    return "other", "-"


def seconds(stamp):
    """Seconds of the day of a JFR start time such as 10:32:02.698."""
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def samples(path, skip=0.0):
    """Each sample's frames (innermost first), leaving out the first `skip` seconds of the recording."""
    frames = None
    start = first = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            s = line.strip()
            if s.startswith(("jdk.NativeMethodSample", "jdk.ExecutionSample")):
                if frames is not None and start is not None and start - first >= skip:
                    yield frames
                frames = []
                start = None
            elif frames is not None and s.startswith("startTime"):
                start = seconds(s.split("=", 1)[1].strip().split()[0])
                first = start if first is None else first
            elif frames is not None and s and not s.startswith(("sampledThread", "state", "stackTrace",
                                                                   "]", "}", "...")):
                if "line:" in s or "(" in s:
                    frames.append(s.split(" line:")[0])
    if frames is not None and start is not None and start - first >= skip:
        yield frames


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="output of jfr print --stack-depth 96 --events jdk.NativeMethodSample[,jdk.ExecutionSample]")
    p.add_argument("--top", type=int, default=40)
    p.add_argument("--skip", type=float, default=0.0,
                   help="leave out the first SKIP seconds of the recording (start-up, warm-up steps)")
    a = p.parse_args()
    by = collections.Counter()
    total = 0
    for fr in samples(a.file, a.skip):
        by[attribute(fr)] += 1
        total += 1
    if total == 0:
        sys.exit("no jdk.NativeMethodSample events in " + a.file)
    training = total - sum(v for (o, _), v in by.items() if o == "other")
    print(f"{total} samples, {training} in training (layers, vertices, updater)")
    print(f"{'owner':40s} {'direction':10s} {'samples':>8s} {'% train':>8s}")
    for (owner, direction), n in by.most_common(a.top):
        share = "" if owner == "other" else f"{100.0 * n / training:7.1f}%"
        print(f"{owner:40s} {direction:10s} {n:8d} {share:>8s}")


if __name__ == "__main__":
    main()
