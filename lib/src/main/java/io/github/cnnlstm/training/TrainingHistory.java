package io.github.cnnlstm.training;

import java.util.Arrays;
import java.util.Locale;

/**
 * What happened during training: the loss of every mini-batch and the accuracy measured on some of
 * them, for loss curves; and whether the run finished or was interrupted.
 */
public final class TrainingHistory {
    /** Batches averaged by {@link #recentLoss()}. */
    public static final int RECENT = 10;

    private int size;
    private long[] sequences = new long[256];
    private double[] losses = new double[256];
    private double[] accuracies = new double[256];
    private boolean started;
    private boolean completed;
    private double seconds;

    /** An empty history, to pass to {@link Trainer#train(io.github.cnnlstm.model.CnnLstmModel,
     * TrainingConfig, TrainingHistory, ProgressListener)}. */
    public TrainingHistory() {}

    synchronized void record(long sequencesSeen, double loss, double accuracy) {
        if (size == losses.length) {
            sequences = Arrays.copyOf(sequences, size * 2);
            losses = Arrays.copyOf(losses, size * 2);
            accuracies = Arrays.copyOf(accuracies, size * 2);
        }
        sequences[size] = sequencesSeen;
        losses[size] = loss;
        accuracies[size] = accuracy;
        size++;
    }

    synchronized void start() {
        started = true;
    }

    synchronized void finish(boolean completed, double seconds) {
        this.completed = completed;
        this.seconds = seconds;
    }

    /** Mini-batches recorded. */
    public synchronized int iterations() {
        return size;
    }

    /** Sequences trained on after each mini-batch. */
    public synchronized long[] sequencesSeen() {
        return Arrays.copyOf(sequences, size);
    }

    /** Loss of each mini-batch. */
    public synchronized double[] losses() {
        return Arrays.copyOf(losses, size);
    }

    /** Accuracy measured on each mini-batch before training on it; NaN where not measured. */
    public synchronized double[] accuracies() {
        return Arrays.copyOf(accuracies, size);
    }

    /** The loss averaged over a trailing window of {@code window} batches, per batch. */
    public synchronized double[] smoothedLosses(int window) {
        io.github.cnnlstm.base.Check.positive("window", window);
        double[] out = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += losses[i];
            if (i >= window) {
                sum -= losses[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    /**
     * Mean loss of the last {@value #RECENT} batches (fewer if there are fewer): a steadier figure than
     * the last batch's loss, which may come from a short final batch.
     */
    public synchronized double recentLoss() {
        int from = Math.max(0, size - RECENT);
        double sum = 0;
        for (int i = from; i < size; i++) {
            sum += losses[i];
        }
        return size == 0 ? Double.NaN : sum / (size - from);
    }

    /** Loss of the last mini-batch (NaN if none). */
    public synchronized double lastLoss() {
        return size == 0 ? Double.NaN : losses[size - 1];
    }

    /** Whether training ran all its planned batches. */
    public synchronized boolean completed() {
        return completed;
    }

    /**
     * Whether training started but has not completed: it was stopped, or is still stopping (a
     * stopped notebook cell returns at once while the current batch finishes), or still running.
     * A model is only worth saving when this is false.
     */
    public synchronized boolean interrupted() {
        return started && !completed;
    }

    /** Wall time of the training run, in seconds. */
    public synchronized double seconds() {
        return seconds;
    }

    @Override
    public synchronized String toString() {
        long seen = size == 0 ? 0 : sequences[size - 1];
        return String.format(
                Locale.ROOT,
                "%s after %,d batches (%,d sequences) in %.1f s, mean loss of the last %d batches %.4f",
                interrupted() ? "Interrupted" : "Trained",
                size,
                seen,
                seconds,
                Math.min(size, RECENT),
                recentLoss());
    }
}
