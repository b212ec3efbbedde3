#!/usr/bin/python3
"""Checks an ONNX file written by `hirmtl export --format onnx` with the onnx package's own checker.

Usage: bench/onnx_check.py model.onnx
Needs Debian's python3-onnx (apt-get install python3-onnx); onnxruntime for Python is not packaged by Debian, so the
numerical comparison is done in Java by `hirmtl export` itself (ONNX Runtime 1.28.0 vs DL4J).
"""
import sys

import onnx


def main(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    dims = lambda t: [d.dim_param or d.dim_value for d in t.type.tensor_type.shape.dim]
    print("ok: full check passed")
    print("opset:", ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import),
          "| IR", model.ir_version, "| producer", model.producer_name, model.producer_version)
    for i in model.graph.input:
        print("input ", i.name, dims(i))
    for o in model.graph.output:
        print("output", o.name, dims(o))
    ops = sorted({n.op_type for n in model.graph.node})
    print(len(model.graph.node), "nodes; operators:", ", ".join(ops))
    for p in model.metadata_props:
        print(f"{p.key} = {p.value}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
