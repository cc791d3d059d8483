package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.evaluation.EvaluationReport;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Arrays;
import java.util.List;
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
    /** The colour of the largest count. */
    private static final String DARK = "#08306b";
    /** Mistakes on light cells. */
    private static final String MISTAKE_HEX = "#b00000";

    private static final Color MISTAKE = ChartPicture.color(MISTAKE_HEX);

    private ConfusionMatrixChart() {}

    /** The heat map as a Tablesaw figure. */
    public static Figure figure(EvaluationReport report) {
        Check.notNull("report", report);
        int[][] m = report.confusionMatrix();
        Object[] names = Direction.labels().toArray();
        double[][] z = new double[m.length][];
        for (int a = 0; a < m.length; a++) {
            z[a] = Arrays.stream(m[a]).asDoubleStream().toArray();
        }
        int max = maximum(m);
        String title = "Confusion matrix (" + report.count() + " sequences; off-diagonal = mistakes)";
        Layout layout = Layout.builder()
                .title(title)
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
                String colour = dark ? "white" : mistake ? MISTAKE_HEX : "black";
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
        String style = "trace0.colorscale = [[0, '#ffffff'], [1, '" + DARK + "']];\n"
                + "trace0.zmin = 0; trace0.zmax = " + max + ";\n"
                + "trace0.colorbar = {title: {text: 'sequences'}};\n"
                + "trace0.xgap = 2; trace0.ygap = 2;\n"
                + "layout.annotations = [\n" + annotations + "];";
        return new StyledFigure(
                        layout, style, HeatmapTrace.builder(names, names, z).build())
                .withPicture(() -> picture(m, title, report.confusionTable().print()));
    }

    /** Colour of a cell holding {@code share} of the largest count: white to dark blue, as the chart's scale. */
    private static Color shade(double share) {
        Color dark = ChartPicture.color(DARK);
        return new Color(
                (int) Math.round(255 + share * (dark.getRed() - 255)),
                (int) Math.round(255 + share * (dark.getGreen() - 255)),
                (int) Math.round(255 + share * (dark.getBlue() - 255)));
    }

    /** The still picture of the heat map, drawn as the chart draws it. */
    private static Picture picture(int[][] m, String title, String description) {
        int width = 520;
        int height = 420;
        int max = maximum(m);
        Picture image = new Picture(width, height, description);
        Graphics2D g = Canvas.start(image);
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int top = ChartPicture.title(g, title, null, width) + 16;
            int left = 110;
            int side = 4 * 70;
            int cell = side / m.length;
            for (int a = 0; a < m.length; a++) {
                for (int p = 0; p < m[a].length; p++) {
                    boolean mistake = a != p && m[a][p] > 0;
                    boolean dark = m[a][p] > 0.6 * max;
                    g.setColor(shade((double) m[a][p] / max));
                    g.fillRect(left + p * cell + 1, top + a * cell + 1, cell - 2, cell - 2);
                    g.setColor(dark ? Color.WHITE : mistake ? MISTAKE : Color.BLACK);
                    g.setFont(new Font(Font.SANS_SERIF, mistake ? Font.BOLD : Font.PLAIN, 16));
                    ChartPicture.centre(
                            g, Integer.toString(m[a][p]), left + p * cell + cell / 2, top + a * cell + cell / 2 + 6);
                }
            }
            g.setColor(ChartPicture.INK);
            g.setFont(ChartPicture.TICK_FONT);
            List<String> names = Direction.labels();
            for (int i = 0; i < names.size(); i++) {
                ChartPicture.centre(g, names.get(i), left + i * cell + cell / 2, top + side + 18);
                g.drawString(
                        names.get(i),
                        left - 8 - g.getFontMetrics().stringWidth(names.get(i)),
                        top + i * cell + cell / 2 + 4);
            }
            g.setFont(ChartPicture.AXIS_FONT);
            ChartPicture.centre(g, "predicted direction", left + side / 2, top + side + 44);
            ChartPicture.vertical(g, "true direction", left - 62, top + side / 2, true);
            colourBar(g, left + side + 30, top, side, max);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The scale beside the cells: white at 0 to dark blue at the largest count. */
    private static void colourBar(Graphics2D g, int x, int top, int side, int max) {
        for (int i = 0; i < side; i++) {
            g.setColor(shade(1 - (double) i / (side - 1)));
            g.fillRect(x, top + i, 18, 1);
        }
        g.setColor(ChartPicture.INK);
        g.drawRect(x, top, 18, side - 1);
        g.setFont(ChartPicture.TICK_FONT);
        double step = ChartPicture.Scale.step(0, max);
        for (double v = 0; v <= max + 1e-9; v += step) {
            int y = (int) Math.round(top + side - 1 - v / max * (side - 1));
            g.drawLine(x + 18, y, x + 22, y);
            g.drawString(ChartPicture.Scale.number(v, step), x + 25, y + 4);
        }
        g.drawString("sequences", x - 4, top - 8);
    }

    private static int maximum(int[][] m) {
        int max = 1;
        for (int[] row : m) {
            max = Math.max(max, Arrays.stream(row).max().orElse(0));
        }
        return max;
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
