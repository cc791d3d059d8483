package io.github.cnnlstm.plots;

import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A Tablesaw figure with plotly settings Tablesaw has no builder for (annotations, shapes, legend
 * position, colour scales, tick formats). They are JavaScript statements run on Tablesaw's
 * {@code layout} and {@code traceN} variables just before the plot is drawn.
 */
final class StyledFigure extends Figure {
    private static final String PLOT_CALL = "Plotly.newPlot(";
    private final String styleJs;

    StyledFigure(Layout layout, String styleJs, Trace... traces) {
        super(layout, traces);
        this.styleJs = styleJs;
    }

    /** {@code text} as a single-quoted JavaScript string literal that cannot end a script block. */
    static String jsString(String text) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '<' -> sb.append("\\u003c");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    @Override
    public String asJavascript(String divName) {
        String js = super.asJavascript(divName);
        int call = js.lastIndexOf(PLOT_CALL);
        if (call < 0) {
            // Tablesaw changed its template: fail loudly rather than draw an unstyled chart.
            throw new IllegalStateException("Tablesaw's figure script has no " + PLOT_CALL + " call");
        }
        return js.substring(0, call) + styleJs + "\n" + js.substring(call);
    }
}
