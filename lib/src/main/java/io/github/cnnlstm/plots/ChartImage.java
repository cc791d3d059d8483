package io.github.cnnlstm.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The still renderer: a {@link Figure} drawn by JFreeChart as a PNG, for every viewer that does not
 * draw plotly's JSON (GitHub, nbviewer, nbconvert's HTML and PDF). It follows the live chart's
 * look: plotly's colours, a white plot with light grid lines, the legend in one row under the x
 * axis title. Same figure, same JVM and fonts: the same bytes.
 */
final class ChartImage {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    private static final Color INK = new Color(0x444444);
    private static final Color GRID = new Color(0xeeeeee);
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private ChartImage() {}

    /** The figure drawn at its size; {@code description} is the picture's text form. */
    static Picture draw(Figure f, String description) {
        JFreeChart chart = f.heatMap() != null ? heatMapChart(f) : lineChart(f);
        Picture image = new Picture(f.width(), f.height(), description);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            chart.draw(g, new Rectangle2D.Double(0, 0, f.width(), f.height()));
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * {@code image} as PNG bytes, compressed as far as PNG goes (about 15% smaller than ImageIO's
     * default, for a few milliseconds more): the pictures are most of a notebook's size.
     */
    static byte[] png(RenderedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart's picture as PNG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static JFreeChart lineChart(Figure f) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(axis(f.x()));
        plot.setRangeAxis(0, axis(f.y()));
        if (f.y2() != null) {
            ValueAxis right = axis(f.y2());
            plot.setRangeAxis(1, right);
            plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        }
        // one dataset and renderer per series, drawn in order: later series on top, as in plotly
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        for (int i = 0; i < f.series().size(); i++) {
            Figure.Series s = f.series().get(i);
            XYSeries data = new XYSeries(s.name(), false, true);
            double[] x = s.x();
            double[] y = s.y();
            for (int k = 0; k < x.length; k++) {
                data.add(x[k], y[k]); // NaN: not drawn, and the line breaks there
            }
            plot.setDataset(i, new XYSeriesCollection(data));
            plot.setRenderer(i, renderer(s, color(f.colorOf(i), s.opacity())));
            plot.mapDatasetToRangeAxis(i, s.rightAxis() ? 1 : 0);
        }
        for (Figure.ReferenceLine line : f.lines()) {
            ValueMarker marker = new ValueMarker(line.y(), color(line.color(), 1), stroke(1.5f, line.dash()));
            marker.setLabel(line.label());
            marker.setLabelFont(NOTE_FONT);
            marker.setLabelPaint(color(line.color(), 1));
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            marker.setLabelAnchor(line.labelBelow() ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(line.labelBelow() ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_RIGHT);
            marker.setLabelOffset(new RectangleInsets(2, 2, 2, 4));
            plot.addRangeMarker(marker);
        }
        for (Figure.Note n : f.notes()) {
            XYPointerAnnotation note = new XYPointerAnnotation(n.text(), n.x(), n.y(), Math.atan2(n.dy(), n.dx()));
            double length = Math.hypot(n.dx(), n.dy());
            note.setTipRadius(4);
            note.setBaseRadius(length);
            note.setLabelOffset(4);
            note.setArrowLength(7);
            note.setArrowWidth(4);
            note.setArrowPaint(color(n.color(), 1));
            note.setPaint(color(n.color(), 1));
            note.setFont(NOTE_FONT);
            note.setTextAnchor(n.dx() >= 0 ? TextAnchor.HALF_ASCENT_LEFT : TextAnchor.HALF_ASCENT_RIGHT);
            plot.addAnnotation(note);
        }
        boolean wholeX = f.series().stream()
                .flatMapToDouble(s -> java.util.Arrays.stream(s.x()))
                .allMatch(v -> v == Math.rint(v));
        niceTicks(plot.getDomainAxis(), f.x(), wholeX);
        niceTicks(plot.getRangeAxis(0), f.y(), false);
        if (f.y2() != null) {
            niceTicks(plot.getRangeAxis(1), f.y2(), false);
        }
        style(plot);
        // a legend for two series or more, as plotly
        JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, f.series().size() > 1);
        titles(chart, f);
        LegendTitle legend = chart.getLegend();
        if (legend == null) {
            return chart;
        }
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemFont(LEGEND_FONT);
        legend.setItemPaint(INK);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setMargin(new RectangleInsets(4, 50, 4, 8));
        return chart;
    }

    private static XYLineAndShapeRenderer renderer(Figure.Series s, Color color) {
        XYLineAndShapeRenderer r =
                new XYLineAndShapeRenderer(s.mode().lines(), s.mode().markers());
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, stroke((float) s.width(), s.dash()));
        double d = s.markerSize();
        Shape dot = new Ellipse2D.Double(-d / 2, -d / 2, d, d);
        r.setSeriesShape(0, dot);
        r.setDrawSeriesLineAsPath(false); // segments: a NaN leaves a gap
        // the legend shows a line for a line, a dot for points
        r.setLegendLine(new java.awt.geom.Line2D.Double(-10, 0, 10, 0));
        r.setSeriesShapesVisible(0, s.mode().markers());
        r.setSeriesLinesVisible(0, s.mode().lines());
        return r;
    }

