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

/** Charts for the insights notebook: how early the model knows, and how damage hurts it. */
public final class InsightCharts {

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
        String title = String.format(
                Locale.ROOT,
                "How early can it tell? (%d sequences; %s, %s)",
                early.count(),
                early.reaching(0.90),
                early.reaching(0.99));
        Chart chart = new Chart(title, new Chart.Axis("frames seen (of " + n + ")"), accuracyAxis())
                .add(new Chart.Series("accuracy", k, curve).mode(Chart.Mode.LINE_AND_MARKERS))
                .add(new Chart.Series("chance (25%)", new double[] {1, n}, new double[] {0.25, 0.25})
                        .dash(Chart.Dash.DASH)
                        .color("gray"));
        String[] colours = {"#d62728", "#2ca02c"};
        double[] thresholds = {0.90, 0.99};
        for (int t = 0; t < thresholds.length; t++) {
            int first = early.firstReaching(thresholds[t]);
            String label = String.format(Locale.ROOT, "%.0f%%", 100 * thresholds[t]);
            if (first < 0) {
                continue; // never reached: nothing to mark (the title says so)
            }
            chart.add(new Chart.Series(label + " first reached: frame " + first, new double[] {first}, new double[] {
                                curve[first - 1]
                            })
                            .mode(Chart.Mode.MARKERS)
                            .markerSize(14)
                            .color(colours[t]))
                    .note(new Chart.Note(
                            first, curve[first - 1], label + " from frame " + first, colours[t], 40, 30 + 30 * t));
        }
        String text = "Accuracy by frames seen: " + early;
        return NotebookOutput.html(PlotlyHtml.figure(chart.figure(text)), text);
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
        Chart chart = new Chart(
                title,
                new Chart.Axis("frames seen (of " + probabilities.length + ")"),
                new Chart.Axis("probability (%)").range(0, 1.02).percent());
        for (Direction d : Direction.values()) {
            chart.add(new Chart.Series(
                    d.label(),
                    k,
                    Arrays.stream(probabilities).mapToDouble(p -> p[d.index()]).toArray()));
        }
        return NotebookOutput.html(PlotlyHtml.figure(chart.figure(text)), text);
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
        Chart.Axis x = new Chart.Axis(xTitle + (logScale ? " (log scale)" : ""));
        Chart chart = new Chart(table.name(), logScale ? x.log() : x, accuracyAxis());
        if (logScale) {
            logCurve(table, chart);
        } else {
            chart.add(new Chart.Series(
                            "accuracy",
                            table.numberColumn(0).asDoubleArray(),
                            table.numberColumn(1).asDoubleArray())
                    .mode(Chart.Mode.LINE_AND_MARKERS));
        }
        String text = table.print();
        return NotebookOutput.html(PlotlyHtml.figure(chart.figure(text)), text);
    }

    private static Chart.Axis accuracyAxis() {
        return new Chart.Axis("accuracy (% of sequences)").range(0, 1.02).percent();
    }

    /**
     * Accuracy against the levels above 0, with a tick at each, and level 0 (if measured) as a
     * dotted line the subtitle explains.
     */
    private static void logCurve(Table table, Chart chart) {
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
        // a tick at every measured level, labelled in percent, not plotly's 2, 3, … 9 between decades
        chart.x.ticks(x, Arrays.stream(x).mapToObj(Chart::percent).toArray(String[]::new));
        chart.add(new Chart.Series(
                        "accuracy",
                        x,
                        ys.stream().mapToDouble(Double::doubleValue).toArray())
                .mode(Chart.Mode.LINE_AND_MARKERS));
        if (!Double.isNaN(clean)) {
            chart.add(new Chart.Series(
                                    String.format(Locale.ROOT, "no damage (level 0): %.1f%%", 100 * clean),
                                    new double[] {x[0], x[x.length - 1]},
                                    new double[] {clean, clean})
                            .dash(Chart.Dash.DOT)
                            .color("gray"))
                    .subtitle("level 0 (no damage) is the dotted line: a log axis has no 0");
        }
    }
}
