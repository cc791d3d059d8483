package io.github.cnnlstm.insights;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.base.Rounding;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How early can the model tell? Accuracy when it sees only the first {@code k} frames of each
 * video, for every {@code k} from 1 to N.
 *
 * <p>Computed in one pass: the LSTM is causal, so its output after frame {@code k} is exactly the
 * answer for a video cut after {@code k} frames (see {@link CnnLstmModel#probabilitiesPerFrame}).
 */
public final class EarlyAccuracy {
    private final int count;
    private final double[] accuracy;

    private EarlyAccuracy(int count, double[] accuracy) {
        this.count = count;
        this.accuracy = accuracy;
    }

    /** Measures {@code model} on the first {@code count} sequences of {@code data}. */
    public static EarlyAccuracy measure(CnnLstmModel model, LineSequenceGenerator data, int count) {
        Check.notNull("model", model);
        Check.notNull("data", data);
        Check.positive("count", count);
        Check.matches("generator size", data.size(), model.size());
        int frames = model.size();
        long[] correct = new long[frames];
        for (int first = 0; first < count; first += CnnLstmModel.EVALUATION_BATCH) {
            List<LineSequence> batch = data.sequences(first, Math.min(CnnLstmModel.EVALUATION_BATCH, count - first));
            double[][][] p = model.probabilitiesPerFrame(batch);
            for (int i = 0; i < batch.size(); i++) {
                int truth = batch.get(i).direction().index();
                for (int t = 0; t < frames; t++) {
                    if (Direction.mostProbable(p[i][t]).index() == truth) {
                        correct[t]++;
                    }
                }
            }
        }
        double[] accuracy =
                Arrays.stream(correct).mapToDouble(c -> (double) c / count).toArray();
        return new EarlyAccuracy(count, accuracy);
    }

    /** Sequences measured. */
    public int count() {
        return count;
    }

    /** Number of frames of each video (N). */
    public int frames() {
        return accuracy.length;
    }

    /**
     * Accuracy when only the first {@code k} frames are seen.
     *
     * @throws IllegalArgumentException if {@code k} is not in [1, N]
     */
    public double afterFrames(int k) {
        Check.inRange("k", k, 1, accuracy.length);
        return accuracy[k - 1];
    }

    /** Accuracy after 1, 2, …, N frames. */
    public double[] curve() {
        return accuracy.clone();
    }

    /**
     * The first frame count at which accuracy reaches {@code threshold}, or −1 if it never does.
     *
     * @throws IllegalArgumentException if {@code threshold} is not in [0, 1]
     */
    public int firstReaching(double threshold) {
        Check.inRange("threshold", threshold, 0, 1);
        for (int k = 1; k <= accuracy.length; k++) {
            if (accuracy[k - 1] >= threshold) {
                return k;
            }
        }
        return -1;
    }

    /** Accuracy (rounded to 3 decimals) after the given frame counts. */
    public Table table(int... frameCounts) {
        IntColumn k = IntColumn.create("Frames seen");
        DoubleColumn acc = DoubleColumn.create("Accuracy");
        for (int f : frameCounts) {
            k.append(f);
            acc.append(Rounding.threeDecimals(afterFrames(f)));
        }
        return Table.create("Accuracy on " + count + " sequences, by frames seen", k, acc);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "accuracy after 1 frame %.3f, after %d frames %.3f; %s, %s",
                accuracy[0],
                accuracy.length,
                accuracy[accuracy.length - 1],
                reaching(0.90),
                reaching(0.99));
    }

    /**
     * When {@code threshold} is first reached, in words: {@code "90% from frame 7"}, or {@code
     * "90% never reached"}.
     */
    public String reaching(double threshold) {
        int k = firstReaching(threshold);
        String level = String.format(Locale.ROOT, "%.0f%%", 100 * threshold);
        return k < 0 ? level + " never reached" : level + " from frame " + k;
    }
}
