#!/usr/bin/env python3
"""One MNIST-10k training epoch of LeNet-5 in PyTorch, timed with data loading included: what
`ModelZoo.Bench models` compares with the same epoch in ModelZoo (bench/ModelZoo.Bench/Models/LeNetEpoch.cs).

Both sides: read the gzip IDX files of MNIST t10k from --data-dir, take items 0-7,999, per-sample Pad(2) + ToTensor +
Normalize(0.1307, 0.3081) (--pipeline torchvision: through PIL, exactly what torchvision.datasets.MNIST with these
transforms does; --pipeline tensor: the same steps on uint8 tensors, no PIL), batches of 64 shuffled by a seeded generator in the training thread (num_workers=0),
ModelZoo's lenet5 architecture (defined in bench.py), SGD lr 0.01 momentum 0.9, cross-entropy. The clock starts before
the files are opened and stops after the last optimizer step. Prints one JSON line: {"seconds": ..., "images": 8000, ...}.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import LeNet5  # noqa: E402  (the same architecture as the model comparison)


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    got, = struct.unpack(">i", data[:4])
    if got != magic:
        raise ValueError(f"{path}: magic {got}, expected {magic}")
    dims = data[3]
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


class Mnist(Dataset):
    def __init__(self, images, labels, count, transform):
        self.images, self.labels, self.count, self.transform = images, labels, count, transform

    def __len__(self):
        return self.count

    def __getitem__(self, i):
        return self.transform(self.images[i].numpy()), int(self.labels[i])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--images", type=int, default=8000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--pipeline", choices=["torchvision", "tensor"], default="torchvision")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = LeNet5()
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    start = time.perf_counter()
    images = read_idx(os.path.join(args.data_dir, "t10k-images-idx3-ubyte.gz"), 2051)
    labels = read_idx(os.path.join(args.data_dir, "t10k-labels-idx1-ubyte.gz"), 2049)
    if args.pipeline == "torchvision":
        transform = transforms.Compose([transforms.ToPILImage(), transforms.Pad(2), transforms.ToTensor(),
                                        transforms.Normalize((0.1307,), (0.3081,))])
    else:
        def transform(pixels):
            x = F.pad(torch.from_numpy(pixels), (2, 2, 2, 2)).unsqueeze(0).float().div_(255)
            return x.sub_(0.1307).div_(0.3081)
    loader = DataLoader(Mnist(images, labels, args.images, transform), batch_size=args.batch, shuffle=True,
                        generator=torch.Generator().manual_seed(0), num_workers=0)
    loss_sum, seen = 0.0, 0
    for x, y in loader:
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss_sum += loss.item() * len(y)
        seen += len(y)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "images": seen, "loss": loss_sum / seen, "threads": torch.get_num_threads(),
                      "pipeline": args.pipeline}))


if __name__ == "__main__":
    main()
