package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import java.util.function.Supplier;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A Tablesaw figure with plotly settings Tablesaw has no builder for (annotations, shapes, legend
 * position, colour scales, tick formats). They are JavaScript statements run on Tablesaw's
 * {@code layout} and {@code traceN} variables just before the plot is drawn. A figure may carry a
 * still picture of itself, which {@link PlotlyHtml} puts where the chart will be drawn, for viewers
 * that run no script.
 */
final class StyledFigure extends Figure {
    private static final String PLOT_CALL = "Plotly.newPlot(";
    private final String styleJs;
    private Supplier<Picture> picture = () -> null;

    StyledFigure(Layout layout, String styleJs, Trace... traces) {
        super(layout, traces);
        this.styleJs = styleJs;
    }

    /** This figure, drawing its still picture with {@code picture} when its HTML is made. */
    StyledFigure withPicture(Supplier<Picture> picture) {
        this.picture = Check.notNull("picture", picture);
        return this;
    }

    /** The still picture, or null if the figure has none. */
    Picture picture() {
        return picture.get();
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
