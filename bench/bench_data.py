"""The course's data rules in NumPy, shared by the Python peers of bench/run.

Direction uniform over Down/Left/Right/Up (labels 0..3, alphabetical as the course's Direction);
frame 0 has one pixel on the matching edge at a uniform position; every next frame adds one pixel
one step further along the direction while the other coordinate moves uniformly within
[max(0, c-1), min(N-1, c+1)]; frames accumulate. Vectorised over sequences; compact uint8 output.
"""
import numpy as np

SIZE = 50


def generate(rng, count, size=SIZE):
    """Returns x [count, frames, rows*cols] uint8 (0/1) and y [count] int64 directions."""
    y = rng.integers(0, 4, count)
    cross = rng.integers(0, size, count)
    onehot = np.zeros((count, size, size * size), dtype=np.uint8)
    rows = np.arange(count)
    vertical = (y == 0) | (y == 3)  # Down, Up
    forward = (y == 0) | (y == 2)  # Down, Right move towards higher indices
    for k in range(size):
        if k > 0:
            lo, hi = np.maximum(0, cross - 1), np.minimum(size - 1, cross + 1)
            cross = rng.integers(lo, hi + 1)
        along = np.where(forward, k, size - 1 - k)
        r = np.where(vertical, along, cross)
        c = np.where(vertical, cross, along)
        onehot[rows, k, r * size + c] = 1
    # each path pixel is new (the along-coordinate changes every frame), so the running sum is 0/1
    return np.cumsum(onehot, axis=1, dtype=np.uint8), y.astype(np.int64)


def batches(rng, count, batch=32, size=SIZE):
    """``count`` sequences as a list of (x, y) batches of ``batch`` (the last one smaller), generated
    up front, as both Python peers train on them."""
    return [generate(rng, min(batch, count - start), size) for start in range(0, count, batch)]
