package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.insights.EarlyAccuracy;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Charts for the insights notebook (how early the model knows, how damage hurts it, one video's
 * running belief) and for notebook 2's experiment (learning curves). Each returns a {@link Chart}:
 * end a cell with {@code ….show()}.
 */
public final class InsightCharts {
    /** Guessing one of the four directions. */
    static final double CHANCE = 1.0 / Direction.COUNT;

    private static final String GREY = "#7f7f7f";

    private InsightCharts() {}

    /**
     * Accuracy against the number of frames seen, with the 25% of guessing as a dashed line and
     * the first frames at which 90% and 99% are reached marked. Summary: {@code "Accuracy by frames
     * seen: "} followed by {@link EarlyAccuracy#toString()}.
     */
    public static Chart earlyAccuracy(EarlyAccuracy early) {
        Check.notNull("early", early);
        int n = early.frames();
        double[] k = IntStream.rangeClosed(1, n).asDoubleStream().toArray();
        double[] curve = early.curve();
        String title = String.format(
                Locale.ROOT,
                "How early can it tell? (%d sequences; %s, %s)",
                early.count(),
                early.reaching(0.90),
                early.reaching(0.99));
        Figure.Builder chart = new Figure.Builder(title, Figure.Axis.of("frames seen (of " + n + ")"), accuracyAxis())
                .add(Figure.Series.line("accuracy", k, curve).mode(Figure.Mode.LINES_AND_MARKERS))
                .line(chance());
        String[] colours = {"#d62728", "#2ca02c"};
        double[] thresholds = {0.90, 0.99};
        for (int t = 0; t < thresholds.length; t++) {
            int first = early.firstReaching(thresholds[t]);
            if (first < 0) {
                continue; // never reached: nothing to mark (the title says so)
            }
            String label = String.format(Locale.ROOT, "%.0f%%", 100 * thresholds[t]);
            double[] at = {first};
            double[] value = {curve[first - 1]};
            chart.add(Figure.Series.line(label + " first reached: frame " + first, at, value)
                            .mode(Figure.Mode.MARKERS)
                            .markerSize(14)
                            .color(colours[t]))
                    .note(new Figure.Note(
                            first, value[0], label + " from frame " + first, colours[t], 40, 30 + 30 * t));
        }
        return new Chart(chart.build(), "Accuracy by frames seen: " + early);
    }

    /**
     * The model's running belief for one video: the probability of each direction after each
     * frame, {@code probabilities[frame][direction]}. Summary: {@code "Belief curve: "} and the title.
     */
    public static Chart belief(double[][] probabilities, String title) {
        Check.notNull("title", title);
        return belief(probabilities, title, "Belief curve: " + title);
    }

