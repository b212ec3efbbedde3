#!/usr/bin/env python3
"""Writes a torchvision ResNet's weights as .npz (the format `model.backbone.options.weights` reads) and, for checking
the import, the features its four stages give for a random image.

    /usr/bin/python3 bench/torchvision_features.py --arch resnet18 --out DIR [--size 64x96] [--seed 0]

DIR/weights.npz: the state_dict, one array per tensor name (as `np.savez(f, **{k: v.numpy() ...})`).
DIR/features.npz: `image` [1,3,H,W] (the network input, already normalised) and `layer1`..`layer4` outputs
(eval mode, so batch norm uses the running statistics). Weights are torchvision's random initialisation with
`torch.manual_seed(seed)`, with the batch-norm statistics and affine parameters randomised too, so a wrong
mapping of any tensor shows. For ImageNet weights pass --pretrained (needs the weights in torch's cache; no
download happens here).

--hash-weights fills every tensor instead from an integer hash (splitmix64 of tensor number and element index, see
hash_values) that Java reproduces bit for bit, and writes DIR/manifest.json (name, shape, dtype of every tensor in
state_dict order). The committed fixture of TorchvisionWeightsTest (hirmtl-core/src/test/resources/torchvision/) is

    /usr/bin/python3 bench/torchvision_features.py --arch resnet18 --hash-weights --size 32x64 --seed 5 \
        --out hirmtl-core/src/test/resources/torchvision/resnet18-hash

so the test checks the import against torchvision's own forward pass on machines without PyTorch too, with
features.npz and manifest.json (about 90 kB) instead of 45 MB of weights.
"""
import argparse
import json
import math
import pathlib

import numpy as np
import torch
import torchvision


M64 = (1 << 64) - 1


def hash_unit(tensor_no, count):
    """u in [0, 1) for elements 0..count-1 of tensor number tensor_no: the top 24 bits of
    splitmix64(tensor_no * 2^32 + element), exactly representable in float32 and float64."""
    x = (np.arange(count, dtype=np.uint64) + np.uint64(tensor_no << 32)) & np.uint64(M64)
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(40)).astype(np.float64) / float(1 << 24)


def hash_values(tensor_no, name, shape):
    """The value of every element (float64, C order) for a tensor: convolution and linear weights uniform with
    torchvision's kaiming-normal(fan_out) standard deviation, batch-norm scale in [0.5, 1.5), shift and running mean
    in [-0.2, 0.2), running variance in [0.5, 2.0), other biases in [-0.1, 0.1)."""
    u = hash_unit(tensor_no, int(np.prod(shape)) if shape else 1)
    leaf = name.rsplit(".", 1)[-1]
    if leaf == "weight" and len(shape) >= 2:
        fan_out = shape[0] * int(np.prod(shape[2:]))
        return (2.0 * u - 1.0) * math.sqrt(3.0) * math.sqrt(2.0 / fan_out)
    if leaf == "weight":
        return 0.5 + u
    if leaf == "running_var":
        return 0.5 + 1.5 * u
    if leaf in ("running_mean",) or (leaf == "bias" and not name.startswith("fc.")):
        return -0.2 + 0.4 * u
    return -0.1 + 0.2 * u


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="resnet18", choices=["resnet18", "resnet34"])
    p.add_argument("--out", required=True)
    p.add_argument("--size", default="64x96")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pretrained", action="store_true")
    p.add_argument("--hash-weights", action="store_true")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    model = getattr(torchvision.models, a.arch)(weights="DEFAULT" if a.pretrained else None)
    manifest = []
    if a.hash_weights:
        with torch.no_grad():
            for no, (name, t) in enumerate(model.state_dict().items()):
                manifest.append({"name": name, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")})
                if t.is_floating_point():
                    v = hash_values(no, name, list(t.shape)).astype(np.float32).reshape(t.shape)
                    t.copy_(torch.from_numpy(v))
    elif not a.pretrained:
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, torch.nn.BatchNorm2d):
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.uniform_(-0.2, 0.2)
                    m.running_mean.uniform_(-0.2, 0.2)
                    m.running_var.uniform_(0.5, 2.0)
    model.eval()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    if a.hash_weights:
        lines = ",\n".join("  " + json.dumps(t) for t in manifest)
        (out / "manifest.json").write_text(f'{{"arch": "{a.arch}", "tensors": [\n{lines}\n]}}\n')
    else:
        np.savez(out / "weights.npz", **{k: v.numpy() for k, v in model.state_dict().items()})
    h, w = (int(v) for v in a.size.split("x"))
    x = torch.randn(1, 3, h, w)
    feats = {"image": x.numpy()}
    with torch.no_grad():
        y = model.maxpool(model.relu(model.bn1(model.conv1(x))))
        for i in range(1, 5):
            y = getattr(model, f"layer{i}")(y)
            feats[f"layer{i}"] = y.numpy()
    np.savez(out / "features.npz", **feats)


if __name__ == "__main__":
    main()
