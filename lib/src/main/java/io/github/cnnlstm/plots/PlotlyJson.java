package io.github.cnnlstm.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live renderer: a {@link Figure} as plotly's figure JSON, {@code {"data": [...], "layout":
 * {...}}}, the content of the MIME type {@code application/vnd.plotly.v1+json} that JupyterLab's
 * plotly extension (the {@code plotly} package on PyPI) and VS Code draw, in untrusted notebooks
 * too. The figure is a tree of maps and lists with keys in a fixed order, numbers rounded to
 * {@link #DIGITS} significant digits and no ids, so the same chart gives the same JSON on every
 * run; it holds no script.
 */
final class PlotlyJson {
    /** The MIME type of a plotly figure. */
    static final String MIME = "application/vnd.plotly.v1+json";

    /** Significant digits of every number: more than a chart can show, few enough to stay short. */
    static final int DIGITS = 6;

    /** Room above the plot for the title (and subtitle) under plotly's tool bar, in pixels. */
    private static final int TOP = 75;

    private PlotlyJson() {}

    /** A JSON object whose keys keep the order they are added in. */
    static final class Obj extends LinkedHashMap<String, Object> {
        Obj with(String key, Object value) {
            put(key, value);
            return this;
        }
    }

    static Obj obj() {
        return new Obj();
    }

    /** The figure as plotly's JSON tree ({@link Json#write} gives its text). */
    static Map<String, Object> of(Figure f) {
        List<Object> data = new ArrayList<>();
        for (int i = 0; i < f.series().size(); i++) {
            data.add(trace(f, i));
        }
        List<Object> annotations = new ArrayList<>();
        List<Object> shapes = new ArrayList<>();
        if (f.heatMap() != null) {
            data.add(heatmap(f.heatMap(), f.x().title(), f.y().title()));
            annotations.addAll(cellTexts(f.heatMap()));
        }
        for (Figure.ReferenceLine line : f.lines()) {
            shapes.add(obj().with("type", "line")
                    .with("xref", "paper")
                    .with("x0", 0)
                    .with("x1", 1)
                    .with("yref", "y")
                    .with("y0", number(line.y()))
                    .with("y1", number(line.y()))
                    .with(
                            "line",
                            obj().with("color", line.color()).with("width", 1.5).with("dash", dash(line.dash()))));
            annotations.add(obj().with("xref", "paper")
                    .with("x", 1)
                    .with("xanchor", "right")
                    .with("yref", "y")
                    .with("y", number(line.y()))
                    .with("yanchor", line.labelBelow() ? "top" : "bottom")
                    .with("text", text(line.label()))
                    .with("showarrow", false)
                    .with("font", obj().with("color", line.color()).with("size", 12)));
        }
        for (Figure.Note n : f.notes()) {
            annotations.add(obj().with("x", number(n.x()))
                    .with("y", number(n.y()))
                    .with("text", text(n.text()))
                    .with("showarrow", true)
                    .with("arrowhead", 2)
                    .with("arrowcolor", n.color())
                    .with("ax", n.dx())
                    .with("ay", n.dy())
                    .with("font", obj().with("color", n.color()).with("size", 12)));
        }

        Obj title = obj().with("text", text(f.title()))
                .with("x", 0.5)
                .with("xanchor", "center")
                // under the tool bar plotly shows at the top right while the mouse is over the chart
                .with("yref", "container")
                .with("y", 1 - 45.0 / f.height())
                .with("yanchor", "middle");
        if (f.subtitle() != null) {
            title.with("subtitle", obj().with("text", text(f.subtitle())));
        }
        Obj layout = obj().with("title", title)
                .with("width", f.width())
                .with("height", f.height())
                .with("paper_bgcolor", "white")
                .with("plot_bgcolor", "white")
                .with("xaxis", axis(f.x()))
                .with("yaxis", axis(f.y()));
        if (f.y2() != null) {
            layout.with(
                    "yaxis2",
                    axis(f.y2()).with("overlaying", "y").with("side", "right").with("showgrid", false));
        }
        int top = TOP + (f.subtitle() == null ? 0 : 22);
        if (f.heatMap() != null) {
            layout.with("margin", obj().with("t", top).with("b", 70));
        } else {
            // in one row at the bottom, under the x axis title: inside the plot a legend hides whatever
            // curve runs there
            layout.with(
                            "legend",
                            obj().with("orientation", "h")
                                    .with("x", 0)
                                    .with("xanchor", "left")
                                    .with("yref", "container")
                                    .with("y", 0)
                                    .with("yanchor", "bottom"))
                    .with("margin", obj().with("t", top).with("b", 95));
        }
        if (!shapes.isEmpty()) {
            layout.with("shapes", shapes);
        }
        if (!annotations.isEmpty()) {
            layout.with("annotations", annotations);
        }
        return obj().with("data", data).with("layout", layout);
    }

    private static Obj trace(Figure f, int i) {
        Figure.Series s = f.series().get(i);
        String color = f.colorOf(i);
        Obj t = obj().with("type", "scatter")
                .with("name", text(s.name()))
                .with("x", numbers(s.x()))
                .with("y", numbers(s.y()))
                .with(
                        "mode",
                        switch (s.mode()) {
                            case LINES -> "lines";
                            case MARKERS -> "markers";
                            case LINES_AND_MARKERS -> "lines+markers";
                        });
        if (s.mode().lines()) {
            t.with("line", obj().with("color", color).with("width", s.width()).with("dash", dash(s.dash())));
        }
        if (s.mode().markers()) {
            t.with("marker", obj().with("color", color).with("size", s.markerSize()));
        }
        if (s.opacity() != 1) {
            t.with("opacity", s.opacity());
        }
        if (s.rightAxis()) {
            t.with("yaxis", "y2");
        }
        return t;
    }

    private static Obj axis(Figure.Axis a) {
        Obj axis = obj().with("title", obj().with("text", text(a.title())))
                .with("showline", true)
                .with("linecolor", "#444")
                .with("ticks", "outside")
                .with("gridcolor", "#eeeeee")
                .with("zeroline", false);
        if (a.logScale()) {
            axis.with("type", "log");
        }
        if (a.fixedRange()) {
            // plotly gives a log axis's range in powers of ten
            axis.with(
                    "range",
                    a.logScale()
                            ? List.of(number(Math.log10(a.min())), number(Math.log10(a.max())))
                            : List.of(number(a.min()), number(a.max())));
        }
        if (a.fromZero()) {
            axis.with("rangemode", "tozero");
        }
        if (a.inPercent()) {
            axis.with("tickformat", ".0%");
        } else if (!a.logScale()) {
            axis.with("tickformat", ","); // 5,000 as in the picture, not 5000
        }
        if (!Double.isNaN(a.step())) {
            axis.with("tick0", 0).with("dtick", number(a.step()));
        }
        if (a.topToBottom()) {
            axis.with("autorange", "reversed");
        }
        if (a.ticks() != null) {
            List<Object> labels = new ArrayList<>();
            for (String label : a.tickLabels()) {
                labels.add(text(label));
            }
            axis.with("tickmode", "array").with("tickvals", numbers(a.ticks())).with("ticktext", labels);
        }
        return axis;
    }

    private static Obj heatmap(Figure.HeatMap h, String columnTitle, String rowTitle) {
        List<Object> z = new ArrayList<>();
        for (double[] row : h.z()) {
            z.add(numbers(row));
        }
        return obj().with("type", "heatmap")
                .with("x", texts(h.columns()))
                .with("y", texts(h.rows()))
                .with("z", z)
                .with("zmin", number(h.zmin()))
                .with("zmax", number(h.zmax()))
                .with("colorscale", List.of(List.of(0, h.low()), List.of(1, h.high())))
                .with("colorbar", obj().with("title", obj().with("text", text(h.scaleTitle()))))
                .with("xgap", 2)
                .with("ygap", 2)
                // e.g. "true direction: Right<br>predicted direction: Left<br>sequences: 2"
                .with(
                        "hovertemplate",
                        text(rowTitle) + ": %{y}<br>" + text(columnTitle) + ": %{x}<br>" + text(h.scaleTitle())
                                + ": %{z}<extra></extra>");
    }

    /** Each cell's text as an annotation: plotly's heat map text has one colour and weight for all. */
    private static List<Object> cellTexts(Figure.HeatMap h) {
        List<Object> texts = new ArrayList<>();
        for (int r = 0; r < h.rows().size(); r++) {
            for (int c = 0; c < h.columns().size(); c++) {
                String t = text(h.text()[r][c]);
                texts.add(obj().with("x", text(h.columns().get(c)))
                        .with("y", text(h.rows().get(r)))
                        .with("text", h.bold()[r][c] ? "<b>" + t + "</b>" : t)
                        .with("showarrow", false)
                        .with("font", obj().with("size", 16).with("color", h.textColors()[r][c])));
            }
        }
        return texts;
    }

    private static String dash(Figure.Dash d) {
        return switch (d) {
            case SOLID -> "solid";
            case DASH -> "dash";
            case DOT -> "dot";
        };
    }

    /**
     * {@code s} as plotly text. plotly reads a few HTML-like tags ({@code <b>}, {@code <br>}) in its
     * labels, so a label's own {@code <}, {@code >} and {@code &} are given as entities to be shown
     * as typed.
     */
    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<Object> texts(List<String> labels) {
        List<Object> out = new ArrayList<>();
        for (String label : labels) {
            out.add(text(label));
        }
        return out;
    }

    /** A number as the JSON holds it: rounded; NaN and ±∞ as null (a gap). */
    static Object number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        double r = Json.round(d, DIGITS);
        // whole numbers as integers: 32 rather than 32.0, whichever serializer writes the tree
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? (Object) (long) r : (Object) r;
    }

    private static List<Object> numbers(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(number(v));
        }
        return out;
    }
}