    private static JFreeChart heatMapChart(Figure f) {
        Figure.HeatMap h = f.heatMap();
        int rows = h.rows().size();
        int columns = h.columns().size();
        double[][] xyz = new double[3][rows * columns];
        double[][] z = h.z();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int i = r * columns + c;
                xyz[0][i] = c;
                xyz[1][i] = r;
                xyz[2][i] = z[r][c];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(f.title(), xyz);
        SymbolAxis x = new SymbolAxis(f.x().title(), h.columns().toArray(String[]::new));
        SymbolAxis y = new SymbolAxis(f.y().title(), h.rows().toArray(String[]::new));
        for (SymbolAxis a : List.of(x, y)) {
            a.setGridBandsVisible(false);
            a.setAxisLineVisible(false);
            a.setTickMarksVisible(false);
        }
        y.setInverted(f.y().topToBottom());
        Scale scale = new Scale(h.zmin(), h.zmax(), color(h.low(), 1), color(h.high(), 1));
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        renderer.setBlockWidth(0.97); // a thin white gap between cells, as plotly's xgap/ygap
        renderer.setBlockHeight(0.97);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        style(plot);
        x.setTickLabelFont(LEGEND_FONT); // the class names, a little larger than numbers
        y.setTickLabelFont(LEGEND_FONT);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        String[][] text = h.text();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                XYTextAnnotation cell = new XYTextAnnotation(text[r][c], c, r);
                cell.setFont(CELL_FONT.deriveFont(h.bold()[r][c] ? Font.BOLD : Font.PLAIN));
                cell.setPaint(color(h.textColors()[r][c], 1));
                plot.addAnnotation(cell);
            }
        }
        JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, false);
        titles(chart, f);
        NumberAxis bar = new NumberAxis(h.scaleTitle());
        bar.setRange(h.zmin(), h.zmax());
        niceTicks(bar, Figure.Axis.of(h.scaleTitle()), true);
        bar.setLabelFont(AXIS_FONT);
        bar.setTickLabelFont(TICK_FONT);
        bar.setLabelPaint(INK);
        bar.setTickLabelPaint(INK);
        PaintScaleLegend legend = new PaintScaleLegend(scale, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(16);
        legend.setStripOutlineVisible(true);
        legend.setMargin(new RectangleInsets(40, 16, 60, 10));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    /** White to the high colour, in a straight line through RGB, as plotly's two-colour scale. */
    private record Scale(double lower, double upper, Color low, Color high) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = upper > lower ? Math.max(0, Math.min(1, (value - lower) / (upper - lower))) : 0;
            return new Color(
                    (int) Math.round(low.getRed() + t * (high.getRed() - low.getRed())),
                    (int) Math.round(low.getGreen() + t * (high.getGreen() - low.getGreen())),
                    (int) Math.round(low.getBlue() + t * (high.getBlue() - low.getBlue())));
        }
    }

    private static void titles(JFreeChart chart, Figure f) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 8, 4, 12));
        TextTitle title = new TextTitle(f.title(), TITLE_FONT);
        title.setPaint(INK);
        title.setMargin(new RectangleInsets(4, 0, f.subtitle() == null ? 8 : 2, 0));
        chart.setTitle(title);
        if (f.subtitle() != null) {
            TextTitle sub = new TextTitle(f.subtitle(), SUBTITLE_FONT);
            sub.setPaint(INK);
            sub.setMargin(new RectangleInsets(0, 0, 8, 0));
            chart.addSubtitle(0, sub);
        }
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            font(plot.getRangeAxis(i));
        }
        font(plot.getDomainAxis());
    }

    private static void font(ValueAxis axis) {
        if (axis != null) {
            axis.setLabelFont(AXIS_FONT);
            axis.setTickLabelFont(TICK_FONT);
            axis.setLabelPaint(INK);
            axis.setTickLabelPaint(INK);
            axis.setAxisLinePaint(INK);
            axis.setTickMarkPaint(INK);
        }
    }

    /** An axis as the figure says: linear or log, fitted or fixed, with its tick labels. */
    private static ValueAxis axis(Figure.Axis a) {
        double[] ticks = a.ticks();
        String[] labels = a.tickLabels();
        ValueAxis axis;
        if (a.logScale()) {
            LogAxis log = ticks == null ? new LogAxis(a.title()) : new FixedTicksLogAxis(a.title(), ticks, labels);
            log.setNumberFormatOverride(a.inPercent() ? percentFormat() : new DecimalFormat("0.###", SYMBOLS));
            log.setSmallestValue(1e-12);
            axis = log;
        } else {
            NumberAxis linear =
                    ticks == null ? new NumberAxis(a.title()) : new FixedTicksNumberAxis(a.title(), ticks, labels);
            // the ticks themselves are chosen once the data is in (niceTicks)
            linear.setAutoRangeIncludesZero(a.fromZero());
            linear.setAutoRangeStickyZero(a.fromZero()); // else a point at 0 sits on the axis line
            axis = linear;
        }
        if (a.fixedRange()) {
            axis.setRange(a.min(), a.max());
        }
        axis.setInverted(a.topToBottom());
        return axis;
    }

    private static NumberFormat percentFormat() {
        return new DecimalFormat("0.#%", SYMBOLS);
    }

    /** Most ticks on an axis: about as many as plotly draws on a chart of this size. */
    static final int MAX_TICKS = 8;

    /**
     * Ticks on a linear axis at a round step (1, 2 or 5 times a power of ten) giving at most
     * {@link #MAX_TICKS} ticks over the axis's range, as plotly chooses them (JFreeChart's own
     * choice packs in as many as fit). Whole-number data (frames, counts) get whole-number ticks; an
     * axis with its own step gets that.
     */
    private static void niceTicks(ValueAxis axis, Figure.Axis a, boolean wholeNumbers) {
        if (!(axis instanceof NumberAxis number) || axis instanceof FixedTicksNumberAxis) {
            return;
        }
        double length = number.getRange().getLength();
        if (!(length > 0)) {
            return;
        }
        double step = Math.pow(10, Math.floor(Math.log10(length / MAX_TICKS)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (length / (m * step) <= MAX_TICKS) {
                step *= m;
                break;
            }
        }
        if (wholeNumbers) {
            step = Math.max(1, step);
        }
        if (!Double.isNaN(a.step())) {
            step = a.step();
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10((a.inPercent() ? 100 : 1) * step) + 1e-9));
        NumberFormat format = a.inPercent()
                ? new DecimalFormat("0" + (decimals > 0 ? "." + "0".repeat(decimals) : "") + "%", SYMBOLS)
                : new DecimalFormat("#,##0" + (decimals > 0 ? "." + "0".repeat(decimals) : ""), SYMBOLS);
        number.setTickUnit(new NumberTickUnit(step, format), false, true);
    }

    /** Ticks at the given values only, with the given labels (plotly's tickvals and ticktext). */
    private static List<NumberTick> fixedTicks(double[] values, String[] labels, RectangleEdge edge) {
        TextAnchor anchor = RectangleEdge.isTopOrBottom(edge)
                ? TextAnchor.TOP_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        List<NumberTick> ticks = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ticks.add(new NumberTick(values[i], labels[i], anchor, TextAnchor.CENTER, 0));
        }
        return ticks;
    }

    private static final class FixedTicksNumberAxis extends NumberAxis {
        private final double[] values;
        private final String[] labels;

        FixedTicksNumberAxis(String title, double[] values, String[] labels) {
            super(title);
            this.values = values;
            this.labels = labels;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List refreshTicks(Graphics2D g, AxisState state, Rectangle2D area, RectangleEdge edge) {
            return fixedTicks(values, labels, edge);
        }
    }

    private static final class FixedTicksLogAxis extends LogAxis {
        private final double[] values;
        private final String[] labels;

        FixedTicksLogAxis(String title, double[] values, String[] labels) {
            super(title);
            this.values = values;
            this.labels = labels;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List refreshTicks(Graphics2D g, AxisState state, Rectangle2D area, RectangleEdge edge) {
            return fixedTicks(values, labels, edge);
        }
    }

    /** A CSS hex colour ({@code #rrggbb}) with an opacity from 0 to 1. */
    static Color color(String hex, double opacity) {
        Color c = Color.decode(hex);
        return opacity >= 1 ? c : new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity));
    }

    private static Stroke stroke(float width, Figure.Dash dash) {
        return switch (dash) {
            case SOLID -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            case DASH -> new BasicStroke(
                    width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6 * width, 4 * width}, 0);
            case DOT -> new BasicStroke(
                    width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {width, 2 * width}, 0);
        };
    }
}
