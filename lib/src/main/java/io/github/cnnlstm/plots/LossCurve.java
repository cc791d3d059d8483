package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.training.TrainingHistory;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The training curve: loss per mini-batch (faint), its moving average (bold) and the accuracy
 * measured on batches before training on them (dots, right axis), against sequences seen.
 */
public final class LossCurve {
    /** Batches in the moving average. */
    public static final int SMOOTHING = 10;

    private LossCurve() {}

    /**
     * The curve so far. Notebook use: {@code LossCurve.chart(history).show()}; its summary is
     * {@code "Loss curve: "} followed by the history's.
     */
    public static Chart chart(TrainingHistory history) {
        Check.notNull("history", history);
        return new Chart(figure(history), "Loss curve: " + history);
    }

    static Figure figure(TrainingHistory history) {
        double[] x = Arrays.stream(history.sequencesSeen()).asDoubleStream().toArray();
        double[] loss = history.losses();
        double[] acc = history.accuracies();
        int[] measured = IntStream.range(0, acc.length)
                .filter(i -> !Double.isNaN(acc[i]))
                .toArray();
        return new Figure.Builder(
                        "Training: loss and accuracy",
                        Figure.Axis.of("sequences seen").toZero(),
                        Figure.Axis.of("cross-entropy loss (nats)").toZero())
                .rightAxis(Figure.Axis.fraction("accuracy (unseen batch, %)"))
                .add(Figure.Series.line("loss (batch)", x, loss).opacity(0.35))
                .add(Figure.Series.line("loss (mean of " + SMOOTHING + ")", x, history.smoothedLosses(SMOOTHING))
                        .width(3))
                .add(Figure.Series.line(
                                "accuracy (unseen batch)",
                                Arrays.stream(measured).mapToDouble(i -> x[i]).toArray(),
                                Arrays.stream(measured).mapToDouble(i -> acc[i]).toArray())
                        .mode(Figure.Mode.MARKERS)
                        .markerSize(5)
                        .onRightAxis())
                .build();
    }
}
