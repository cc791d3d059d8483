package io.github.cnnlstm.plots;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.evaluation.EvaluationReport;
import java.util.Arrays;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.HeatmapTrace;

/** The confusion matrix as a heat map: actual direction down, predicted across. */
public final class ConfusionMatrixChart {
    private ConfusionMatrixChart() {
    }

    /** The heat map as a Tablesaw figure. */
    public static Figure figure(EvaluationReport report) {
        Check.notNull("report", report);
        int[][] m = report.confusionMatrix();
        Object[] names = Arrays.stream(Direction.values()).map(Direction::label).toArray();
        double[][] z = new double[m.length][];
        for (int a = 0; a < m.length; a++) {
            z[a] = Arrays.stream(m[a]).asDoubleStream().toArray();
        }
        Layout layout = Layout.builder()
                .title("Confusion matrix (" + report.count() + " sequences)")
                .height(380).width(480)
                .xAxis(Axis.builder().title("predicted").build())
                .yAxis(Axis.builder().title("actual").autoRange(Axis.AutoRange.REVERSED).build())
                .build();
        return new Figure(layout, HeatmapTrace.builder(names, names, z).build());
    }

    /**
     * The heat map as a notebook output: make it the last value of a cell (needs
     * {@link PlotlyHtml#setup()} once). Its text form is the matrix as a table.
     */
    public static Object chart(EvaluationReport report) {
        return NotebookOutput.html(html(report), report.confusionTable().print());
    }

    /** The heat map as notebook HTML (needs {@link PlotlyHtml#setup()} once). */
    public static String html(EvaluationReport report) {
        return PlotlyHtml.figure(figure(report));
    }
}
