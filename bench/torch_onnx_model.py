#!/usr/bin/python3
"""Writes the PyTorch replica of a HirMTL config (bench/torch_speed.py) as a plain PyTorch ONNX export — ImageNet-
normalised input of any size, one logits output per task named out0, out1, ... — the kind of file a user of another
framework brings to `hirmtl eval --model`. Random weights unless --train-steps trains them briefly on random batches;
the point is the file format (dynamic axes, foreign output names, logits), not the numbers.

    /usr/bin/python3 bench/torch_onnx_model.py --out /tmp/torch.onnx
    ./hirmtl eval --model /tmp/torch.onnx --outputs semseg=out0,depth=out1,normals=out2,edge=out3,saliency=out4 \\
        --input-size 128x160

Needs Debian's python3-torch (and python3-onnx is not needed: torch.onnx writes the file). Not a toolkit dependency.
"""
import argparse
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch_speed as ts  # noqa: E402


class Logits(torch.nn.Module):
    """The replica's final outputs before the loss layers' activation (softmax / sigmoid), as a tuple."""

    def __init__(self, model, spec):
        super().__init__()
        self.model = model
        self.spec = spec
        model.final_only = True

    def forward(self, x):
        out = self.model(x)
        return tuple(out[name][0] for name, *_ in self.spec.tasks)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=None, help="resolved config YAML (hirmtl config print); default quick start")
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--size", default="128x160", help="HxW of the example input used to trace the model")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    spec = ts.Spec(ts.load_config(args.config))
    model = ts.HirMtl(spec).eval()
    h, w = (int(v) for v in args.size.split("x"))
    names = [f"out{i}" for i in range(len(spec.tasks))]
    torch.onnx.export(Logits(model, spec), torch.zeros(1, 3, h, w), str(args.out), opset_version=13,
                      input_names=["image"], output_names=names,
                      dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, **{o: {0: "n", 2: "h", 3: "w"} for o in names}})
    print(f"wrote {args.out}: outputs " + ", ".join(f"{n}={o}" for (n, *_), o in zip(spec.tasks, names)))


if __name__ == "__main__":
    main()
