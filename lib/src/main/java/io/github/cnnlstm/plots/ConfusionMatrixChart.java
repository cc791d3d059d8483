package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.evaluation.EvaluationReport;
import java.util.Arrays;
import java.util.List;

/**
 * The confusion matrix as a heat map: true direction down, predicted across, the count printed in
 * every cell. White is 0 and blue grows with the count; counts off the diagonal (mistakes) are
 * printed in bold (red on light cells), so a few errors stay visible next to hundreds of right
 * answers.
 */
public final class ConfusionMatrixChart {
    /** The colour of the largest count. */
    static final String DARK = "#08306b";
    /** Mistakes on light cells. */
    static final String MISTAKE = "#b00000";
    /** Above this share of the largest count a cell is dark enough for white text. */
    static final double DARK_SHARE = 0.6;

    private ConfusionMatrixChart() {}

    /**
     * The heat map. Notebook use: {@code ConfusionMatrixChart.chart(report).show()}; its summary is
     * the matrix as a table ({@link EvaluationReport#confusionTable()}).
     */
    public static Chart chart(EvaluationReport report) {
        Check.notNull("report", report);
        return new Chart(figure(report), report.confusionTable().print());
    }

    static Figure figure(EvaluationReport report) {
        int[][] m = report.confusionMatrix();
        int n = m.length;
        int max =
                Math.max(1, Arrays.stream(m).flatMapToInt(Arrays::stream).max().orElse(0));
        double[][] z = new double[n][];
        String[][] text = new String[n][n];
        String[][] colors = new String[n][n];
        boolean[][] bold = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            z[a] = Arrays.stream(m[a]).asDoubleStream().toArray();
            for (int p = 0; p < n; p++) {
                boolean mistake = a != p && m[a][p] > 0;
                text[a][p] = Integer.toString(m[a][p]);
                colors[a][p] = m[a][p] > DARK_SHARE * max ? "#ffffff" : mistake ? MISTAKE : "#000000";
                bold[a][p] = mistake;
            }
        }
        List<String> names = Direction.labels();
        return new Figure.Builder(
                        "Confusion matrix (" + report.count() + " sequences; off-diagonal = mistakes)",
                        Figure.Axis.of("predicted direction"),
                        Figure.Axis.of("true direction").reversed())
                .heatMap(new Figure.HeatMap(names, names, z, text, colors, bold, 0, max, "#ffffff", DARK, "sequences"))
                // a square grid of cells beside the colour bar
                .size(600, 460)
                .build();
    }
}
