"""One PyTorch measurement for bench/run: the course's model and data, written for PyTorch.

Same generator rules (direction uniform over Down/Left/Right/Up; start on the matching edge at a
uniform position; each frame adds the next pixel along the direction while the other coordinate
moves uniformly within [c-1, c+1] clamped to the image; frames accumulate), same architecture
(per-frame Conv2d(1, 2, 2) + ReLU + MaxPool2d(2) + flatten to 1,152, LSTM(50), Linear(50, 4) on the
last step), same initialisation scheme as the DL4J side (Xavier-uniform weights, zero biases,
forget-gate bias 1), Adam(lr 1e-3, eps 1e-7), cross-entropy, batch 32, one epoch.
Prints one line of key=value figures. Arguments: sequences seed threads.
"""
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

SIZE = 50


def generate(rng, count, size=SIZE):
    x = np.zeros((count, size, 1, size, size), dtype=np.float32)  # [batch, frames, 1, rows, cols]
    y = rng.integers(0, 4, count)
    for i in range(count):
        d = y[i]  # 0 Down, 1 Left, 2 Right, 3 Up
        cross = rng.integers(0, size)
        for k in range(size):
            if k > 0:
                lo, hi = max(0, cross - 1), min(size - 1, cross + 1)
                cross = rng.integers(lo, hi + 1)
            along = k if d in (0, 2) else size - 1 - k
            r, c = (along, cross) if d in (0, 3) else (cross, along)
            x[i, k:, 0, r, c] = 1.0
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))


class CnnLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 2)
        self.pool = nn.MaxPool2d(2)
        self.lstm = nn.LSTM(1152, 50, batch_first=True)
        self.out = nn.Linear(50, 4)
        for w in (self.conv.weight, self.lstm.weight_ih_l0, self.lstm.weight_hh_l0, self.out.weight):
            nn.init.xavier_uniform_(w)
        for b in (self.conv.bias, self.lstm.bias_ih_l0, self.lstm.bias_hh_l0, self.out.bias):
            nn.init.zeros_(b)
        with torch.no_grad():
            self.lstm.bias_ih_l0[50:100] = 1.0  # torch gate order i, f, g, o: forget gate bias 1

    def forward(self, x):
        b, t = x.shape[:2]
        f = self.pool(torch.relu(self.conv(x.reshape(b * t, 1, SIZE, SIZE))))
        h, _ = self.lstm(f.reshape(b, t, -1))
        return self.out(h[:, -1])


def main():
    sequences, seed, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = CnnLstm()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()

    def step(xb, yb):
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

    # warm-up on other data and a throwaway model, as the DL4J side does
    warm = CnnLstm()
    wopt = torch.optim.Adam(warm.parameters(), lr=1e-3, eps=1e-7)
    for _ in range(3):
        xb, yb = generate(np.random.default_rng(seed + 99), 32)
        wopt.zero_grad()
        loss_fn(warm(xb), yb).backward()
        wopt.step()

    t0 = time.perf_counter()
    done = 0
    while done < sequences:
        n = min(32, sequences - done)
        xb, yb = generate(rng, n)  # streamed, generated batch by batch as on the DL4J side
        step(xb, yb)
        done += n
    train_s = time.perf_counter() - t0

    model.eval()
    xb, _ = generate(np.random.default_rng(1_000_000 + seed), 100)
    with torch.no_grad():
        model(xb)
        t0 = time.perf_counter()
        for _ in range(10):
            model(xb)
        infer_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    g = np.random.default_rng(seed + 7)
    for _ in range(0, 2000, 32):
        generate(g, 32)
    gen_s = time.perf_counter() - t0

    correct = 0
    test_rng = np.random.default_rng(2_000_000 + seed)
    with torch.no_grad():
        for _ in range(10):
            xb, yb = generate(test_rng, 100)
            correct += (model(xb).argmax(1) == yb).sum().item()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT side=torch train_sps={sequences / train_s:.1f} infer_sps={1000 / infer_s:.1f} "
          f"gen_sps={2000 / gen_s:.1f} acc={correct / 1000:.4f} rss_mb={rss_mb:.0f} threads={threads} "
          f"torch={torch.__version__} mkldnn={torch.backends.mkldnn.is_available()}")


if __name__ == "__main__":
    main()
