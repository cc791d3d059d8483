package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What one chart shows, said once: its data, titles, axes, series, reference lines, notes or heat
 * map, and its size. Two renderers read it and nothing else: {@link PlotlyJson} (the live chart)
 * and {@link ChartImage} (the still picture), so the two cannot drift apart. Colours are CSS hex
 * strings ({@code "#1f77b4"}), which both renderers understand.
 */
record Figure(
        String title,
        String subtitle,
        Axis x,
        Axis y,
        Axis y2,
        List<Series> series,
        List<ReferenceLine> lines,
        List<Note> notes,
        HeatMap heatMap,
        int width,
        int height) {

    /** plotly's default colours, in its order: a series without a colour gets the one of its index. */
    static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    /** The size of a line chart: reads well in a notebook's output area. */
    static final int WIDTH = 720;

    static final int HEIGHT = 420;

    Figure {
        Check.notNull("title", title);
        Check.notNull("x", x);
        Check.notNull("y", y);
        series = List.copyOf(series);
        lines = List.copyOf(lines);
        notes = List.copyOf(notes);
        if (y2 == null && series.stream().anyMatch(Series::rightAxis)) {
            throw new IllegalArgumentException("a series is on the right axis, but the chart has none");
        }
    }

    /** The colour series {@code i} is drawn in. */
    String colorOf(int i) {
        String c = series.get(i).color();
        return c != null ? c : PALETTE[i % PALETTE.length];
    }

    /** 0.001 → "0.1%", 0.25 → "25%": a fraction in percent, to three significant digits. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(100 * fraction)
                        .round(new MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }

    /** How a series is drawn. */
    enum Mode {
        LINES,
        MARKERS,
        LINES_AND_MARKERS;

        boolean lines() {
            return this != MARKERS;
        }

        boolean markers() {
            return this != LINES;
        }
    }

    enum Dash {
        SOLID,
        DASH,
        DOT
    }

    /**
     * An axis: its title (with the unit), and optionally a fixed range, a log scale, labels in
     * percent of a fraction, ticks at given values with given labels, or reversed (top to bottom).
     * {@code min}/{@code max} NaN: fitted to the data; {@code fromZero}: fitted, but from 0.
     */
    record Axis(
            String title,
            double min,
            double max,
            boolean fromZero,
            boolean logScale,
            boolean inPercent,
            boolean topToBottom,
            double step,
            double[] ticks,
            String[] tickLabels) {

        Axis {
            Check.notNull("title", title);
            ticks = ticks == null ? null : ticks.clone();
            tickLabels = tickLabels == null ? null : tickLabels.clone();
            if ((ticks == null) != (tickLabels == null) || (ticks != null && ticks.length != tickLabels.length)) {
                throw new IllegalArgumentException("give a label for every tick");
            }
        }

        static Axis of(String title) {
            return new Axis(title, Double.NaN, Double.NaN, false, false, false, false, Double.NaN, null, null);
        }

        /**
         * An axis for fractions from 0 to 1 shown as 0% to 100%, ticks every 20%; its top is a
         * little above 100% so that points at 100% show whole.
         */
        static Axis fraction(String title) {
            return of(title).range(0, 1.02).percent().step(0.2);
        }

        Axis range(double min, double max) {
            return new Axis(title, min, max, fromZero, logScale, inPercent, topToBottom, step, ticks, tickLabels);
        }

        Axis toZero() {
            return new Axis(title, min, max, true, logScale, inPercent, topToBottom, step, ticks, tickLabels);
        }

        Axis log() {
            return new Axis(title, min, max, fromZero, true, inPercent, topToBottom, step, ticks, tickLabels);
        }

        Axis percent() {
            return new Axis(title, min, max, fromZero, logScale, true, topToBottom, step, ticks, tickLabels);
        }

        Axis reversed() {
            return new Axis(title, min, max, fromZero, logScale, inPercent, true, step, ticks, tickLabels);
        }

        /** Ticks every {@code step} from 0 (not chosen from the range). */
        Axis step(double step) {
            return new Axis(title, min, max, fromZero, logScale, inPercent, topToBottom, step, ticks, tickLabels);
        }

        Axis ticks(double[] values, String[] labels) {
            return new Axis(title, min, max, fromZero, logScale, inPercent, topToBottom, step, values, labels);
        }

        boolean fixedRange() {
            return !Double.isNaN(min) && !Double.isNaN(max);
        }

        @Override
        public double[] ticks() {
            return ticks == null ? null : ticks.clone();
        }

        @Override
        public String[] tickLabels() {
            return tickLabels == null ? null : tickLabels.clone();
        }
    }

    /**
     * One curve or set of points; a NaN y is a point not measured (a gap in a line). {@code color}
     * null: the palette's colour of the series' index.
     */
    record Series(
            String name,
            double[] x,
            double[] y,
            Mode mode,
            String color,
            double width,
            Dash dash,
            double opacity,
            int markerSize,
            boolean rightAxis) {

        Series {
            Check.notNull("name", name);
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series " + name + " has " + x.length + " x values and " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        /** A solid line, 2 px wide, in the palette's colour. */
        static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, Mode.LINES, null, 2, Dash.SOLID, 1, 6, false);
        }

        Series mode(Mode mode) {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, rightAxis);
        }

        Series color(String color) {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, rightAxis);
        }

        Series width(double width) {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, rightAxis);
        }

        Series dash(Dash dash) {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, rightAxis);
        }

        Series opacity(double opacity) {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, rightAxis);
        }

        Series markerSize(int markerSize) {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, rightAxis);
        }

        Series onRightAxis() {
            return new Series(name, x, y, mode, color, width, dash, opacity, markerSize, true);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    /**
     * A horizontal line across the plot at {@code y} (of the left axis), labelled at its right end,
     * above the line or, near the top of the plot, below it.
     */
    record ReferenceLine(double y, String label, String color, Dash dash, boolean labelBelow) {
        ReferenceLine {
            Check.notNull("label", label);
            Check.notNull("color", color);
            Check.notNull("dash", dash);
        }
    }

    /** A label with an arrow pointing at (x, y), its text {@code dx}, {@code dy} pixels away (y down). */
    record Note(double x, double y, String text, String color, int dx, int dy) {
        Note {
            Check.notNull("text", text);
            Check.notNull("color", color);
        }
    }

    /**
     * A grid of coloured cells, {@code z[row][column]}, rows labelled {@code rows} (drawn top to
     * bottom), columns {@code columns}; each cell shows its text in its colour, bold if marked.
     * The colour runs from {@code low} at {@code zmin} to {@code high} at {@code zmax}; the colour
     * bar beside the grid is titled {@code scaleTitle}.
     */
    record HeatMap(
            List<String> columns,
            List<String> rows,
            double[][] z,
            String[][] text,
            String[][] textColors,
            boolean[][] bold,
            double zmin,
            double zmax,
            String low,
            String high,
            String scaleTitle) {

        HeatMap {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
            if (z.length != rows.size() || text.length != rows.size()) {
                throw new IllegalArgumentException("a heat map needs one row of values and texts per row label");
            }
            for (int r = 0; r < rows.size(); r++) {
                if (z[r].length != columns.size() || text[r].length != columns.size()) {
                    throw new IllegalArgumentException("row " + r + " of the heat map has not one cell per column");
                }
            }
            z = deepCopy(z);
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
            }
            return copy;
        }

        @Override
        public double[][] z() {
            return deepCopy(z);
        }
    }

    /** Builds a figure step by step; every part but the title and the axes is optional. */
    static final class Builder {
        private final String title;
        private final Axis x;
        private final Axis y;
        private String subtitle;
        private Axis y2;
        private final List<Series> series = new ArrayList<>();
        private final List<ReferenceLine> lines = new ArrayList<>();
        private final List<Note> notes = new ArrayList<>();
        private HeatMap heatMap;
        private int width = WIDTH;
        private int height = HEIGHT;

        Builder(String title, Axis x, Axis y) {
            this.title = title;
            this.x = x;
            this.y = y;
        }

        Builder subtitle(String subtitle) {
            this.subtitle = subtitle;
            return this;
        }

        /** A second y axis on the right, for the series marked {@link Series#onRightAxis()}. */
        Builder rightAxis(Axis axis) {
            this.y2 = axis;
            return this;
        }

        Builder add(Series s) {
            series.add(s);
            return this;
        }

        Builder line(ReferenceLine line) {
            lines.add(line);
            return this;
        }

        Builder note(Note note) {
            notes.add(note);
            return this;
        }

        Builder heatMap(HeatMap heatMap) {
            this.heatMap = heatMap;
            return this;
        }

        Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        Figure build() {
            return new Figure(title, subtitle, x, y, y2, series, lines, notes, heatMap, width, height);
        }
    }
}
