package io.github.cnnlstm.plots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A line chart described once and drawn twice: as a plotly figure (interactive, when the notebook
 * runs or is trusted) and as a still picture ({@link ChartPicture}) that the figure's HTML carries
 * for every viewer that runs no script. Both come from the same series, titles and axes, so the two
 * cannot drift apart.
 */
final class Chart {
    /** plotly.js's default colours, in its order: a series without a colour gets the one of its index. */
    static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    static final int WIDTH = 720;
    static final int HEIGHT = 420;

    enum Mode {
        LINE,
        MARKERS,
        LINE_AND_MARKERS;

        boolean lines() {
            return this != MARKERS;
        }

        boolean markers() {
            return this != LINE;
        }
    }

    enum Dash {
        SOLID,
        DASH,
        DOT
    }

    /** One curve or set of points. */
    static final class Series {
        final String name;
        final double[] x;
        final double[] y;
        Mode mode = Mode.LINE;
        String color;
        double width = 2;
        Dash dash = Dash.SOLID;
        double opacity = 1;
        int markerSize = 6;
        boolean rightAxis;

        Series(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series " + name + " has " + x.length + " x values and " + y.length + " y values");
            }
            this.name = name;
            this.x = x.clone();
            this.y = y.clone();
        }

        Series mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        Series color(String color) {
            this.color = color;
            return this;
        }

        Series width(double width) {
            this.width = width;
            return this;
        }

        Series dash(Dash dash) {
            this.dash = dash;
            return this;
        }

        Series opacity(double opacity) {
            this.opacity = opacity;
            return this;
        }

        Series markerSize(int size) {
            this.markerSize = size;
            return this;
        }

