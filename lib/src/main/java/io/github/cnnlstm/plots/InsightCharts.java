package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.insights.EarlyAccuracy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Charts for the insights notebook: how early the model knows, and how damage hurts it. */
public final class InsightCharts {
    private static final String PERCENT_AXIS = "layout.yaxis.tickformat = '.0%';\n";
    /** In one row under the x axis title: inside the plot, a legend hides whatever curve runs there. */
    private static final String LEGEND_BELOW =
            "layout.legend = {orientation: 'h', x: 0, xanchor: 'left', y: -0.25, yanchor: 'top'};\n"
                    + "layout.margin = {b: 110};\n";

    private InsightCharts() {}

    /**
     * Accuracy against the number of frames seen, with the 25% of guessing as a dashed line and
     * the first frames at which 90% and 99% are reached marked.
     */
    public static Object earlyAccuracy(EarlyAccuracy early) {
        Check.notNull("early", early);
        int n = early.frames();
        double[] k = IntStream.rangeClosed(1, n).asDoubleStream().toArray();
        double[] curve = early.curve();
        List<Trace> traces = new ArrayList<>();
        traces.add(ScatterTrace.builder(k, curve)
                .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                .name("accuracy")
                .build());
        traces.add(ScatterTrace.builder(new double[] {1, n}, new double[] {0.25, 0.25})
                .mode(ScatterTrace.Mode.LINE)
                .name("chance (25%)")
                .line(Line.builder().dash(Line.Dash.DASH).color("gray").width(2).build())
                .build());
        StringBuilder annotations = new StringBuilder();
        String[] colours = {"#d62728", "#2ca02c"};
        double[] thresholds = {0.90, 0.99};
        for (int t = 0; t < thresholds.length; t++) {
            int first = early.firstReaching(thresholds[t]);
            String label = String.format(Locale.ROOT, "%.0f%%", 100 * thresholds[t]);
            if (first < 0) {
                continue; // never reached: nothing to mark (the title says so)
            }
            traces.add(ScatterTrace.builder(new double[] {first}, new double[] {curve[first - 1]})
                    .mode(ScatterTrace.Mode.MARKERS)
                    .name(label + " first reached: frame " + first)
                    .marker(Marker.builder().size(14).color(colours[t]).build())
                    .build());
            annotations.append(String.format(
                    Locale.ROOT,
                    "{x: %d, y: %.4f, text: '%s from frame %d', showarrow: true, arrowhead: 2, ax: %d, ay: %d, "
                            + "font: {color: '%s'}},\n",
                    first,
                    curve[first - 1],
                    label,
                    first,
                    40,
                    30 + 30 * t,
                    colours[t]));
        }
        String title = String.format(
                Locale.ROOT,
                "How early can it tell? (%d sequences; %s, %s)",
                early.count(),
                reached("90%", early.firstReaching(0.90)),
                reached("99%", early.firstReaching(0.99)));
        String style = PERCENT_AXIS + "layout.annotations = [\n" + annotations + "];\n" + LEGEND_BELOW;
        StyledFigure figure = new StyledFigure(
                layout(title, "frames seen (of " + n + ")", "accuracy (% of sequences)", false),
                style,
                traces.toArray(Trace[]::new));
        return NotebookOutput.html(PlotlyHtml.figure(figure), "Accuracy by frames seen: " + early);
    }

    private static String reached(String level, int k) {
        return k < 0 ? level + " never reached" : level + " from frame " + k;
    }

    /**
     * The model's running belief for one video: the probability of each direction after each
     * frame, {@code probabilities[frame][direction]}.
     */
    public static Object belief(double[][] probabilities, String title) {
        return belief(probabilities, title, "Belief curve: " + title);
    }

    /**
     * The running belief for one video whose true direction is {@code truth}. Its text, shown
     * wherever the chart is not drawn, says what the curve shows in frames counted from 1: from
     * which frame on the true direction leads, when it first passes one half, where it ends, and
     * the highest probability any other direction reaches.
     */
    public static Object belief(double[][] probabilities, Direction truth, String title) {
        Check.notNull("probabilities", probabilities);
        Check.notNull("truth", truth);
        return belief(probabilities, title, "Belief curve: " + title + ". " + beliefSummary(probabilities, truth));
    }

    /** What a belief curve shows, in words, with frames counted from 1. */
    static String beliefSummary(double[][] probabilities, Direction truth) {
        int n = probabilities.length;
        int t = truth.index();
        int leadsFrom = -1; // the first frame from which the true direction leads to the end
        for (int k = n - 1; k >= 0 && leads(probabilities[k], t); k--) {
            leadsFrom = k + 1;
        }
        int half = -1;
        for (int k = 0; k < n && half < 0; k++) {
            half = probabilities[k][t] > 0.5 ? k + 1 : -1;
        }
        Direction rival = null;
        int rivalFrame = 0;
        for (int k = 0; k < n; k++) {
            for (Direction d : Direction.values()) {
                if (d != truth
                        && (rival == null
                                || probabilities[k][d.index()] > probabilities[rivalFrame - 1][rival.index()])) {
                    rival = d;
                    rivalFrame = k + 1;
                }
            }
        }
        return String.format(
                Locale.ROOT,
                "%s %s, %s and ends at %.2f; the highest any other direction reaches: %s %.2f at frame %d",
                truth.label(),
                leadsFrom < 0 ? "does not lead at the end" : "leads from frame " + leadsFrom + " on",
                half < 0 ? "never passes one half" : "passes one half at frame " + half,
                probabilities[n - 1][t],
                rival.label(),
                probabilities[rivalFrame - 1][rival.index()],
                rivalFrame);
    }

