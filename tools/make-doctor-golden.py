#!/usr/bin/env python3
"""Writes src/VpDarts/Diagnostics/doctor-golden.safetensors, the reference `vpdarts doctor` compares against.

An NB201 supernet (C=4, N=1, 10 classes, raw alpha as in VP-DARTS) written here in plain PyTorch with the module
names the library uses, seeded random weights, BatchNorm running statistics and alpha, and a 6x3x16x16 input. It
stores the weights (`w.<name>`), the input and labels (`x.input`, `x.labels`), and PyTorch's results: training-mode
logits, eval-mode logits, the cross-entropy loss, dloss/dalpha and dloss/d(stem conv weight) (`y.<name>`).
Channel counts 4, 8 and 16 put 4- and 8-channel convolutions on padded 16-lane blocks on AVX-512 machines, and the
gradients run every convolution's backward pass, which is where a machine's kernels are most likely to go wrong.

The input is the first of a seeded series whose ReLU inputs (training mode, computed in float64) all lie at least
RELU_MARGIN from zero. The gradients are discontinuous where a ReLU input is 0: if one sat within float32 rounding of
it, another summation order (more threads, another CPU's kernels) could put it on the other side and change
dloss/dalpha by far more than the tolerance, and the check would blame a machine whose kernels are right.

Usage (Debian: apt-get install -y python3-torch):  /usr/bin/python3 tools/make-doctor-golden.py [OUTPUT]
"""
import json
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

C, N, CLASSES, SEED = 4, 1, 10, 2024
RELU_MARGIN = 5e-5
EDGES = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]


class ReLUConvBN(nn.Module):
    def __init__(self, cin, cout, k, stride, pad, affine):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, pad, bias=False)
        self.bn = nn.BatchNorm2d(cout, affine=affine)

    def forward(self, x):
        return self.bn(self.conv(F.relu(x)))


class MixedEdge(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.nor_conv_1x1 = ReLUConvBN(c, c, 1, 1, 0, affine=False)
        self.nor_conv_3x3 = ReLUConvBN(c, c, 3, 1, 1, affine=False)

    def forward(self, x, w):
        pool = F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
        return x * w[1] + self.nor_conv_1x1(x) * w[2] + self.nor_conv_3x3(x) * w[3] + pool * w[4]


class SearchCell(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.edges = nn.ModuleList([MixedEdge(c) for _ in EDGES])

    def forward(self, x, alpha):
        nodes = [x]
        for to in range(1, 4):
            total = None
            for e, (t, source) in enumerate(EDGES):
                if t != to:
                    continue
                out = self.edges[e](nodes[source], alpha[e])
                total = out if total is None else total + out
            nodes.append(total)
        return nodes[3]


class Stem(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.conv = nn.Conv2d(cin, c, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return self.bn(self.conv(x))


class Downsample(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 1, bias=False)

    def forward(self, x):
        return self.conv(F.avg_pool2d(x, 2, 2))


class ResNetBasicBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv_a = ReLUConvBN(cin, cout, 3, 2, 1, affine=True)
        self.conv_b = ReLUConvBN(cout, cout, 3, 1, 1, affine=True)
        self.downsample = Downsample(cin, cout)

    def forward(self, x):
        return self.conv_b(self.conv_a(x)) + self.downsample(x)


class LastAct(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return F.relu(self.bn(x))


class Supernet(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.stem = Stem(cin, C)
        cells = []
        for stage in range(3):
            if stage > 0:
                cells.append(ResNetBasicBlock(C << (stage - 1), C << stage))
            cells += [SearchCell(C << stage) for _ in range(N)]
        self.cells = nn.ModuleList(cells)
        self.lastact = LastAct(C << 2)
        self.classifier = nn.Linear(C << 2, CLASSES)
        self.alpha = nn.Parameter(torch.empty(len(EDGES), 5))

    def forward(self, x):
        h = self.stem(x)
        for cell in self.cells:
            h = cell(h, self.alpha) if isinstance(cell, SearchCell) else cell(h)
        return self.classifier(F.adaptive_avg_pool2d(self.lastact(h), 1).flatten(1))


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        data = t.numpy().tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def smallest_relu_input(net, x):
    """The smallest |ReLU input| of a training-mode pass of a float64 copy of the network."""
    smallest = [float("inf")]
    relu = F.relu

    def recording(t, *args, **kwargs):
        smallest[0] = min(smallest[0], t.detach().abs().min().item())
        return relu(t, *args, **kwargs)

    copy = Supernet(3).double()
    copy.load_state_dict(net.state_dict())
    copy.train()
    F.relu = recording
    try:
        with torch.no_grad():
            copy(x.double())
    finally:
        F.relu = relu
    return smallest[0]


def input_clear_of_relu_kinks(net):
    """The first seeded input whose ReLU inputs all lie at least RELU_MARGIN from zero, its labels and its seed."""
    for seed in range(1000):
        generator = torch.Generator().manual_seed(seed)
        x = torch.randn(6, 3, 16, 16, generator=generator)
        margin = smallest_relu_input(net, x)
        if margin >= RELU_MARGIN:
            return x, torch.randint(0, CLASSES, (6,), generator=generator), seed, margin
    raise SystemExit(f"no input among 1000 seeds keeps every ReLU input {RELU_MARGIN} from zero")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "src/VpDarts/Diagnostics/doctor-golden.safetensors"
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    net = Supernet(3)
    with torch.no_grad():
        for name, p in net.named_parameters():
            p.copy_(torch.randn_like(p) * (0.3 if p.dim() > 1 else 0.1) + (1.0 if name.endswith("bn.weight") else 0.0))
        net.alpha.copy_(torch.rand(len(EDGES), 5) * 0.4)
        for name, b in net.named_buffers():
            if name.endswith("running_mean"):
                b.copy_(torch.randn_like(b) * 0.1)
            elif name.endswith("running_var"):
                b.copy_(torch.rand_like(b) + 0.5)
    x, labels, input_seed, margin = input_clear_of_relu_kinks(net)

    net.eval()
    with torch.no_grad():
        logits_eval = net(x)
    state = {k: v.clone() for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
    net.train()
    logits = net(x)
    loss = F.cross_entropy(logits, labels)
    loss.backward()

    tensors = {f"w.{k}": v for k, v in state.items()}
    tensors.update({"x.input": x, "x.labels": labels, "y.logits_train": logits, "y.logits_eval": logits_eval,
                    "y.loss": loss.reshape(1), "y.alpha_grad": net.alpha.grad, "y.stem_conv_grad": net.stem.conv.weight.grad})
    save_safetensors(out, tensors)
    print(f"wrote {out}: {len(tensors)} tensors, torch {torch.__version__}; input seed {input_seed}, "
          f"smallest |ReLU input| {margin:.2e}")


if __name__ == "__main__":
    main()
