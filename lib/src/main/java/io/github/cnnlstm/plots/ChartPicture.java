package io.github.cnnlstm.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as a still picture in Java2D, laid out as plotly lays out the same chart:
 * title on top, grid and ticks, a left (and optional right) axis, the legend in rows below. It
 * needs no browser, so every run of a notebook makes the picture in a few milliseconds.
 */
final class ChartPicture {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color INK = new Color(0x44, 0x44, 0x44);
    static final Color GRID = new Color(0xee, 0xee, 0xee);
    private static final int LEGEND_ROW = 20;

    private ChartPicture() {}

    /** The picture of {@code chart}; {@code description} is its text form. */
    static Picture draw(Chart chart, String description) {
        Picture image = new Picture(Chart.WIDTH, Chart.HEIGHT, description);
        Graphics2D g = Canvas.start(image);
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            new Layout(chart, g).draw();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A title centred at the top, and its subtitle under it. */
    static int title(Graphics2D g, String title, String subtitle, int width) {
        g.setColor(INK);
        g.setFont(TITLE_FONT);
        centre(g, title, width / 2, 28);
        if (subtitle == null) {
            return 44;
        }
        g.setFont(SUBTITLE_FONT);
        centre(g, subtitle, width / 2, 46);
        return 60;
    }

    static void centre(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /** Text turned a quarter, reading upwards ({@code up}) or downwards, centred on (x, y). */
    static void vertical(Graphics2D g, String text, int x, int y, boolean up) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(up ? -Math.PI / 2 : Math.PI / 2);
        centre(g, text, 0, 0);
        g.setTransform(saved);
    }

    static Color color(String hex) {
        return switch (hex) {
            case "gray", "grey" -> Color.GRAY;
            case "white" -> Color.WHITE;
            case "black" -> Color.BLACK;
            default -> Color.decode(hex);
        };
    }

    /** Where each part of one chart goes, and drawing it. */
    private static final class Layout {
        private final Chart chart;
        private final Graphics2D g;
        private final Scale x;
        private final Scale y;
        private final Scale right;
        private int left;
        private int top;
        private int plotRight;
        private int bottom;

        Layout(Chart chart, Graphics2D g) {
            this.chart = chart;
            this.g = g;
            x = Scale.of(chart.x, chart.series, false, true);
            y = Scale.of(chart.y, chart.series, false, false);
            right = chart.right == null ? null : Scale.of(chart.right, chart.series, true, false);
        }

        void draw() {
            top = title(g, chart.title, chart.subtitle, Chart.WIDTH) + 6;
            g.setFont(TICK_FONT);
            left = 40 + widest(y) + (chart.y.title == null ? 0 : 22);
            plotRight = Chart.WIDTH - (right == null ? 30 : 40 + widest(right) + 22);
            List<List<Integer>> rows = legendRows(left);
            bottom = Chart.HEIGHT - 56 - LEGEND_ROW * rows.size() - 8;
            grid();
            for (int i = 0; i < chart.series.size(); i++) {
                series(i);
            }
            notes();
            axes();
            legend(rows);
        }

        private int widest(Scale s) {
            int w = 0;
            for (String label : s.labels) {
                w = Math.max(w, g.getFontMetrics().stringWidth(label));
            }
            return w;
        }

        private double px(double v) {
            return left + x.fraction(v) * (plotRight - left);
        }

        private double py(Scale s, double v) {
            return bottom - s.fraction(v) * (bottom - top);
        }

        private void grid() {
            g.setColor(GRID);
            g.setStroke(new BasicStroke(1f));
            for (double t : y.ticks) {
                int yy = (int) Math.round(py(y, t));
                g.drawLine(left, yy, plotRight, yy);
            }
            for (double t : x.ticks) {
                int xx = (int) Math.round(px(t));
                g.drawLine(xx, top, xx, bottom);
            }
        }

        private void series(int i) {
            Chart.Series s = chart.series.get(i);
            Scale ys = s.rightAxis && right != null ? right : y;
            Color c = color(chart.colorOf(i));
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * s.opacity)));
            var clip = g.getClip();
            g.clipRect(left - 6, top - 6, plotRight - left + 12, bottom - top + 12);
            if (s.mode.lines()) {
                g.setStroke(stroke(s.width, s.dash));
                Path2D.Double path = new Path2D.Double();
                boolean open = false;
                for (int k = 0; k < s.x.length; k++) {
                    if (!x.placeable(s.x[k]) || !ys.placeable(s.y[k])) {
                        open = false;
                        continue;
                    }
                    if (open) {
                        path.lineTo(px(s.x[k]), py(ys, s.y[k]));
                    } else {
                        path.moveTo(px(s.x[k]), py(ys, s.y[k]));
                        open = true;
                    }
                }
                g.draw(path);
            }
            if (s.mode.markers()) {
                for (int k = 0; k < s.x.length; k++) {
                    if (x.placeable(s.x[k]) && ys.placeable(s.y[k])) {
                        g.fill(dot(px(s.x[k]), py(ys, s.y[k]), s.markerSize));
                    }
                }
            }
            g.setClip(clip);
        }

        private void notes() {
            for (Chart.Note n : chart.notes) {
                double hx = px(n.x());
                double hy = py(y, n.y());
                double tx = hx + n.dx();
                double ty = hy + n.dy();
                g.setColor(INK);
                g.setStroke(new BasicStroke(1f));
                FontMetrics fm = g.getFontMetrics(TICK_FONT);
                int w = fm.stringWidth(n.text());
                // the arrow stops at the text's edge, as plotly's does
                double sx = tx - Math.signum(n.dx()) * Math.min(Math.abs(n.dx()), w / 2.0);
                double sy = ty - Math.signum(n.dy()) * Math.min(Math.abs(n.dy()), fm.getAscent() / 2.0);
                g.draw(new java.awt.geom.Line2D.Double(sx, sy, hx, hy));
                arrowHead(hx, hy, hx - sx, hy - sy);
                g.setColor(color(n.color()));
                g.setFont(TICK_FONT);
                g.drawString(n.text(), (float) (tx - w / 2.0), (float) (ty + fm.getAscent() / 2.0 - 1));
            }
        }

        private void arrowHead(double hx, double hy, double dx, double dy) {
            double length = Math.hypot(dx, dy);
            if (length == 0) {
                return;
            }
            double ux = dx / length;
            double uy = dy / length;
            Path2D.Double head = new Path2D.Double();
            head.moveTo(hx, hy);
            head.lineTo(hx - 8 * ux + 4 * uy, hy - 8 * uy - 4 * ux);
            head.lineTo(hx - 8 * ux - 4 * uy, hy - 8 * uy + 4 * ux);
            head.closePath();
            g.fill(head);
        }

        private void axes() {
            g.setColor(INK);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(left, bottom, plotRight, bottom);
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < x.ticks.length; i++) {
                centre(g, x.labels.get(i), (int) Math.round(px(x.ticks[i])), bottom + 6 + fm.getAscent());
            }
            for (int i = 0; i < y.ticks.length; i++) {
                String label = y.labels.get(i);
                g.drawString(label, left - 6 - fm.stringWidth(label), (int)
                        Math.round(py(y, y.ticks[i]) + fm.getAscent() / 2.0 - 1));
            }
            if (right != null) {
                for (int i = 0; i < right.ticks.length; i++) {
                    g.drawString(right.labels.get(i), plotRight + 6, (int)
                            Math.round(py(right, right.ticks[i]) + fm.getAscent() / 2.0 - 1));
                }
            }
            g.setFont(AXIS_FONT);
            int ticksBottom = bottom + 6 + fm.getHeight();
            centre(g, chart.x.title, (left + plotRight) / 2, ticksBottom + 20);
            int middle = (top + bottom) / 2;
            vertical(g, chart.y.title, left - widest(y) - 22, middle, true);
            if (right != null) {
                vertical(g, chart.right.title, plotRight + widest(right) + 22, middle, false);
            }
        }

        /** The legend's entries (series indices) in rows that fit the width. */
        private List<List<Integer>> legendRows(int start) {
            FontMetrics fm = g.getFontMetrics(TICK_FONT);
            List<List<Integer>> rows = new ArrayList<>();
            List<Integer> row = new ArrayList<>();
            int at = start;
            for (int i = 0; i < chart.series.size(); i++) {
                int w = entryWidth(fm, i);
                if (!row.isEmpty() && at + w > Chart.WIDTH - 10) {
                    rows.add(row);
                    row = new ArrayList<>();
                    at = start;
                }
                row.add(i);
                at += w;
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
            return rows;
        }

        private int entryWidth(FontMetrics fm, int i) {
            return 40 + fm.stringWidth(chart.series.get(i).name) + 16;
        }

        private void legend(List<List<Integer>> rows) {
            g.setFont(TICK_FONT);
            FontMetrics fm = g.getFontMetrics();
            int yy = Chart.HEIGHT - LEGEND_ROW * rows.size() - 4;
            for (List<Integer> row : rows) {
                int at = left;
                for (int i : row) {
                    Chart.Series s = chart.series.get(i);
                    Color c = color(chart.colorOf(i));
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * s.opacity)));
                    int mid = yy - fm.getAscent() / 2 + 1;
                    if (s.mode.lines()) {
                        g.setStroke(stroke(Math.min(s.width, 4), s.dash));
                        g.drawLine(at, mid, at + 30, mid);
                    }
                    if (s.mode.markers()) {
                        g.fill(dot(at + 15, mid, Math.min(s.markerSize, 10)));
                    }
                    g.setColor(INK);
                    g.drawString(s.name, at + 38, yy);
                    at += entryWidth(fm, i);
                }
                yy += LEGEND_ROW;
            }
        }
    }

    static BasicStroke stroke(double width, Chart.Dash dash) {
        float w = (float) width;
        return switch (dash) {
            case SOLID -> new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
            case DASH -> new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {9, 9}, 0);
            case DOT -> new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {3, 3}, 0);
        };
    }

    static Shape dot(double cx, double cy, double size) {
        return new Ellipse2D.Double(cx - size / 2, cy - size / 2, size, size);
    }

    /** The values of one axis, where they go, and its ticks with their labels. */
    static final class Scale {
        final double lo;
        final double hi;
        final boolean log;
        final double[] ticks;
        final List<String> labels = new ArrayList<>();

        private Scale(Chart.Axis axis, double lo, double hi) {
            this.log = axis.log;
            this.lo = lo;
            this.hi = hi;
            if (axis.ticks != null) {
                ticks = axis.ticks.clone();
                labels.addAll(List.of(axis.tickLabels));
            } else {
                ticks = log ? decades(lo, hi) : steps(lo, hi);
                for (double t : ticks) {
                    labels.add(axis.percent ? Chart.percent(t) : number(t, log ? t : step(lo, hi)));
                }
            }
        }

        /** The scale for the series on this axis: the axis's range, or theirs as plotly would pad it. */
        static Scale of(Chart.Axis axis, List<Chart.Series> series, boolean rightAxis, boolean horizontal) {
            if (!Double.isNaN(axis.min)) {
                return new Scale(axis, axis.min, axis.max);
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean markers = false;
            for (Chart.Series s : series) {
                if (!horizontal && s.rightAxis != rightAxis) {
                    continue;
                }
                for (double v : horizontal ? s.x : s.y) {
                    if (Double.isFinite(v) && (!axis.log || v > 0)) {
                        double w = axis.log ? Math.log10(v) : v;
                        lo = Math.min(lo, w);
                        hi = Math.max(hi, w);
                    }
                }
                markers |= s.mode.markers();
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            if (axis.toZero) {
                lo = Math.min(lo, 0);
            }
            if (hi == lo) {
                hi = lo + 1;
            }
            // plotly pads a range by about 5% where markers sit at its ends, not where lines end
            double pad = markers || !horizontal ? 0.05 * (hi - lo) : 0;
            lo = axis.toZero && lo == 0 ? 0 : lo - pad;
            hi += pad;
            return axis.log ? new Scale(axis, Math.pow(10, lo), Math.pow(10, hi)) : new Scale(axis, lo, hi);
        }

        boolean placeable(double v) {
            return Double.isFinite(v) && (!log || v > 0);
        }

        double fraction(double v) {
            return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        }

        /** A round step giving about six ticks. */
        static double step(double lo, double hi) {
            double raw = (hi - lo) / 6;
            double unit = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / unit;
            return unit * (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10);
        }

        private static double[] steps(double lo, double hi) {
            double step = step(lo, hi);
            List<Double> t = new ArrayList<>();
            for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
                t.add(Math.abs(v) < 1e-12 * step ? 0 : v);
            }
            return t.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private static double[] decades(double lo, double hi) {
            List<Double> t = new ArrayList<>();
            for (int e = (int) Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
                t.add(Math.pow(10, e));
            }
            return t.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** A tick label with as many decimals as the step needs, and thousands grouped. */
        static String number(double v, double step) {
            int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
            DecimalFormat f = new DecimalFormat(
                    decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                    DecimalFormatSymbols.getInstance(Locale.ROOT));
            return f.format(v);
        }
    }
}