    private static boolean leads(double[] p, int t) {
        for (int d = 0; d < p.length; d++) {
            if (d != t && p[d] >= p[t]) {
                return false;
            }
        }
        return true;
    }

    private static Object belief(double[][] probabilities, String title, String text) {
        Check.notNull("probabilities", probabilities);
        double[] k =
                IntStream.rangeClosed(1, probabilities.length).asDoubleStream().toArray();
        Trace[] traces = Arrays.stream(Direction.values())
                .map(d -> ScatterTrace.builder(
                                k,
                                Arrays.stream(probabilities)
                                        .mapToDouble(p -> p[d.index()])
                                        .toArray())
                        .mode(ScatterTrace.Mode.LINE)
                        .name(d.label())
                        .build())
                .toArray(Trace[]::new);
        StyledFigure figure = new StyledFigure(
                layout(title, "frames seen (of " + probabilities.length + ")", "probability (%)", false),
                PERCENT_AXIS,
                traces);
        return NotebookOutput.html(PlotlyHtml.figure(figure), text);
    }

    /** A robustness table (level, accuracy) as a curve on a linear axis. */
    public static Object robustness(Table table, String xTitle) {
        return robustness(table, xTitle, false);
    }

    /**
     * A robustness table (level, accuracy) as a curve. On a log axis ({@code logScale}), level 0
     * (clean videos) cannot be placed: it is drawn as a dotted horizontal line instead, and the
     * title says so. Notebook use for noise levels that span decades:
     * {@code InsightCharts.robustness(noise, "probability that a pixel is noise", true)}.
     *
     * @throws IllegalArgumentException if {@code logScale} and a level is negative, or no level is
     *                                  above 0
     */
    public static Object robustness(Table table, String xTitle, boolean logScale) {
        Check.notNull("table", table);
        Check.notNull("xTitle", xTitle);
        Curve curve = logScale ? logCurve(table) : linearCurve(table);
        String style = PERCENT_AXIS + curve.style() + LEGEND_BELOW;
        StyledFigure figure = new StyledFigure(
                layout(table.name(), xTitle + (logScale ? " (log scale)" : ""), "accuracy (% of sequences)", logScale),
                style,
                curve.traces().toArray(Trace[]::new));
        return NotebookOutput.html(PlotlyHtml.figure(figure), table.print());
    }

    /** A robustness chart's traces and the plotly settings they need beyond the common ones. */
    private record Curve(List<Trace> traces, String style) {}

    /** Accuracy against level, every row a point. */
    private static Curve linearCurve(Table table) {
        return new Curve(
                List.of(ScatterTrace.builder(table.numberColumn(0), table.numberColumn(1))
                        .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                        .name("accuracy")
                        .build()),
                "");
    }

    /**
     * Accuracy against the levels above 0, with a tick at each, and level 0 (if measured) as a
     * dotted line the subtitle explains.
     */
    private static Curve logCurve(Table table) {
        NumericColumn<?> level = table.numberColumn(0);
        NumericColumn<?> accuracy = table.numberColumn(1);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double clean = Double.NaN;
        for (int i = 0; i < table.rowCount(); i++) {
            double x = level.getDouble(i);
            if (x < 0) {
                throw new IllegalArgumentException("level " + x + " in row " + i
                        + " cannot go on a log axis: use levels >= 0 (0 is drawn as a line)");
            }
            if (x == 0) {
                clean = accuracy.getDouble(i);
            } else {
                xs.add(x);
                ys.add(accuracy.getDouble(i));
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException(
                    "no level above 0 in " + table.name() + ": a log axis needs at least one, or use logScale = false");
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        List<Trace> traces = new ArrayList<>();
        traces.add(ScatterTrace.builder(
                        x, ys.stream().mapToDouble(Double::doubleValue).toArray())
                .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
                .name("accuracy")
                .build());
        String subtitle = "";
        if (!Double.isNaN(clean)) {
            traces.add(cleanLine(x[0], x[x.length - 1], clean));
            subtitle = "layout.title = {text: " + StyledFigure.jsString(table.name())
                    + " + '<br><sub>level 0 (no damage) is the dotted line: a log axis has no 0</sub>'};\n";
        }
        return new Curve(traces, logTicks(x) + subtitle);
    }

    /** Accuracy at level 0 as a dotted horizontal line from {@code from} to {@code to}. */
    private static Trace cleanLine(double from, double to, double clean) {
        return ScatterTrace.builder(new double[] {from, to}, new double[] {clean, clean})
                .mode(ScatterTrace.Mode.LINE)
                .name(String.format(Locale.ROOT, "no damage (level 0): %.1f%%", 100 * clean))
                .line(Line.builder().dash(Line.Dash.DOT).color("gray").width(2).build())
                .build();
    }

    /** A tick at every measured level, labelled in percent, not plotly's 2, 3, … 9 between decades. */
    private static String logTicks(double[] x) {
        StringBuilder values = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            values.append(i == 0 ? "" : ", ").append(x[i]);
            labels.append(i == 0 ? "" : ", ").append('\'').append(percent(x[i])).append('\'');
        }
        return "layout.xaxis.tickvals = [" + values + "]; layout.xaxis.ticktext = [" + labels + "];\n";
    }

    /** 0.001 → "0.1%", 0.05 → "5%". */
    private static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(100 * fraction)
                        .round(new java.math.MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }

    private static Layout layout(String title, String x, String y, boolean logX) {
        Axis.AxisBuilder xAxis = Axis.builder().title(x);
        if (logX) {
            xAxis.type(Axis.Type.LOG);
        }
        return Layout.builder()
                .title(title)
                .height(420)
                .xAxis(xAxis.build())
                .yAxis(Axis.builder().title(y).range(0, 1.02).build())
                .build();
    }
}
