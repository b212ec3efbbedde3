#!/usr/bin/python3
"""PyTorch 1.13 replica of HirMTL's model (any config's widths, channels and tasks), for a side-by-side speed reference.

Not a runtime dependency of the toolkit and not used by any of its code or tests. It mirrors
`hirmtl bench` (org.hirmtl.engine.Benchmark): one random batch (built once, outside the timing), a number of
warm-up steps, then timed training steps (forward, every loss incl. the deep-supervision ones, backward, optimizer
step) and timed inference passes, and the process's peak resident memory.

Run (on an otherwise idle machine; Debian's python3 with torch 1.13 CPU):

    /usr/bin/python3 bench/torch_speed.py                               # 128x160, batch 8, train 3+10, infer 3+20
    /usr/bin/python3 bench/torch_speed.py --size 256x320
    ./hirmtl config print -c examples/nyud.yaml | /usr/bin/python3 bench/torch_speed.py --config - --size 448x576
    /usr/bin/python3 bench/torch_speed.py --check                       # only the self-checks, no timing

Options: --config FILE|- (a resolved config as `hirmtl config print` writes it; default: the built-in quick start),
--size HxW (default: the config's data.image_size), --batch N (default: the config's train.batch_size), --steps N
(timed training steps), --infer-steps N (timed inference passes, default 2 x steps), --warmup N (for both),
--threads N (default 2), --padding {same,symmetric}, --tasks a,b,... (a subset or repetition of the config's tasks,
for the scaling curves), --memory-trace (resident memory after every step).
Peak RSS is one number per process: run one size per process (as the Java `bench` does).

Supported from the config: backbone resnet18/resnet34 with any widths, stf.channels, stf.deep_supervision and its
weight, fusion taf/mean, exchange aicm/none, head conv with any channels, tasks semseg/parts (classes), depth (offset),
normals, edge (positive_weight), saliency, with their weights, optimizer lr/weight_decay, poly schedule. Anything else
stops the script with a message (it is a replica, not a second implementation).

The model (defaults.yaml / examples/quickstart.yaml), layer by layer as built by ModelBuilder and its components:
  backbone resnet18, widths [16,32,64,128], stem conv7: ConvBN(7x7/2)+ReLU, maxpool 3x3/2 (Same);
      4 stages x 2 BasicBlocks (conv3x3-BN-ReLU-conv3x3-BN + shortcut, ReLU); first block of stages 2-4 has stride 2
      and a 1x1/2 conv+BN shortcut; outputs at strides 4, 8, 16, 32.
  STF (C=32): per scale a shared ConvBNReLU 1x1 -> C; per (task, scale) a residual block
      ReLU(S + BN(conv3(ReLU(BN(conv3(S)))))).
  TAF per task: scales 8/16/32 upsampled (bilinear x2/x4/x8) to stride 4; concat (4C) -> conv1x1+bias -> 4 logits;
      per-pixel softmax over scales, weighted sum of the scale features; ConvBNReLU 3x3.
  AICM per target t, per source u != t: gate = sigmoid(conv1x1+bias([G_t; G_u]) -> C);
      [g*G_u ; (1-g)*(G_u-G_t)] (2C); mean over the 4 sources; H_t = G_t + ConvBNReLU3x3(mean) (no ReLU after the sum).
  head (conv) per task: ConvBNReLU 3x3 (32) -> conv1x1+bias -> K; bilinear x4 to the input size; finish
      (depth: + 2.5 (ShiftVertex); normals: per-pixel L2 normalisation, eps 1e-12 under the sqrt).
  deep supervision: per (task, scale) conv1x1+bias on the STF output F_{s,t} -> K, bilinear xs to the input size,
      same finish, loss x 1.0 against the full-resolution labels (as MTI-Net).
  losses (each = task weight x mean over the valid pixels of the batch, summed over all 25 outputs):
      semseg (8 classes, w 1): softmax cross-entropy, 255 ignored; depth (w 1): masked L1 (0 = missing);
      normals (w 10): L1 of the L2-normalised prediction, mean over the 3 channels, all-zero = invalid;
      edge (w 50): balanced BCE, positive weight 0.95; saliency (w 5): balanced BCE, w = n_neg/n per batch (no grad).
  optimizer: Adam lr 1e-3 (betas 0.9/0.999, eps 1e-8), poly schedule (power 0.9) over 1000 iterations as in
      Benchmark, decoupled weight decay 1e-4 (DL4J WeightDecay applyLR=true: p -= lr*1e-4*p) on convolution weights
      only (DL4J: not on biases, not on batch-norm parameters, not on the frozen bilinear kernels).
  batch norm: eps 1e-5, DL4J decay 0.9 = PyTorch momentum 0.1; batch statistics in training, running ones in eval.
  init: convolution weights Xavier normal (DL4J's default XAVIER), biases 0, BN gamma 1, beta 0.
  random batch as in Benchmark: images U[0,1) normalised with the ImageNet mean/std; semseg uniform class ids;
      depth 0.5 + 5 U[0,1); normals (0, 0, 1) everywhere; edge/saliency 1 with probability 0.1. No ignored pixels.

What is the same as the Java model: every convolution (kernel, stride, channels, bias or not), batch norm, activation,
concat/average/add, the two custom vertices (written out as tensor expressions, autograd does their backward), the
output set (5 full-resolution + 20 deep-supervision outputs), losses and their weights, the update rule.
By default also the border behaviour:
  * The toolkit's ResNet pads as torchvision does (k//2 on every side; so torchvision weights load), which is
    PyTorch's usual padding: the default `--padding symmetric`. Every other convolution of the model has stride 1,
    where DL4J's Same equals it. `--padding same` reproduces the ResNet of versions before the torchvision import
    (DL4J ConvolutionMode.Same: for stride-2 layers on even sizes 7x7/2: 2 top, 3 bottom; 3x3/2: 0 top, 1 bottom;
    maxpool 3x3/2: 0 top, 1 bottom, done with an explicit F.pad: zeros, -inf for the max pool).
  * Bilinear upsampling is F.interpolate(mode="bilinear", align_corners=False), which the Java model's
    BilinearUpsampleVertex equals borders included (its test compares with golden values from this PyTorch).
What differs (and cannot or need not be the same):
  * Engines: PyTorch's oneDNN (MKL-DNN 2.6.3 in Debian's torch 1.13) and ATen kernels vs ND4J with oneDNN helpers
    for conv/BN/pool and ND4J's own ops for everything else; DL4J computes losses on [N*H*W, C] row matrices and has
    workspaces; PyTorch's autograd keeps its own buffers. ReLUs here are in-place where safe (DL4J's are not).
  * Inference (eval, no grad) computes all 25 outputs with their output activations (softmax / sigmoid / identity),
    as ComputationGraph.output(false, x) does.
  * Parameter counting: DL4J's numParams() counts, besides trainable weights, the batch-norm running mean and
    running log10-stdev (2 per channel); PyTorch keeps those as buffers. The script prints the trainable count and
    the DL4J-style total (trainable + BN running stats).
  * Random numbers (init, batch) differ; irrelevant for speed.
"""
import argparse
import math
import os
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# The built-in quick start (hirmtl-core/.../config/defaults.yaml), used when no --config is given.
QUICKSTART = {
    "model": {"backbone": {"type": "resnet18", "widths": [16, 32, 64, 128]},
              "stf": {"enabled": True, "channels": 32, "deep_supervision": True, "deep_supervision_weight": 1.0},
              "fusion": {"type": "taf"}, "exchange": {"type": "aicm"}, "head": {"type": "conv", "channels": 32}},
    "tasks": {"semseg": {"weight": 1.0, "options": {"classes": 8}}, "depth": {"weight": 1.0, "options": {}},
              "normals": {"weight": 10.0, "options": {}}, "edge": {"weight": 50.0, "options": {"positive_weight": 0.95}},
              "saliency": {"weight": 5.0, "options": {}}},
    "data": {"image_size": "128x160"},
    "train": {"batch_size": 8, "optimizer": {"type": "adam", "lr": 1.0e-3, "weight_decay": 1.0e-4},
              "schedule": {"type": "poly", "power": 0.9}},
}
DEFAULT_WIDTHS = [64, 128, 256, 512]
BLOCKS = {"resnet18": [2, 2, 2, 2], "resnet34": [3, 4, 6, 3]}
TOTAL_ITERS = 1000  # the poly schedule's length in Benchmark
DEPTH_OFFSET = 2.5  # DepthTask.DEFAULT_OFFSET

