"""One Keras 3 measurement for bench/run: the original example's model in its own framework.

TimeDistributed(Conv2D(2, 2x2, relu)) -> TimeDistributed(MaxPooling2D(2x2)) -> TimeDistributed(Flatten)
-> LSTM(50) -> Dense(4, softmax); Adam (Keras defaults: lr 1e-3, eps 1e-7), categorical
cross-entropy, batch 32, one epoch; Keras's default initialisers. Data: the course's rules
(bench_data.py), generated before the timed loop as uint8 and converted per batch inside it.

glibc's malloc hands freed memory back to the OS and the next batch faults it in again, page by
page: set here, before the framework loads, with mallopt(M_MMAP_MAX=0, M_TRIM_THRESHOLD=2 GiB).
The backend (KERAS_BACKEND: tensorflow or jax) and threads come from bench/run.
Prints one line of key=value figures. Arguments: sequences seed threads.
"""
import ctypes
import os
import resource
import sys
import time

M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4
libc = ctypes.CDLL("libc.so.6")
libc.mallopt(M_MMAP_MAX, 0)
libc.mallopt(M_TRIM_THRESHOLD, 2 << 30)

sequences, seed, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
backend = os.environ.get("KERAS_BACKEND", "tensorflow")
if backend == "tensorflow":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    version = "tensorflow-" + tf.__version__
elif backend == "jax":
    os.environ["XLA_FLAGS"] = (f"--xla_cpu_multi_thread_eigen={'true' if threads > 1 else 'false'} "
                               f"intra_op_parallelism_threads={threads}")
    import jax
    version = "jax-" + jax.__version__
else:
    sys.exit(f"keras_bench.py: KERAS_BACKEND = {backend!r}, allowed: tensorflow, jax")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

from bench_data import SIZE, batches as generated_batches, generate  # noqa: E402


def build():
    model = keras.Sequential([
        keras.Input((SIZE, SIZE, SIZE, 1)),
        layers.TimeDistributed(layers.Conv2D(2, (2, 2), activation="relu")),
        layers.TimeDistributed(layers.MaxPooling2D((2, 2))),
        layers.TimeDistributed(layers.Flatten()),
        layers.LSTM(50),
        layers.Dense(4, activation="softmax"),
    ])
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def as_float(x):
    return x.reshape(len(x), SIZE, SIZE, SIZE, 1).astype(np.float32)


def one_hot(y):
    return np.eye(4, dtype=np.float32)[y]


def main():
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    batches = generated_batches(rng, sequences)
    gen_s = time.perf_counter() - t0

    model = build()
    # Keras traces (TensorFlow) or compiles (JAX) each model's own training step on its first
    # call: the real model trains on its first batch outside the timed loop, and the speed is
    # measured on the remaining batches
    t0 = time.perf_counter()
    x, y = batches[0]
    model.train_on_batch(as_float(x), one_hot(y))
    compile_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for x, y in batches[1:]:
        model.train_on_batch(as_float(x), one_hot(y))
    train_s = time.perf_counter() - t0
    timed = sequences - len(batches[0][1])
    del batches

    xb = as_float(generate(np.random.default_rng(1_000_000 + seed), 100)[0])
    model.predict_on_batch(xb)
    t0 = time.perf_counter()
    for _ in range(10):
        model.predict_on_batch(xb)
    infer_s = time.perf_counter() - t0

    correct = 0
    test_rng = np.random.default_rng(2_000_000 + seed)
    for _ in range(10):
        x, y = generate(test_rng, 100)
        correct += int((np.argmax(model.predict_on_batch(as_float(x)), axis=1) == y).sum())
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT side=keras train_sps={timed / train_s:.1f} infer_sps={1000 / infer_s:.1f} "
          f"gen_sps={sequences / gen_s:.1f} acc={correct / 1000:.4f} rss_mb={rss_mb:.0f} threads={threads} "
          f"compile_s={compile_s:.1f} version={keras.__version__}/{version}")


if __name__ == "__main__":
    main()