    /**
     * The running belief for one video whose true direction is {@code truth}. Its summary says what
     * the curve shows in frames counted from 1: from which frame on the true direction leads, when
     * it first passes one half, where it ends, and the highest probability any other direction
     * reaches, e.g. {@code "Belief curve: Video 1: Up. Up leads from frame 11 on, passes one half
     * at frame 16 and ends at 0.99; the highest any other direction reaches: Left 0.32 at frame 14"}.
     */
    public static Chart belief(double[][] probabilities, Direction truth, String title) {
        Check.notNull("probabilities", probabilities);
        Check.notNull("truth", truth);
        Check.notNull("title", title);
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

    private static Chart belief(double[][] probabilities, String title, String summary) {
        Check.notNull("probabilities", probabilities);
        double[] k =
                IntStream.rangeClosed(1, probabilities.length).asDoubleStream().toArray();
        Figure.Builder chart = new Figure.Builder(
                title,
                Figure.Axis.of("frames seen (of " + probabilities.length + ")"),
                Figure.Axis.fraction("probability (%)"));
        for (Direction d : Direction.values()) {
            chart.add(Figure.Series.line(
                    d.label(),
                    k,
                    Arrays.stream(probabilities).mapToDouble(p -> p[d.index()]).toArray()));
        }
        return new Chart(chart.build(), summary);
    }

    /** A robustness table (level, accuracy) as a curve on a linear axis. */
    public static Chart robustness(Table table, String xTitle) {
        return robustness(table, xTitle, false);
    }

    /**
     * A robustness table (level, accuracy; {@code Robustness.noiseCurve} or {@code gapCurve}) as a
     * curve. On a log axis ({@code logScale}), level 0 (clean videos) cannot be placed: it is drawn
     * as a dotted horizontal line instead, and the subtitle says so. Notebook use for noise levels
     * that span decades: {@code InsightCharts.robustness(noise, "probability that a pixel is noise",
     * true).show()}. Summary: the table, printed.
     *
     * @throws IllegalArgumentException if {@code logScale} and a level is negative, or no level is
     *                                  above 0
     */
    public static Chart robustness(Table table, String xTitle, boolean logScale) {
        Check.notNull("table", table);
        Check.notNull("xTitle", xTitle);
        Figure.Axis x = Figure.Axis.of(xTitle + (logScale ? " (log scale)" : ""));
        Figure.Builder chart;
        if (logScale) {
            chart = logCurve(table, x.log());
        } else {
            chart = new Figure.Builder(table.name(), x, accuracyAxis())
                    .add(Figure.Series.line(
                                    "accuracy",
                                    table.numberColumn(0).asDoubleArray(),
                                    table.numberColumn(1).asDoubleArray())
                            .mode(Figure.Mode.LINES_AND_MARKERS));
        }
        return new Chart(chart.build(), table.print());
    }

    /**
     * Accuracy on fresh videos against {@code x} (for instance the number of training videos), one
     * line with markers per entry of {@code accuracyBySeries} (its name → one accuracy per x, a
     * fraction from 0 to 1; NaN where not measured, skipped), with guessing's 25% as a dashed line.
     * Summary: each series' last measured value, e.g. {@code "Learning curves: CNN-LSTM 100.0% after
     * 3; last frame 49.1% after 3"}.
     *
     * @throws IllegalArgumentException if a series has not one value per x, or a value that is not
     *                                  a fraction
     */
    public static Chart learningCurves(
            String title, String xTitle, double[] x, LinkedHashMap<String, double[]> accuracyBySeries) {
        Check.notNull("title", title);
        Check.notNull("xTitle", xTitle);
        Check.notNull("x", x);
        Check.notNull("accuracyBySeries", accuracyBySeries);
        Figure.Builder chart = new Figure.Builder(
                        title, Figure.Axis.of(xTitle), Figure.Axis.fraction("accuracy on fresh videos (%)"))
                .line(new Figure.ReferenceLine(CHANCE, "chance (4 classes)", GREY, Figure.Dash.DASH, false));
        List<String> lasts = new ArrayList<>();
        for (Map.Entry<String, double[]> e : accuracyBySeries.entrySet()) {
            String name = Check.notNull("series name", e.getKey());
            double[] y = Check.notNull("accuracyBySeries[" + name + "]", e.getValue());
            if (y.length != x.length) {
                throw new IllegalArgumentException("series " + name + " has " + y.length + " values for " + x.length
                        + " x values: give one per x (NaN where not measured)");
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (!Double.isNaN(y[i]) && (y[i] < 0 || y[i] > 1)) {
                    throw new IllegalArgumentException("series " + name + " has " + y[i] + " at x = " + x[i]
                            + ": give accuracies as fractions from 0 to 1 (0.991, not 99.1)");
                }
                if (!Double.isNaN(y[i])) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            chart.add(Figure.Series.line(name, unbox(xs), unbox(ys)).mode(Figure.Mode.LINES_AND_MARKERS));
            lasts.add(
                    ys.isEmpty()
                            ? name + " not measured"
                            : String.format(
                                    Locale.ROOT,
                                    "%s %.1f%% after %s",
                                    name,
                                    100 * ys.get(ys.size() - 1),
                                    number(xs.get(xs.size() - 1))));
        }
        return new Chart(chart.build(), "Learning curves: " + String.join("; ", lasts));
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** 3 → "3", 5000 → "5,000", 0.5 → "0.5". */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return BigDecimal.valueOf(v)
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static Figure.Axis accuracyAxis() {
        return Figure.Axis.fraction("accuracy (% of sequences)");
    }

    private static Figure.ReferenceLine chance() {
        return new Figure.ReferenceLine(CHANCE, "chance (25%)", GREY, Figure.Dash.DASH, false);
    }

    /**
     * Accuracy against the levels above 0, with a tick at each, and level 0 (if measured) as a
     * dotted line the subtitle explains.
     */
    private static Figure.Builder logCurve(Table table, Figure.Axis x) {
        NumericColumn<?> level = table.numberColumn(0);
        NumericColumn<?> accuracy = table.numberColumn(1);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double clean = Double.NaN;
        for (int i = 0; i < table.rowCount(); i++) {
            double v = level.getDouble(i);
            if (v < 0) {
                throw new IllegalArgumentException("level " + v + " in row " + i
                        + " cannot go on a log axis: use levels >= 0 (0 is drawn as a line)");
            }
            if (v == 0) {
                clean = accuracy.getDouble(i);
            } else {
                xs.add(v);
                ys.add(accuracy.getDouble(i));
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException(
                    "no level above 0 in " + table.name() + ": a log axis needs at least one, or use logScale = false");
        }
        double[] levels = unbox(xs);
        // a tick at every measured level, labelled in percent, not plotly's 2, 3, … 9 between decades
        Figure.Builder chart = new Figure.Builder(
                        table.name(),
                        x.ticks(
                                levels,
                                Arrays.stream(levels).mapToObj(Figure::percent).toArray(String[]::new)),
                        accuracyAxis())
                .add(Figure.Series.line("accuracy", levels, unbox(ys)).mode(Figure.Mode.LINES_AND_MARKERS));
        if (!Double.isNaN(clean)) {
            chart.line(new Figure.ReferenceLine(
                            clean,
                            String.format(Locale.ROOT, "no damage (level 0): %.1f%%", 100 * clean),
                            GREY,
                            Figure.Dash.DOT,
                            clean > 0.8)) // near 100%: the label goes under the line, inside the plot
                    .subtitle("level 0 (no damage) is the dotted line: a log axis has no 0");
        }
        return chart;
    }
}