PADDING = "symmetric"  # set from --padding


class Spec:
    """What the replica takes from a resolved config."""

    def __init__(self, cfg, task_names=None):
        m = cfg["model"]
        bb = m["backbone"]
        if bb["type"] not in BLOCKS:
            sys.exit(f"model.backbone.type {bb['type']}: the replica has resnet18 and resnet34 only")
        self.blocks = BLOCKS[bb["type"]]
        self.widths = list(bb.get("widths") or DEFAULT_WIDTHS)
        stf = m["stf"]
        if not stf.get("enabled", True):
            sys.exit("model.stf.enabled false: not in the replica")
        self.c = int(stf["channels"])
        self.ds = bool(stf.get("deep_supervision", True))
        self.ds_weight = float(stf.get("deep_supervision_weight", 1.0))
        self.fusion = m["fusion"]["type"]
        self.exchange = m["exchange"]["type"]
        if self.fusion not in ("taf", "mean") or self.exchange not in ("aicm", "none"):
            sys.exit(f"fusion {self.fusion} / exchange {self.exchange}: the replica has taf/mean and aicm/none")
        if m["head"]["type"] != "conv":
            sys.exit(f"model.head.type {m['head']['type']}: the replica has conv only")
        self.head_c = int(m["head"]["channels"])
        tasks = cfg["tasks"]
        names = task_names or list(tasks)
        self.tasks = []  # (unique name, kind, out channels, weight, options)
        for i, t in enumerate(names):
            if t not in tasks:
                sys.exit(f"--tasks: {t} is not a task of the config ({', '.join(tasks)})")
            tc = tasks[t] if isinstance(tasks[t], dict) else {"weight": tasks[t], "options": {}}
            opts = tc.get("options") or {}
            kind = t
            out = {"depth": 1, "normals": 3, "edge": 1, "saliency": 1}.get(kind)
            if kind in ("semseg", "parts"):
                out = int(opts.get("classes", 7 if kind == "parts" else 8))
            if out is None:
                sys.exit(f"task {t}: not in the replica")
            name = t if names.count(t) == 1 else f"{t}{i}"
            self.tasks.append((name, kind, out, float(tc.get("weight", 1.0)), opts))
        h, w = (int(v) for v in str(cfg["data"]["image_size"]).lower().split("x"))
        self.size = (h, w)
        self.batch = int(cfg["train"]["batch_size"])
        opt = cfg["train"]["optimizer"]
        if opt["type"] not in ("adam", "adamw"):
            sys.exit(f"train.optimizer.type {opt['type']}: the replica has adam and adamw only")
        self.optimizer = opt["type"]
        self.lr = float(opt["lr"])
        self.weight_decay = float(opt.get("weight_decay", 0.0))
        self.poly_power = float(cfg["train"]["schedule"].get("power", 0.9))


