package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.training.TrainingHistory;
import java.util.Arrays;
import java.util.stream.IntStream;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;

/**
 * The training curve: loss per mini-batch (faint), its moving average (bold) and the accuracy
 * measured on batches before training on them (dots, right axis), against sequences seen.
 */
public final class LossCurve {
    /** Batches in the moving average. */
    public static final int SMOOTHING = 10;

    private LossCurve() {}

    /** The curve as a Tablesaw figure. */
    public static Figure figure(TrainingHistory history) {
        Check.notNull("history", history);
        double[] x = Arrays.stream(history.sequencesSeen()).asDoubleStream().toArray();
        double[] loss = history.losses();
        double[] acc = history.accuracies();
        int[] measured = IntStream.range(0, acc.length)
                .filter(i -> !Double.isNaN(acc[i]))
                .toArray();
        ScatterTrace raw = ScatterTrace.builder(x, loss)
                .mode(ScatterTrace.Mode.LINE)
                .name("loss (batch)")
                .opacity(0.35)
                .build();
        ScatterTrace smooth = ScatterTrace.builder(x, history.smoothedLosses(SMOOTHING))
                .mode(ScatterTrace.Mode.LINE)
                .name("loss (mean of " + SMOOTHING + ")")
                .line(Line.builder().width(3).build())
                .build();
        ScatterTrace accuracy = ScatterTrace.builder(
                        Arrays.stream(measured).mapToDouble(i -> x[i]).toArray(),
                        Arrays.stream(measured).mapToDouble(i -> acc[i]).toArray())
                .mode(ScatterTrace.Mode.MARKERS)
                .name("accuracy (unseen batch)")
                .marker(Marker.builder().size(5).build())
                .yAxis(ScatterTrace.YAxis.Y2)
                .build();
        Layout layout = Layout.builder()
                .title("Training: loss and accuracy")
                .height(420)
                .xAxis(Axis.builder().title("sequences seen").build())
                .yAxis(Axis.builder()
                        .title("cross-entropy loss (nats)")
                        .rangeMode(Axis.RangeMode.TO_ZERO)
                        .build())
                .yAxis2(Axis.builder()
                        .title("accuracy (unseen batch)")
                        .range(0, 1.02)
                        .overlaying(ScatterTrace.YAxis.Y)
                        .side(Axis.Side.right)
                        .showGrid(false)
                        .build())
                .build();
        // Below the plot, in one row: inside it, the legend covered the right-hand axis.
        String style = "layout.legend = {orientation: 'h', x: 0, xanchor: 'left', y: -0.22, yanchor: 'top'};\n"
                + "layout.margin = {t: 60, b: 100};\n"
                + "layout.yaxis2.tickformat = '.0%';";
        return new StyledFigure(layout, style, raw, smooth, accuracy);
    }

    /**
     * The curve as a notebook output: make it the last value of a cell (needs
     * {@link PlotlyHtml#setup()} once). Its text form is a one-line summary.
     */
    public static Object chart(TrainingHistory history) {
        return NotebookOutput.html(html(history), "Loss curve: " + history);
    }

    /** The curve as notebook HTML (needs {@link PlotlyHtml#setup()} once). */
    public static String html(TrainingHistory history) {
        return PlotlyHtml.figure(figure(history));
    }
}