        Series onRightAxis() {
            this.rightAxis = true;
            return this;
        }
    }

    /** A label with an arrow pointing at (x, y), its text {@code dx}, {@code dy} pixels away. */
    record Note(double x, double y, String text, String color, int dx, int dy) {}

    /** An axis: its title, and optionally a fixed range, a log scale, percent labels or own ticks. */
    static final class Axis {
        final String title;
        double min = Double.NaN;
        double max = Double.NaN;
        boolean toZero;
        boolean percent;
        boolean log;
        double[] ticks;
        String[] tickLabels;

        Axis(String title) {
            this.title = title;
        }

        Axis range(double min, double max) {
            this.min = min;
            this.max = max;
            return this;
        }

        Axis toZero() {
            this.toZero = true;
            return this;
        }

        Axis percent() {
            this.percent = true;
            return this;
        }

        Axis log() {
            this.log = true;
            return this;
        }

        Axis ticks(double[] values, String[] labels) {
            this.ticks = values.clone();
            this.tickLabels = labels.clone();
            return this;
        }
    }

    final String title;
    final Axis x;
    final Axis y;
    Axis right;
    String subtitle;
    final List<Series> series = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();

    Chart(String title, Axis x, Axis y) {
        this.title = title;
        this.x = x;
        this.y = y;
    }

    Chart subtitle(String subtitle) {
        this.subtitle = subtitle;
        return this;
    }

    /** A second y axis on the right, for the series marked {@link Series#onRightAxis()}. */
    Chart rightAxis(Axis axis) {
        this.right = axis;
        return this;
    }

    Chart add(Series s) {
        series.add(s);
        return this;
    }

    Chart note(Note note) {
        notes.add(note);
        return this;
    }

    /** 0.001 → "0.1%", 0.25 → "25%": a fraction in percent, to three significant digits. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(100 * fraction)
                        .round(new MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }

    /** The colour series {@code i} is drawn in. */
    String colorOf(int i) {
        String c = series.get(i).color;
        return c != null ? c : PALETTE[i % PALETTE.length];
    }

    /**
     * The plotly figure, carrying its still picture; {@code description} (the chart's text form)
     * is the picture's alternative text.
     */
    StyledFigure figure(String description) {
        Layout.LayoutBuilder layout = Layout.builder()
                .title(title)
                .height(HEIGHT)
                .xAxis(axis(x).build())
                .yAxis(axis(y).build());
        if (right != null) {
            layout.yAxis2(axis(right)
                    .overlaying(ScatterTrace.YAxis.Y)
                    .side(tech.tablesaw.plotly.components.Axis.Side.right)
                    .showGrid(false)
                    .build());
        }
        Trace[] traces = series.stream().map(Chart::trace).toArray(Trace[]::new);
        return new StyledFigure(layout.build(), style(), traces)
                .withPicture(() -> ChartPicture.draw(this, description));
    }

    private static tech.tablesaw.plotly.components.Axis.AxisBuilder axis(Axis a) {
        var b = tech.tablesaw.plotly.components.Axis.builder().title(a.title);
        if (!Double.isNaN(a.min)) {
            b.range(a.min, a.max);
        }
        if (a.toZero) {
            b.rangeMode(tech.tablesaw.plotly.components.Axis.RangeMode.TO_ZERO);
        }
        if (a.log) {
            b.type(tech.tablesaw.plotly.components.Axis.Type.LOG);
        }
        return b;
    }

    private static Trace trace(Series s) {
        ScatterTrace.ScatterBuilder b = ScatterTrace.builder(s.x, s.y)
                .name(s.name)
                .mode(
                        switch (s.mode) {
                            case LINE -> ScatterTrace.Mode.LINE;
                            case MARKERS -> ScatterTrace.Mode.MARKERS;
                            case LINE_AND_MARKERS -> ScatterTrace.Mode.LINE_AND_MARKERS;
                        });
        if (s.mode.lines()) {
            Line.LineBuilder line = Line.builder().width(s.width);
            if (s.color != null) {
                line.color(s.color);
            }
            if (s.dash != Dash.SOLID) {
                line.dash(s.dash == Dash.DASH ? Line.Dash.DASH : Line.Dash.DOT);
            }
            b.line(line.build());
        }
        if (s.mode.markers()) {
            Marker.MarkerBuilder marker = Marker.builder().size(s.markerSize);
            if (s.color != null) {
                marker.color(s.color);
            }
            b.marker(marker.build());
        }
        if (s.opacity != 1) {
            b.opacity(s.opacity);
        }
        if (s.rightAxis) {
            b.yAxis(ScatterTrace.YAxis.Y2);
        }
        return b.build();
    }

    /** What Tablesaw has no builder for: percent ticks, own ticks, the subtitle, notes, the legend below. */
    private String style() {
        StringBuilder js = new StringBuilder();
        axisStyle(js, "xaxis", x);
        axisStyle(js, "yaxis", y);
        if (right != null) {
            axisStyle(js, "yaxis2", right);
        }
        if (subtitle != null) {
            js.append("layout.title = {text: ")
                    .append(StyledFigure.jsString(title))
                    .append(" + '<br><sub>' + ")
                    .append(StyledFigure.jsString(subtitle))
                    .append(" + '</sub>'};\n");
        }
        if (!notes.isEmpty()) {
            js.append("layout.annotations = [\n");
            for (Note n : notes) {
                js.append(String.format(
                        Locale.ROOT,
                        "{x: %s, y: %s, text: %s, showarrow: true, arrowhead: 2, ax: %d, ay: %d, font: {color: '%s'}},\n",
                        n.x(),
                        n.y(),
                        StyledFigure.jsString(n.text()),
                        n.dx(),
                        n.dy(),
                        n.color()));
            }
            js.append("];\n");
        }
        // In one row under the x axis title: inside the plot, a legend hides whatever curve runs there.
        js.append("layout.legend = {orientation: 'h', x: 0, xanchor: 'left', y: -0.25, yanchor: 'top'};\n")
                .append("layout.margin = {t: 60, b: 110};");
        return js.toString();
    }

    private static void axisStyle(StringBuilder js, String name, Axis a) {
        if (a.percent) {
            js.append("layout.").append(name).append(".tickformat = '.0%';\n");
        }
        if (a.ticks != null) {
            js.append("layout.").append(name).append(".tickvals = [");
            for (int i = 0; i < a.ticks.length; i++) {
                js.append(i == 0 ? "" : ", ").append(a.ticks[i]);
            }
            js.append("]; layout.").append(name).append(".ticktext = [");
            for (int i = 0; i < a.tickLabels.length; i++) {
                js.append(i == 0 ? "" : ", ").append(StyledFigure.jsString(a.tickLabels[i]));
            }
            js.append("];\n");
        }
    }
}
