package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.evaluation.EvaluationReport;
import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.HeatmapTrace;

/**
 * The confusion matrix as a heat map: true direction down, predicted across, the count printed in
 * every cell. White is 0 and blue grows with the count; counts off the diagonal (mistakes) are
 * printed in bold (red on light cells), so a few errors stay visible next to hundreds of right
 * answers.
 */
public final class ConfusionMatrixChart {
    private ConfusionMatrixChart() {}

    /** The heat map as a Tablesaw figure. */
    public static Figure figure(EvaluationReport report) {
        Check.notNull("report", report);
        int[][] m = report.confusionMatrix();
        Object[] names = Direction.labels().toArray();
        double[][] z = new double[m.length][];
        int max = 1;
        for (int a = 0; a < m.length; a++) {
            z[a] = Arrays.stream(m[a]).asDoubleStream().toArray();
            max = Math.max(max, Arrays.stream(m[a]).max().orElse(0));
        }
        Layout layout = Layout.builder()
                .title("Confusion matrix (" + report.count() + " sequences; off-diagonal = mistakes)")
                .height(420)
                .width(520)
                .xAxis(Axis.builder().title("predicted direction").build())
                .yAxis(Axis.builder()
                        .title("true direction")
                        .autoRange(Axis.AutoRange.REVERSED)
                        .build())
                .build();
        StringBuilder annotations = new StringBuilder();
        for (int a = 0; a < m.length; a++) {
            for (int p = 0; p < m[a].length; p++) {
                boolean mistake = a != p && m[a][p] > 0;
                boolean dark = m[a][p] > 0.6 * max;
                String colour = dark ? "white" : mistake ? "#b00000" : "black";
                annotations.append(String.format(
                        Locale.ROOT,
                        "{x: '%s', y: '%s', text: '%s%d%s', showarrow: false, font: {size: 16, color: '%s'}},\n",
                        names[p],
                        names[a],
                        mistake ? "<b>" : "",
                        m[a][p],
                        mistake ? "</b>" : "",
                        colour));
            }
        }
        String style = "trace0.colorscale = [[0, '#ffffff'], [1, '#08306b']];\n"
                + "trace0.zmin = 0; trace0.zmax = " + max + ";\n"
                + "trace0.colorbar = {title: {text: 'sequences'}};\n"
                + "trace0.xgap = 2; trace0.ygap = 2;\n"
                + "layout.annotations = [\n" + annotations + "];";
        return new StyledFigure(
                layout, style, HeatmapTrace.builder(names, names, z).build());
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
