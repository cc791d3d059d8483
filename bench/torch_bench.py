"""One PyTorch measurement for bench/run: the course's model and data, written for PyTorch.

Same generator rules as the course (direction uniform over Down/Left/Right/Up; start on the
matching edge at a uniform position; each frame adds the next pixel along the direction while the
other coordinate moves uniformly within [c-1, c+1] clamped to the image; frames accumulate), same
architecture (per-frame Conv2d(1, 2, 2) + ReLU + MaxPool2d(2) + flatten to 1,152, LSTM(50),
Linear(50, 4) on the last step), same initialisation scheme as the course's model and Keras
(Xavier-uniform kernels, orthogonal recurrent kernel, zero biases, forget-gate bias 1),
Adam(lr 1e-3, eps 1e-7), cross-entropy, batch 32, one epoch.

Tuned for speed: the training batches are generated before the timed loop (as compact uint8 arrays,
converted to float per batch inside it), oneDNN can be switched off (its path is slow for a
one-channel 2x2 convolution), the thread count is a parameter; bench/run adds tcmalloc and
OMP_WAIT_POLICY=PASSIVE. Prints one line of key=value figures.
Arguments: sequences seed threads mkldnn(on|off) [size] (default 50).
"""
import os
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

from bench_data import batches as generated_batches, generate

SIZE = int(sys.argv[5]) if len(sys.argv) > 5 else 50
WARMUP_BATCHES = 20  # training batches run before timing, on each side of the benchmark


class CnnLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 2)
        self.pool = nn.MaxPool2d(2)
        self.lstm = nn.LSTM(2 * ((SIZE - 1) // 2) ** 2, 50, batch_first=True)
        self.out = nn.Linear(50, 4)
        for w in (self.conv.weight, self.out.weight):
            nn.init.xavier_uniform_(w)
        # torch stacks the four gates' matrices (i, f, g, o); Keras initialises the [in, 4*units]
        # kernel as one Xavier matrix and the recurrent kernel as one orthogonal matrix
        nn.init.xavier_uniform_(self.lstm.weight_ih_l0)
        nn.init.orthogonal_(self.lstm.weight_hh_l0)
        for b in (self.conv.bias, self.lstm.bias_ih_l0, self.lstm.bias_hh_l0, self.out.bias):
            nn.init.zeros_(b)
        with torch.no_grad():
            self.lstm.bias_ih_l0[50:100] = 1.0  # (units 50 whatever the size)  # forget gate bias 1

    def forward(self, x):
        b, t = x.shape[:2]
        f = self.pool(torch.relu(self.conv(x.reshape(b * t, 1, SIZE, SIZE))))
        h, _ = self.lstm(f.reshape(b, t, -1))
        return self.out(h[:, -1])


def as_float(x):
    return torch.from_numpy(x).float()  # [n, frames, rows*cols] uint8 -> float32


def main():
    sequences, seed, threads, mkldnn = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if mkldnn not in ("on", "off"):
        sys.exit(f"torch_bench.py: mkldnn = {mkldnn!r}, allowed: on, off")
    torch.backends.mkldnn.enabled = mkldnn == "on"
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = CnnLstm()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def step(m, o, xb, yb):
        o.zero_grad()
        loss_fn(m(xb), yb).backward()
        o.step()

    t0 = time.perf_counter()
    batches = [(x, torch.from_numpy(y)) for x, y in generated_batches(rng, sequences, size=SIZE)]
    gen_s = time.perf_counter() - t0

    # warm-up on other data and a throwaway model, 20 batches as the DL4J side does
    warm = CnnLstm()
    wopt = torch.optim.Adam(warm.parameters(), lr=1e-3, eps=1e-7)
    warm_rng = np.random.default_rng(seed + 99)
    for _ in range(WARMUP_BATCHES):
        wx, wy = generate(warm_rng, 32, SIZE)
        step(warm, wopt, as_float(wx), torch.from_numpy(wy))

    t0 = time.perf_counter()
    for x, y in batches:
        step(model, opt, as_float(x), y)
    cold_s = time.perf_counter() - t0

    # the same run again on a fresh model, as on the DL4J side (whose JVM is still compiling after
    # the warm-up); the figures below are the first model's
    torch.manual_seed(seed)
    again = CnnLstm()
    again_opt = torch.optim.Adam(again.parameters(), lr=1e-3, eps=1e-7)
    t0 = time.perf_counter()
    for x, y in batches:
        step(again, again_opt, as_float(x), y)
    train_s = time.perf_counter() - t0
    del batches, again, again_opt

    model.eval()
    xb = as_float(generate(np.random.default_rng(1_000_000 + seed), 100, SIZE)[0])
    with torch.no_grad():
        model(xb)
        t0 = time.perf_counter()
        for _ in range(10):
            model(xb)
        infer_s = time.perf_counter() - t0

    # one video at a time, as notebook 05 predicts: the median latency of 50 calls
    singles = [as_float(generate(np.random.default_rng(3_000_000 + seed + i), 1, SIZE)[0]) for i in range(50)]
    latencies = []
    with torch.no_grad():
        model(singles[0])
        for x1 in singles:
            t1 = time.perf_counter()
            model(x1)
            latencies.append(time.perf_counter() - t1)
    latency_ms = 1000 * sorted(latencies)[len(latencies) // 2]

    correct = 0
    test_rng = np.random.default_rng(2_000_000 + seed)
    with torch.no_grad():
        for _ in range(10):
            x, y = generate(test_rng, 100, SIZE)
            correct += (model(as_float(x)).argmax(1).numpy() == y).sum().item()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT side=torch train_sps={sequences / train_s:.1f} train_cold_sps={sequences / cold_s:.1f} infer_sps={1000 / infer_s:.1f} "
          f"gen_sps={sequences / gen_s:.1f} acc={correct / 1000:.4f} rss_mb={rss_mb:.0f} threads={threads} "
          f"mkldnn={mkldnn} version={torch.__version__} latency_ms={latency_ms:.2f} "
          f"core={os.environ.get('OPENBLAS_CORETYPE') or 'default'} size={SIZE}")


if __name__ == "__main__":
    main()