def same_pads(size, k, s):
    """DL4J ConvolutionMode.Same: output ceil(size/s), padding floor(total/2) before, the rest after."""
    out = -(-size // s)
    total = max(0, (out - 1) * s + k - size)
    return total // 2, total - total // 2


class SameConv(nn.Conv2d):
    """Conv2d with DL4J 'Same' padding (asymmetric where needed) or PyTorch's symmetric k//2."""

    def __init__(self, cin, cout, k, stride=1, bias=False):
        super().__init__(cin, cout, k, stride=stride, padding=0, bias=bias)
        self.k = k

    def forward(self, x):
        k, s = self.k, self.stride[0]
        if PADDING == "symmetric":
            return F.conv2d(x, self.weight, self.bias, s, k // 2)
        ph = same_pads(x.shape[2], k, s)
        pw = same_pads(x.shape[3], k, s)
        if ph[0] == ph[1] and pw[0] == pw[1]:
            return F.conv2d(x, self.weight, self.bias, s, (ph[0], pw[0]))
        return F.conv2d(F.pad(x, (pw[0], pw[1], ph[0], ph[1])), self.weight, self.bias, s, 0)


class MaxPoolSame(nn.Module):
    def __init__(self, k, s):
        super().__init__()
        self.k, self.s = k, s

    def forward(self, x):
        if PADDING == "symmetric":
            return F.max_pool2d(x, self.k, self.s, self.k // 2)
        ph = same_pads(x.shape[2], self.k, self.s)
        pw = same_pads(x.shape[3], self.k, self.s)
        if ph[0] == ph[1] and pw[0] == pw[1]:
            return F.max_pool2d(x, self.k, self.s, (ph[0], pw[0]))
        return F.max_pool2d(F.pad(x, (pw[0], pw[1], ph[0], ph[1]), value=float("-inf")), self.k, self.s)


class ConvBn(nn.Module):
    """GraphContext.convBn: k x k conv (Same, no bias) -> BN -> optional ReLU (its own layer in DL4J)."""

    def __init__(self, cin, cout, k, stride=1, relu=True):
        super().__init__()
        self.conv = SameConv(cin, cout, k, stride)
        self.bn = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)
        self.relu = relu

    def forward(self, x):
        x = self.bn(self.conv(x))
        return F.relu(x, inplace=True) if self.relu else x


def conv(cin, cout, k=1):
    """GraphContext.conv: k x k conv with bias (activation applied by the caller)."""
    return SameConv(cin, cout, k, 1, bias=True)


class Bilinear(nn.Module):
    """BilinearUpsampleVertex: F.interpolate(bilinear, align_corners=False), borders included."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return F.interpolate(x, scale_factor=self.f, mode="bilinear", align_corners=False)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = ConvBn(cin, cout, 3, stride, relu=True)
        self.conv2 = ConvBn(cout, cout, 3, 1, relu=False)
        self.downsample = ConvBn(cin, cout, 1, stride, relu=False) if stride != 1 or cin != cout else None

    def forward(self, x):
        s = x if self.downsample is None else self.downsample(x)
        return F.relu(self.conv2(self.conv1(x)) + s, inplace=True)


class ResNet(nn.Module):
    def __init__(self, widths, blocks):
        super().__init__()
        self.stem = ConvBn(3, widths[0], 7, 2, relu=True)
        self.pool = MaxPoolSame(3, 2)
        layers, cin = [], widths[0]
        for i, (w, n) in enumerate(zip(widths, blocks)):
            stage = [BasicBlock(cin, w, 1 if i == 0 else 2)] + [BasicBlock(w, w, 1) for _ in range(n - 1)]
            layers.append(nn.Sequential(*stage))
            cin = w
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        x = self.pool(self.stem(x))
        out = []
        for layer in self.layers:
            x = layer(x)
            out.append(x)
        return out


class StfResidual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = ConvBn(c, c, 3, 1, relu=True)
        self.conv2 = ConvBn(c, c, 3, 1, relu=False)

    def forward(self, s):
        return F.relu(s + self.conv2(self.conv1(s)), inplace=True)


class Taf(nn.Module):
    def __init__(self, c, strides, softmax=True):
        super().__init__()
        self.ups = nn.ModuleList([Bilinear(s // strides[0]) if s != strides[0] else nn.Identity() for s in strides])
        self.softmax = softmax
        if softmax:
            self.logits = conv(len(strides) * c, len(strides), 1)
        self.out = ConvBn(c, c, 3, 1, relu=True)

    def forward(self, scales):
        up = [u(x) for u, x in zip(self.ups, scales)]
        if not self.softmax:  # MeanFusion: plain mean over the upsampled scales, then ConvBNReLU 3x3
            return self.out(sum(up) / len(up))
        a = torch.softmax(self.logits(torch.cat(up, 1)), 1)
        fused = a[:, 0:1] * up[0]
        for s in range(1, len(up)):
            fused = fused + a[:, s:s + 1] * up[s]
        return self.out(fused)


class Aicm(nn.Module):
    def __init__(self, tasks, c):
        super().__init__()
        self.tasks = tasks
        self.gates = nn.ModuleDict({f"{t}__{u}": conv(2 * c, c, 1) for t in tasks for u in tasks if u != t})
        self.mix = nn.ModuleDict({t: ConvBn(2 * c, c, 3, 1, relu=True) for t in tasks})

    def forward(self, g):
        if len(self.tasks) == 1:
            return g
        out = {}
        for t in self.tasks:
            parts = []
            for u in self.tasks:
                if u == t:
                    continue
                gate = torch.sigmoid(self.gates[f"{t}__{u}"](torch.cat([g[t], g[u]], 1)))
                d = g[u] - g[t]
                parts.append(torch.cat([gate * g[u], d - gate * d], 1))
            mean = parts[0]
            for p in parts[1:]:
                mean = mean + p
            mean = mean / len(parts)
            out[t] = g[t] + self.mix[t](mean)
        return out


class Head(nn.Module):
    def __init__(self, c, hidden, out):
        super().__init__()
        self.hidden = ConvBn(c, hidden, 3, 1, relu=True)
        self.logits = conv(hidden, out, 1)
        self.up = Bilinear(4)

    def forward(self, x):
        return self.up(self.logits(self.hidden(x)))


def finish(kind, opts, x):
    if kind == "depth":
        return x + float(opts.get("offset", DEPTH_OFFSET))
    if kind == "normals":
        return x / torch.sqrt((x * x).sum(1, keepdim=True) + 1e-12)
    return x


class HirMtl(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        self.tasks = [t[0] for t in spec.tasks]
        c = spec.c
        strides = [4, 8, 16, 32]
        self.strides = strides
        self.backbone = ResNet(spec.widths, spec.blocks)
        self.proj = nn.ModuleList([ConvBn(w, c, 1, 1, relu=True) for w in spec.widths])
        self.stf = nn.ModuleDict({t: nn.ModuleList([StfResidual(c) for _ in strides]) for t in self.tasks})
        self.taf = nn.ModuleDict({t: Taf(c, strides, spec.fusion == "taf") for t in self.tasks})
        self.aicm = Aicm(self.tasks, c) if spec.exchange == "aicm" else None
        self.heads = nn.ModuleDict({n: Head(c, spec.head_c, out) for n, _, out, _, _ in spec.tasks})
        if spec.ds:
            self.aux = nn.ModuleDict({n: nn.ModuleList([conv(c, out, 1) for _ in strides])
                                      for n, _, out, _, _ in spec.tasks})
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.xavier_normal_(m.weight)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    final_only = False  # True: skip the deep-supervision outputs (what an exported inference model computes)

    def forward(self, x):
        """Returns {task: [full-resolution output, (aux s4, aux s8, aux s16, aux s32)]}, all after `finish`."""
        shared = [p(f) for p, f in zip(self.proj, self.backbone(x))]
        per_scale = {t: [blk(s) for blk, s in zip(self.stf[t], shared)] for t in self.tasks}
        fused = {t: self.taf[t](per_scale[t]) for t in self.tasks}
        exchanged = self.aicm(fused) if self.aicm is not None else fused
        out = {}
        for name, kind, _, _, opts in self.spec.tasks:
            outs = [finish(kind, opts, self.heads[name](exchanged[name]))]
            if self.spec.ds and not self.final_only:
                outs += [finish(kind, opts, F.interpolate(a(f), size=x.shape[2:], mode="bilinear",
                                                          align_corners=False))
                         for a, f in zip(self.aux[name], per_scale[name])]
            out[name] = outs
        return out


# ----- losses (task/loss/*.java): weight x mean over the valid pixels of the batch --------------------------------

def masked_mean(per_pixel, mask):
    return (per_pixel * mask).sum() / mask.sum().clamp(min=1.0)


def balanced_bce(x, y, mask, w):
    if w is None:  # saliency: per-batch n_neg / n over valid pixels, a constant for the gradient
        with torch.no_grad():
            total = mask.sum() * y.shape[1]
            w = torch.where(total > 0, (total - (y * mask).sum()) / total.clamp(min=1.0), torch.tensor(0.5))
    c = (1 - w) + (2 * w - 1) * y
    loss = c * F.softplus(x) - w * y * x
    return masked_mean(loss.mean(1, keepdim=True), mask)


def task_loss(kind, opts, pred, target):
    y, mask = target
    if kind in ("semseg", "parts"):
        return F.cross_entropy(pred, y, ignore_index=255)
    if kind in ("depth", "normals"):
        return masked_mean((pred - y).abs().mean(1, keepdim=True), mask)
    if kind == "edge":
        return balanced_bce(pred, y, mask, float(opts.get("positive_weight", 0.95)))
    return balanced_bce(pred, y, mask, None)


def total_loss(spec, outputs, targets):
    total = 0.0
    for name, kind, _, weight, opts in spec.tasks:
        for i, pred in enumerate(outputs[name]):
            total = total + weight * (1.0 if i == 0 else spec.ds_weight) * task_loss(kind, opts, pred,
                                                                                      targets[name][i])
    return total


def activate(kind, x):
    """The CnnLossLayer's activation applied by output(): softmax / sigmoid / identity."""
    if kind in ("semseg", "parts"):
        return torch.softmax(x, 1)
    if kind in ("edge", "saliency"):
        return torch.sigmoid(x)
    return x


# ----- the random batch (engine/Benchmark.randomBatch + TaskBatchAdapter) ------------------------------------------

def random_batch(spec, n, h, w, strides, gen):
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    image = (torch.rand(n, 3, h, w, generator=gen) - mean) / std

    def full(kind, out):
        if kind in ("semseg", "parts"):
            return torch.randint(0, out, (n, h, w), generator=gen)
        if kind == "depth":
            return 0.5 + 5 * torch.rand(n, 1, h, w, generator=gen)
        if kind == "normals":
            return torch.cat([torch.zeros(n, 2, h, w), torch.ones(n, 1, h, w)], 1)
        return (torch.rand(n, 1, h, w, generator=gen) < 0.1).float()

    def mask_of(kind, y):
        if kind in ("semseg", "parts"):
            return None
        if kind == "depth":
            return ((y > 0) & torch.isfinite(y)).float()
        if kind == "normals":
            return (y != 0).any(1, keepdim=True).float()
        return (y != 255).float()

    targets = {}
    for name, kind, out, _, _ in spec.tasks:
        y = full(kind, out)
        per_out = []
        for _ in [1] + (strides if spec.ds else []):  # every output, aux included, is at the input size
            per_out.append((y, mask_of(kind, y)))
        targets[name] = per_out
    return image, targets


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def count_params(model):
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    bn_stats = sum(m.running_mean.numel() + m.running_var.numel()
                   for m in model.modules() if isinstance(m, nn.BatchNorm2d))
    return trainable, bn_stats


def make_optimizer(spec, model):
    """As the toolkit: weight decay on convolution weights and biases, never on batch norm (DL4J does not regularise
    it); coupled L2 for adam (torch Adam's weight_decay), decoupled for adamw."""
    decay = [p for m in model.modules() if isinstance(m, nn.Conv2d) for p in m.parameters(recurse=False)]
    ids = {id(p) for p in decay}
    rest = [p for p in model.parameters() if id(p) not in ids]
    groups = [{"params": decay, "weight_decay": spec.weight_decay}, {"params": rest, "weight_decay": 0.0}]
    kind = torch.optim.AdamW if spec.optimizer == "adamw" else torch.optim.Adam
    return kind(groups, lr=spec.lr, betas=(0.9, 0.999), eps=1e-8)


def self_check():
    """DL4J Same padding sizes."""
    ok = True
    for (size, k, s), want in {(128, 7, 2): (2, 3), (64, 3, 2): (0, 1), (32, 1, 2): (0, 0), (32, 3, 1): (1, 1)}.items():
        got = same_pads(size, k, s)
        print(f"check Same padding in={size} k={k} s={s}: {got}")
        ok &= got == want
    return ok


def load_config(path):
    if path is None:
        return QUICKSTART
    import yaml  # Debian's python3-yaml
    text = sys.stdin.read() if path == "-" else open(path).read()
    cfg = yaml.safe_load(text)
    if not isinstance(cfg, dict) or "model" not in cfg:
        sys.exit(f"--config {path}: not a resolved config (use `hirmtl config print -c FILE`)")
    return cfg


def main():
    global PADDING
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", default=None, help="resolved config YAML (hirmtl config print), '-' for stdin")
    ap.add_argument("--size", default=None, help="HxW (default: the config's data.image_size)")
    ap.add_argument("--batch", type=int, default=None, help="default: the config's train.batch_size")
    ap.add_argument("--steps", type=int, default=10, help="timed training steps (default 10)")
    ap.add_argument("--infer-steps", type=int, default=None, help="timed inference passes (default 2 x steps)")
    ap.add_argument("--warmup", type=int, default=3, help="warm-up steps, for training and inference (default 3)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--padding", choices=["same", "symmetric"], default="symmetric")
    ap.add_argument("--tasks", default=None, help="comma-separated tasks of the config (repeats allowed)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--memory-trace", action="store_true", help="print resident memory after every step")
    ap.add_argument("--infer-only", action="store_true",
                    help="inference alone (no training in the process: its peak memory is inference's)")
    ap.add_argument("--final-only", action="store_true",
                    help="inference computes only the final outputs, not the deep-supervision ones (like an ONNX "
                         "export, which holds only the final outputs)")
    ap.add_argument("--check", action="store_true", help="only run the self-checks and the parameter count")
    a = ap.parse_args()
    spec = Spec(load_config(a.config), a.tasks.split(",") if a.tasks else None)
    h, w = (int(v) for v in a.size.lower().split("x")) if a.size else spec.size
    batch = a.batch or spec.batch
    if h % 32 or w % 32:
        sys.exit(f"--size {h}x{w}: H and W must be multiples of 32 (the largest stride)")
    PADDING = a.padding
    infer_steps = a.infer_steps if a.infer_steps is not None else 2 * a.steps
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    model = HirMtl(spec)
    trainable, bn_stats = count_params(model)
    dl4j_style = trainable + bn_stats
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, mkldnn "
          f"{torch.backends.mkldnn.is_available()}, padding {PADDING}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}")
    print(f"model: widths {spec.widths}, C {spec.c}, head {spec.head_c}, fusion {spec.fusion}, exchange "
          f"{spec.exchange}, deep supervision {spec.ds}, tasks {[t[0] for t in spec.tasks]}")
    print(f"params: trainable {trainable:,}; + BN running mean/var {bn_stats:,} = DL4J-style numParams "
          f"{dl4j_style:,}")
    if a.check:
        sys.exit(0 if self_check() else 1)

    gen = torch.Generator().manual_seed(a.seed)
    image, targets = random_batch(spec, batch, h, w, model.strides, gen)
    opt = make_optimizer(spec, model)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda it: max(0.0, 1 - it / TOTAL_ITERS) ** spec.poly_power)
    print(f"input {h}x{w}, batch {batch}, outputs {sum(len(v) for v in targets.values())}, "
          f"peak RSS before training {peak_rss_mib():.0f} MiB")

    def train_step():
        opt.zero_grad(set_to_none=True)
        loss = total_loss(spec, model(image), targets)
        loss.backward()
        opt.step()
        sched.step()
        return loss.item()

    def timed(phase, step, n):
        total = 0.0
        for i in range(a.warmup + n):
            t0 = time.perf_counter()
            result = step()
            dt = time.perf_counter() - t0
            if i >= a.warmup:
                total += dt
            if a.memory_trace:
                print(f"memory {phase} step {i + 1}{' (warm-up)' if i < a.warmup else ''}: {dt:.3f} s, resident "
                      f"{rss_mib():.0f} MiB, peak {peak_rss_mib():.0f} MiB", flush=True)
        return total, result

    train_ips = float("nan")
    if not a.infer_only:
        model.train()
        dt, loss = timed("train", train_step, a.steps)
        train_ips = a.steps * batch / dt
        if not math.isfinite(loss):
            sys.exit(f"loss is {loss}")
        print(f"train {h}x{w} batch {batch}: {train_ips:.2f} images/s ({dt / a.steps:.3f} s/step over {a.steps} "
              f"steps after {a.warmup} warm-up; last loss {loss:.3f}); peak RSS so far {peak_rss_mib():.0f} MiB")

    model.eval()
    model.final_only = a.final_only
    kinds = {t[0]: t[1] for t in spec.tasks}
    with torch.no_grad():
        def infer():
            return {t: [activate(kinds[t], o) for o in outs] for t, outs in model(image).items()}
        dt, _ = timed("infer", infer, infer_steps)
    infer_ips = infer_steps * batch / dt
    print(f"infer {h}x{w} batch {batch}: {infer_ips:.2f} images/s ({dt / infer_steps:.3f} s/pass over "
          f"{infer_steps} passes after {a.warmup} warm-up)")
    print(f"peak RSS {peak_rss_mib():.0f} MiB")
    print(f"RESULT size={h}x{w} batch={batch} train_ips={train_ips:.2f} infer_ips={infer_ips:.2f} "
          f"peak_rss_mib={peak_rss_mib():.0f} params_trainable={trainable} params_dl4j_style={dl4j_style} "
          f"tasks={len(spec.tasks)} padding={PADDING} threads={torch.get_num_threads()}")


if __name__ == "__main__":
    main()
