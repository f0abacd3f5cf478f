#!/usr/bin/env python3
"""PyTorch side of `ModelZoo.Bench models --compare-pytorch` and `profile --compare-pytorch`.

A long-lived worker: it reads one JSON request per line on stdin and answers one JSON line on stdout, so the C#
driver can interleave its own measurements with PyTorch's row by row (A B A B ...) without paying Python's start-up
per row. The same models (torchvision 0.14 builders, randomly initialised; LeNet-5 defined here exactly like ModelZoo's
lenet5), the same batch, the same thread count, the same inputs (x = sin(0.37 i), labels i mod classes) and the same
layouts (NCHW or channels-last weights and inputs; bf16 weights and inputs).

Requests:
  {"cmd": "hello"}
  {"cmd": "matmul", "n": 2048, "min_iterations": 5}
  {"cmd": "run", "model": "resnet18", "task": "infer"|"train", "batch": 32, "layout": "nchw"|"channels_last",
   "dtype": "fp32"|"bf16", "warmup": 2, "min_iterations": 3, "target_seconds": 3, "max_iterations": 25}
                                                                  -> {"seconds": [per-iteration wall seconds]}
  {"cmd": "profile", "model": ..., "batch": ..., "layout": ..., "steps": 5, "warmup": 2,
   "set_to_none": true, "foreach": false}                         -> per-phase seconds and minor page faults
  {"cmd": "kernel", "op": "bn"|"conv3x3"|"conv1x1", "shape": [16, 256, 56, 56], "layout": ...}
                                                                  -> forward and backward seconds of one layer
  {"cmd": "sgd", "model": "resnet50", "threads": 1}             -> SGD step seconds, foreach False and True
  {"cmd": "quit"}
Run by hand: /usr/bin/python3 bench/pytorch/bench.py --threads 2 < requests.jsonl
"""
import argparse
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class LeNet5(nn.Module):
    """ModelZoo's lenet5: conv(1,6,5) -> max-pool 2 -> ReLU -> conv(6,16,5) -> max-pool 2 -> ReLU -> 400-120-84-10."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def build(name):
    """(model, input shape [C, H, W], classes) as ModelZoo's Zoo.Create(name) builds it."""
    if name == "lenet5":
        return LeNet5(), (1, 32, 32), 10
    if name == "googlenet":
        return torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True), (3, 224, 224), 1000
    return torchvision.models.__dict__[name](weights=None), (3, 224, 224), 1000


def inputs(batch, shape, classes, layout, dtype):
    n = batch * shape[0] * shape[1] * shape[2]
    x = torch.arange(n, dtype=torch.float32).mul_(0.37).sin_().reshape(batch, *shape)
    y = torch.arange(batch) % classes
    if dtype == "bf16":
        x = x.to(torch.bfloat16)
    if layout == "channels_last":
        x = x.contiguous(memory_format=torch.channels_last)
    return x, y


def loss_of(output, y):
    if isinstance(output, tuple):  # GoogLeNetOutputs(logits, aux_logits2, aux_logits1) in training mode
        logits, aux2, aux1 = output
        return F.cross_entropy(logits, y) + 0.3 * (F.cross_entropy(aux1, y) + F.cross_entropy(aux2, y))
    return F.cross_entropy(output.float(), y)


_cache = {}


def prepared(req):
    key = (req["model"], req["task"], req.get("layout", "nchw"), req.get("dtype", "fp32"))
    if key not in _cache:
        _cache.clear()
        torch.manual_seed(0)
        model, shape, classes = build(req["model"])
        if key[2] == "channels_last":
            model = model.to(memory_format=torch.channels_last)
        if key[3] == "bf16":
            model = model.to(torch.bfloat16)
        model.train(req["task"] == "train")
        _cache[key] = (model, shape, classes)
    return _cache[key]


def optimizer_of(model):
    """The SGD optimizer of the cached training model, kept with it so later rounds keep their momentum buffers (as
    the C# side keeps its optimizer)."""
    key = ("optimizer", id(model))
    if key not in _cache:
        _cache[key] = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    return _cache[key]


def timed(step, req):
    """The driver's Timing rule: warm-up, then at least min_iterations and until target_seconds (at most max_iterations);
    a warm-up slower than a minute is the only one and only the minimum follows. warmup 0 times from the first step
    (a later round of a configuration that stays built)."""
    slow = False
    if req.get("warmup", 2) > 0:
        t0 = time.perf_counter()
        step()
        slow = time.perf_counter() - t0 > 60
    for _ in range(1, req.get("warmup", 2)):
        if slow:
            break
        step()
    seconds, start = [], time.perf_counter()
    while (len(seconds) < req.get("min_iterations", 3)
           or (not slow and time.perf_counter() - start < req.get("target_seconds", 0.0) and len(seconds) < req.get("max_iterations", 25))):
        t0 = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - t0)
    return seconds


def run(req):
    model, shape, classes = prepared(req)
    x, y = inputs(req["batch"], shape, classes, req.get("layout", "nchw"), req.get("dtype", "fp32"))
    if req["task"] == "infer":
        def step():
            with torch.no_grad():
                model(x)
    else:
        opt = optimizer_of(model)

        def step():
            opt.zero_grad(set_to_none=True)
            loss_of(model(x), y).backward()
            opt.step()
    return {"seconds": timed(step, req)}


