#!/usr/bin/python3
"""Writes the PyTorch reference for org.hirmtl.model.vertices.BilinearUpsampleVertex:
F.interpolate(x, scale_factor=f, mode="bilinear", align_corners=False) of a fixed input, for f = 2, 3, 4, 8,
and the input-gradient of sum(out * g) for a fixed g (the adjoint), as JSON.

    /usr/bin/python3 bench/bilinear_golden.py > hirmtl-core/src/test/resources/golden/bilinear_torch.json

Test fixture generator only; not used by the toolkit at run time.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(7)
x = torch.randn(1, 2, 3, 5, dtype=torch.float64)
cases = []
for f in (2, 3, 4, 8):
    xi = x.clone().requires_grad_(True)
    y = F.interpolate(xi, scale_factor=f, mode="bilinear", align_corners=False)
    g = torch.linspace(-1, 1, y.numel(), dtype=torch.float64).reshape(y.shape)
    (y * g).sum().backward()
    cases.append({"factor": f, "output": y.detach().flatten().tolist(), "gradient_in": g.flatten().tolist(),
                  "gradient_out": xi.grad.flatten().tolist()})
print(json.dumps({"torch": torch.__version__, "input_shape": list(x.shape), "input": x.flatten().tolist(),
                  "cases": cases}))
