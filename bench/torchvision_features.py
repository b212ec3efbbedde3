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
"""
import argparse
import pathlib

import numpy as np
import torch
import torchvision


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="resnet18", choices=["resnet18", "resnet34"])
    p.add_argument("--out", required=True)
    p.add_argument("--size", default="64x96")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pretrained", action="store_true")
    a = p.parse_args()
    torch.manual_seed(a.seed)
    model = getattr(torchvision.models, a.arch)(weights="DEFAULT" if a.pretrained else None)
    if not a.pretrained:
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
