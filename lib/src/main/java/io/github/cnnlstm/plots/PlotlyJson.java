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

    private PlotlyJson() {}

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
            shapes.add(map(
                    "type",
                    "line",
                    "xref",
                    "paper",
                    "x0",
                    0,
                    "x1",
                    1,
                    "yref",
                    "y",
                    "y0",
                    number(line.y()),
                    "y1",
                    number(line.y()),
                    "line",
                    map("color", line.color(), "width", 1.5, "dash", dash(line.dash()))));
            annotations.add(map(
                    "xref",
                    "paper",
                    "x",
                    1,
                    "xanchor",
                    "right",
                    "yref",
                    "y",
                    "y",
                    number(line.y()),
                    "yanchor",
                    "bottom",
                    "text",
                    text(line.label()),
                    "showarrow",
                    false,
                    "font",
                    map("color", line.color(), "size", 12)));
        }
        for (Figure.Note n : f.notes()) {
            annotations.add(map(
                    "x", number(n.x()),
                    "y", number(n.y()),
                    "text", text(n.text()),
                    "showarrow", true,
                    "arrowhead", 2,
                    "arrowcolor", n.color(),
                    "ax", n.dx(),
                    "ay", n.dy(),
                    "font", map("color", n.color(), "size", 12)));
        }

        Map<String, Object> title = map("text", text(f.title()), "x", 0.5, "xanchor", "center");
        if (f.subtitle() != null) {
            title.put("subtitle", map("text", text(f.subtitle())));
        }
        Map<String, Object> layout = map(
                "title", title,
                "width", f.width(),
                "height", f.height(),
                "paper_bgcolor", "white",
                "plot_bgcolor", "white",
                "xaxis", axis(f.x()),
                "yaxis", axis(f.y()));
        if (f.y2() != null) {
            Map<String, Object> right = axis(f.y2());
            right.put("overlaying", "y");
            right.put("side", "right");
            right.put("showgrid", false);
            layout.put("yaxis2", right);
        }
        if (f.heatMap() != null) {
            layout.put("margin", map("t", 70, "b", 70));
        } else {
            // in one row under the x axis title: inside the plot a legend hides whatever curve runs there
            layout.put("legend", map("orientation", "h", "x", 0, "xanchor", "left", "y", -0.2, "yanchor", "top"));
            layout.put("margin", map("t", f.subtitle() == null ? 60 : 80, "b", 110));
        }
        if (!shapes.isEmpty()) {
            layout.put("shapes", shapes);
        }
        if (!annotations.isEmpty()) {
            layout.put("annotations", annotations);
        }
        return map("data", data, "layout", layout);
    }

    private static Map<String, Object> trace(Figure f, int i) {
        Figure.Series s = f.series().get(i);
        String color = f.colorOf(i);
        Map<String, Object> t = map(
                "type",
                "scatter",
                "name",
                text(s.name()),
                "x",
                numbers(s.x()),
                "y",
                numbers(s.y()),
                "mode",
                switch (s.mode()) {
                    case LINES -> "lines";
                    case MARKERS -> "markers";
                    case LINES_AND_MARKERS -> "lines+markers";
                });
        if (s.mode().lines()) {
            t.put("line", map("color", color, "width", s.width(), "dash", dash(s.dash())));
        }
        if (s.mode().markers()) {
            t.put("marker", map("color", color, "size", s.markerSize()));
        }
        if (s.opacity() != 1) {
            t.put("opacity", s.opacity());
        }
        if (s.rightAxis()) {
            t.put("yaxis", "y2");
        }
        return t;
    }

    private static Map<String, Object> axis(Figure.Axis a) {
        Map<String, Object> axis = map(
                "title",
                map("text", text(a.title())),
                "showline",
                true,
                "linecolor",
                "#444",
                "ticks",
                "outside",
                "gridcolor",
                "#eeeeee",
                "zeroline",
                false);
        if (a.logScale()) {
            axis.put("type", "log");
        }
        if (a.fixedRange()) {
            // plotly gives a log axis's range in powers of ten
            axis.put(
                    "range",
                    a.logScale()
                            ? List.of(number(Math.log10(a.min())), number(Math.log10(a.max())))
                            : List.of(number(a.min()), number(a.max())));
        }
        if (a.fromZero()) {
            axis.put("rangemode", "tozero");
        }
        if (a.inPercent()) {
            axis.put("tickformat", ".0%");
        }
        if (!Double.isNaN(a.step())) {
            axis.put("tick0", 0);
            axis.put("dtick", number(a.step()));
        }
        if (a.topToBottom()) {
            axis.put("autorange", "reversed");
        }
        if (a.ticks() != null) {
            axis.put("tickmode", "array");
            axis.put("tickvals", numbers(a.ticks()));
            List<Object> labels = new ArrayList<>();
            for (String label : a.tickLabels()) {
                labels.add(text(label));
            }
            axis.put("ticktext", labels);
        }
        return axis;
    }

    private static Map<String, Object> heatmap(Figure.HeatMap h, String columnTitle, String rowTitle) {
        List<Object> z = new ArrayList<>();
        for (double[] row : h.z()) {
            z.add(numbers(row));
        }
        return map(
                "type",
                "heatmap",
                "x",
                texts(h.columns()),
                "y",
                texts(h.rows()),
                "z",
                z,
                "zmin",
                number(h.zmin()),
                "zmax",
                number(h.zmax()),
                "colorscale",
                List.of(List.of(0, h.low()), List.of(1, h.high())),
                "colorbar",
                map("title", map("text", text(h.scaleTitle()))),
                "xgap",
                2,
                "ygap",
                2,
                // e.g. "true direction: Right<br>predicted direction: Left<br>sequences: 2"
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
                texts.add(map(
                        "x", text(h.columns().get(c)),
                        "y", text(h.rows().get(r)),
                        "text", h.bold()[r][c] ? "<b>" + t + "</b>" : t,
                        "showarrow", false,
                        "font", map("size", 16, "color", h.textColors()[r][c])));
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

    /** A map with the given keys and values, in that order. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
