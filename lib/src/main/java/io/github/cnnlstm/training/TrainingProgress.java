package io.github.cnnlstm.training;

import java.util.Locale;

/**
 * Where training stands after a mini-batch.
 *
 * @param iteration        mini-batches done
 * @param totalIterations  mini-batches planned
 * @param sequencesDone    sequences trained on
 * @param totalSequences   sequences planned
 * @param epoch            current epoch, from 1
 * @param loss             loss of the last mini-batch
 * @param accuracy         latest accuracy measured on a batch before training on it (NaN before the first)
 * @param elapsedSeconds   time since training started
 * @param etaSeconds       estimated seconds left, NaN while the speed is not yet known (see
 *                         {@link #WARMUP_BATCHES})
 */
public record TrainingProgress(
        int iteration,
        int totalIterations,
        long sequencesDone,
        long totalSequences,
        int epoch,
        double loss,
        double accuracy,
        double elapsedSeconds,
        double etaSeconds) {

    /**
     * Mini-batches after which the speed is taken as known. The first batches run while the JVM
     * compiles the hot code and ND4J allocates its workspaces, several times slower than the rest:
     * a time left estimated from them is far too long.
     */
    public static final int WARMUP_BATCHES = 5;

    /**
     * Progress whose time left is estimated from the average speed so far, or unknown (NaN) during
     * the first {@link #WARMUP_BATCHES} batches.
     */
    public TrainingProgress(
            int iteration,
            int totalIterations,
            long sequencesDone,
            long totalSequences,
            int epoch,
            double loss,
            double accuracy,
            double elapsedSeconds) {
        this(
                iteration,
                totalIterations,
                sequencesDone,
                totalSequences,
                epoch,
                loss,
                accuracy,
                elapsedSeconds,
                eta(iteration, totalSequences - sequencesDone, sequencesDone, elapsedSeconds));
    }

    /**
     * Seconds left for {@code remaining} sequences at the speed {@code sequences / seconds}, NaN
     * during warm-up ({@code iteration < WARMUP_BATCHES}) or when no speed is known.
     */
    static double eta(int iteration, long remaining, long sequences, double seconds) {
        if (iteration < WARMUP_BATCHES || sequences <= 0 || !(seconds > 0)) {
            return Double.NaN;
        }
        return remaining / (sequences / seconds);
    }

    /** Fraction done, in [0, 1]. */
    public double fraction() {
        return totalSequences == 0 ? 1 : (double) sequencesDone / totalSequences;
    }

    /** Training speed so far, in sequences per second. */
    public double sequencesPerSecond() {
        return elapsedSeconds > 0 ? sequencesDone / elapsedSeconds : 0;
    }

    /** Whether the time left is known yet (false during warm-up). */
    public boolean etaKnown() {
        return !Double.isNaN(etaSeconds);
    }

    /** Whether all planned batches are done. */
    public boolean finished() {
        return iteration >= totalIterations;
    }

    /** A one-line progress bar, e.g. {@code [#####.....] 2,496/5,000 seq  41.2 seq/s  ETA 0:59  loss 0.1234}. */
    @Override
    public String toString() {
        int width = 30;
        int filled = (int) Math.round(fraction() * width);
        return String.format(
                Locale.ROOT,
                "[%s%s] %,d/%,d seq  %.1f seq/s  ETA %s  loss %.4f  acc %s",
                "#".repeat(filled),
                ".".repeat(width - filled),
                sequencesDone,
                totalSequences,
                sequencesPerSecond(),
                clock(etaSeconds),
                loss,
                Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.3f", accuracy));
    }

    /** Seconds as {@code m:ss}, or {@code -} when unknown. */
    public static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
