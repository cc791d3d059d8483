package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.training.TrainingHistory;
import java.util.Arrays;
import java.util.stream.IntStream;
import tech.tablesaw.plotly.components.Figure;

/**
 * The training curve: loss per mini-batch (faint), its moving average (bold) and the accuracy
 * measured on batches before training on them (dots, right axis), against sequences seen.
 */
public final class LossCurve {
    /** Batches in the moving average. */
    public static final int SMOOTHING = 10;

    private LossCurve() {}

    /** The curve as a Tablesaw figure, which carries a still picture of itself for static viewers. */
    public static Figure figure(TrainingHistory history) {
        Check.notNull("history", history);
        double[] x = Arrays.stream(history.sequencesSeen()).asDoubleStream().toArray();
        double[] loss = history.losses();
        double[] acc = history.accuracies();
        int[] measured = IntStream.range(0, acc.length)
                .filter(i -> !Double.isNaN(acc[i]))
                .toArray();
        Chart chart = new Chart(
                        "Training: loss and accuracy",
                        new Chart.Axis("sequences seen"),
                        new Chart.Axis("cross-entropy loss (nats)").toZero())
                .rightAxis(
                        new Chart.Axis("accuracy (unseen batch)").range(0, 1.02).percent())
                .add(new Chart.Series("loss (batch)", x, loss).opacity(0.35))
                .add(new Chart.Series("loss (mean of " + SMOOTHING + ")", x, history.smoothedLosses(SMOOTHING))
                        .width(3))
                .add(new Chart.Series(
                                "accuracy (unseen batch)",
                                Arrays.stream(measured).mapToDouble(i -> x[i]).toArray(),
                                Arrays.stream(measured).mapToDouble(i -> acc[i]).toArray())
                        .mode(Chart.Mode.MARKERS)
                        .markerSize(5)
                        .onRightAxis());
        return chart.figure(text(history));
    }

    /**
     * The curve as a notebook output: make it the last value of a cell (needs
     * {@link PlotlyHtml#setup()} once). Its text form is a one-line summary.
     */
    public static Object chart(TrainingHistory history) {
        return NotebookOutput.html(html(history), text(history));
    }

    private static String text(TrainingHistory history) {
        return "Loss curve: " + history;
    }

    /** The curve as notebook HTML (needs {@link PlotlyHtml#setup()} once). */
    public static String html(TrainingHistory history) {
        return PlotlyHtml.figure(figure(history));
    }
}
