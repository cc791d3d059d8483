package io.github.cnnlstm.plots;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.insights.EarlyAccuracy;
import java.util.Arrays;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** Charts for the insights notebook: how early the model knows, and how damage hurts it. */
public final class InsightCharts {
    private InsightCharts() {
    }

    /** Accuracy against the number of frames seen. */
    public static Object earlyAccuracy(EarlyAccuracy early) {
        Check.notNull("early", early);
        double[] k = IntStream.rangeClosed(1, early.frames()).asDoubleStream().toArray();
        Figure figure = new Figure(layout("How early can it tell? (" + early.count() + " sequences)",
                "frames seen", "accuracy"),
                ScatterTrace.builder(k, early.curve()).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("accuracy").build());
        return NotebookOutput.html(PlotlyHtml.figure(figure), "Accuracy by frames seen: " + early);
    }

    /**
     * The model's running belief for one video: the probability of each direction after each
     * frame, {@code probabilities[frame][direction]}.
     */
    public static Object belief(double[][] probabilities, String title) {
        Check.notNull("probabilities", probabilities);
        double[] k = IntStream.rangeClosed(1, probabilities.length).asDoubleStream().toArray();
        Trace[] traces = Arrays.stream(Direction.values())
                .map(d -> ScatterTrace.builder(k, Arrays.stream(probabilities).mapToDouble(p -> p[d.index()]).toArray())
                        .mode(ScatterTrace.Mode.LINE).name(d.label()).build())
                .toArray(Trace[]::new);
        return NotebookOutput.html(PlotlyHtml.figure(new Figure(layout(title, "frames seen", "probability"), traces)),
                "Belief curve: " + title);
    }

    /** A robustness table (level, accuracy) as a curve. */
    public static Object robustness(Table table, String xTitle) {
        Check.notNull("table", table);
        Figure figure = new Figure(layout(table.name(), xTitle, "accuracy"),
                ScatterTrace.builder(table.numberColumn(0), table.numberColumn(1))
                        .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("accuracy").build());
        return NotebookOutput.html(PlotlyHtml.figure(figure), table.print());
    }

    private static Layout layout(String title, String x, String y) {
        return Layout.builder().title(title).height(340)
                .xAxis(Axis.builder().title(x).build())
                .yAxis(Axis.builder().title(y).range(0, 1.02).build())
                .build();
    }
}
