package io.github.cnnlstm.training;

/** Told about training progress after each mini-batch (or less often, see {@link #throttled}). */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called on the training thread after a mini-batch; keep it quick.
     *
     * @param progress where training stands
     * @param history  everything recorded so far (read it, do not keep it across calls)
     */
    void onProgress(TrainingProgress progress, TrainingHistory history);

    /**
     * Called once, on the training thread, when training ends before all planned batches: stopped
     * with Jupyter's ■ button (the thread was interrupted), or failed. Does nothing unless
     * overridden.
     *
     * @param last    the last progress reported (0 sequences if training stopped before the first batch)
     * @param history everything recorded until the stop
     */
    default void onStop(TrainingProgress last, TrainingHistory history) {}

    /** Does nothing. */
    static ProgressListener none() {
        return (progress, history) -> {};
    }

    /**
     * Passes on at most one call per {@code minMillis} milliseconds, plus always the first and the
     * last (finished) one, so a notebook display is not redrawn for every batch. A stop is always
     * passed on.
     */
    static ProgressListener throttled(ProgressListener listener, long minMillis) {
        return new ProgressListener() {
            private long last = Long.MIN_VALUE;

            @Override
            public void onProgress(TrainingProgress progress, TrainingHistory history) {
                long now = System.nanoTime() / 1_000_000;
                if (last == Long.MIN_VALUE || now - last >= minMillis || progress.finished()) {
                    last = now;
                    listener.onProgress(progress, history);
                }
            }

            @Override
            public void onStop(TrainingProgress last, TrainingHistory history) {
                listener.onStop(last, history);
            }
        };
    }
}