def minflt():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def profile(req):
    """Forward (+ loss), backward, optimizer step and zero_grad timed separately, with minor page faults per phase."""
    req = dict(req, task="train", dtype="fp32")
    model, shape, classes = prepared(req)
    x, y = inputs(req["batch"], shape, classes, req.get("layout", "nchw"), "fp32")
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, foreach=bool(req.get("foreach", False)))
    set_to_none = bool(req.get("set_to_none", True))
    phases = {"zero_grad": [], "forward": [], "backward": [], "step": []}
    faults = {k: [] for k in phases}
    for i in range(req.get("warmup", 2) + req.get("steps", 5)):
        marks = []
        for name in phases:
            f0, t0 = minflt(), time.perf_counter()
            if name == "zero_grad":
                opt.zero_grad(set_to_none=set_to_none)
            elif name == "forward":
                loss = loss_of(model(x), y)
            elif name == "backward":
                loss.backward()
            else:
                opt.step()
            marks.append((name, time.perf_counter() - t0, minflt() - f0))
        if i >= req.get("warmup", 2):
            for name, s, f in marks:
                phases[name].append(s)
                faults[name].append(f)
    return {"seconds": phases, "minor_faults": faults}


def with_threads(req, fn):
    """Runs fn with req["threads"] intra-op threads (kernel and sgd requests use 1), restoring the worker's setting."""
    saved = torch.get_num_threads()
    torch.set_num_threads(req.get("threads", saved))
    try:
        return fn()
    finally:
        torch.set_num_threads(saved)


def kernel(req):
    """Forward and backward of one layer: {"op": "bn"|"conv3x3"|"conv1x1", "shape": [N, C, H, W], "layout": ...,
    "threads": 1} -> wall and thread-CPU seconds per iteration. BatchNorm in training mode; convolutions C -> C without
    bias; the output gradient is ones (created outside the timed backward)."""
    n, c, h, w = req["shape"]
    torch.manual_seed(0)
    layer = {"bn": lambda: nn.BatchNorm2d(c), "conv3x3": lambda: nn.Conv2d(c, c, 3, padding=1, bias=False),
             "conv1x1": lambda: nn.Conv2d(c, c, 1, bias=False)}[req["op"]]()
    x = torch.arange(n * c * h * w, dtype=torch.float32).mul_(0.37).sin_().reshape(n, c, h, w)
    if req.get("layout") == "channels_last":
        layer = layer.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    x.requires_grad_(True)
    out = {"forward": [], "backward": [], "forward_cpu": [], "backward_cpu": []}
    for i in range(2 + req.get("min_iterations", 5)):
        c0, t0 = time.thread_time(), time.perf_counter()
        y = layer(x)
        fwall, c1 = time.perf_counter() - t0, time.thread_time()
        g = torch.ones_like(y)
        c2, t0 = time.thread_time(), time.perf_counter()
        y.backward(g)
        bwall, c3 = time.perf_counter() - t0, time.thread_time()
        x.grad = None
        layer.zero_grad(set_to_none=True)
        if i >= 2:
            out["forward"].append(fwall)
            out["backward"].append(bwall)
            out["forward_cpu"].append(c1 - c0)
            out["backward_cpu"].append(c3 - c2)
    return out


def sgd(req):
    """SGD step (momentum 0.9) over a torchvision model's parameters with random gradients, thread CPU and wall seconds
    (medians), for foreach=False (1.13's CPU default) and foreach=True."""
    model, _, _ = build(req.get("model", "resnet50"))
    params = list(model.parameters())
    result = {}
    for foreach in (False, True):
        for p in params:
            p.grad = torch.randn_like(p)
        opt = torch.optim.SGD(params, lr=0.01, momentum=0.9, foreach=foreach)
        cpu, wall = [], []
        for i in range(1 + req.get("min_iterations", 5)):
            c0, t0 = time.thread_time(), time.perf_counter()
            opt.step()
            if i:
                cpu.append(time.thread_time() - c0)
                wall.append(time.perf_counter() - t0)
        suffix = "_foreach" if foreach else ""
        result["cpu" + suffix] = sorted(cpu)[len(cpu) // 2]
        result["wall" + suffix] = sorted(wall)[len(wall) // 2]
    return result


def matmul(req):
    n = req.get("n", 2048)
    a, b = torch.randn(n, n), torch.randn(n, n)
    seconds = timed(lambda: torch.mm(a, b), dict(req, warmup=1, target_seconds=0.0))
    return {"gflops": 2.0 * n ** 3 / sorted(seconds)[len(seconds) // 2] / 1e9}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            cmd = req["cmd"]
            if cmd == "quit":
                break
            if cmd == "hello":
                reply = {"torch": torch.__version__, "torchvision": torchvision.__version__, "threads": torch.get_num_threads(),
                         "interop_threads": torch.get_num_interop_threads(), "mkldnn": torch.backends.mkldnn.is_available(),
                         "capability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else ""}
            elif cmd == "matmul":
                reply = matmul(req)
            elif cmd == "run":
                reply = run(req)
            elif cmd == "profile":
                reply = profile(req)
            elif cmd == "kernel":
                reply = with_threads(req, lambda: kernel(req))
            elif cmd == "sgd":
                reply = with_threads(req, lambda: sgd(req))
            else:
                reply = {"error": f"unknown cmd {cmd}"}
        except Exception as e:  # reported to the driver, which prints it in the row
            reply = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
