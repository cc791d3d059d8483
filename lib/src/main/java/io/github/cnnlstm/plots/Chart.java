package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One chart of the course: what it shows ({@link Figure}) and a one-line summary of it in words.
 * In a notebook, end a cell with {@link #show()}: the chart appears, and under it, as the cell's
 * result, its summary. The chart is one output bundle ({@link #output()}) holding
 *
 * <ul>
 *   <li>{@code application/vnd.plotly.v1+json}: the live chart, which JupyterLab (with the
 *       {@code plotly} package's extension) and VS Code draw, also in a notebook that is not
 *       trusted;
 *   <li>{@code image/png}: the same chart as a still picture, which GitHub, nbviewer and nbconvert's
 *       HTML and PDF show;
 *   <li>{@code text/plain}: the summary, for terminals and screen readers.
 * </ul>
 *
 * <p>A viewer shows one of the three, so the summary also comes as visible text, {@link #show()}'s
 * result.
 */
public final class Chart {
    private final Figure figure;
    private final String summary;
    private Picture picture;

    Chart(Figure figure, String summary) {
        this.figure = Check.notNull("figure", figure);
        this.summary = Check.notNull("summary", summary);
    }

    /** What the chart shows, in one line of words (for a table, its printed form). */
    public String summary() {
        return summary;
    }

    /** The summary. */
    @Override
    public String toString() {
        return summary;
    }

    /**
     * The chart as a notebook output: a JJava bundle of plotly JSON, PNG and the summary. Outside
     * JJava (a plain JVM, a test) it is the summary.
     */
    public Object output() {
        return output(true);
    }

    /**
     * Shows the chart in the running notebook and returns its summary: end a cell with
     * {@code ….show()} to see the chart, and under it the summary as the cell's result. Outside
     * JJava it shows nothing and returns the summary.
     */
    public String show() {
        NotebookOutput.display(output(), null);
        return summary;
    }

    /** plotly's JSON of the chart, {@code {"data": [...], "layout": {...}}}. */
    public String plotlyJson() {
        return Json.write(PlotlyJson.of(figure));
    }

    /** The still picture of the chart as PNG bytes. */
    public byte[] png() {
        return ChartImage.png(picture());
    }

    /** The still picture, drawn once. */
    synchronized Picture picture() {
        if (picture == null) {
            picture = ChartImage.draw(figure, summary);
        }
        return picture;
    }

    Figure figure() {
        return figure;
    }

    /**
     * The bundle, with or without the still picture: a live display redrawn every second leaves
     * the picture out (it costs about as much as a training batch) and adds it only to the last
     * update, the one the notebook keeps.
     */
    Object output(boolean withPicture) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(PlotlyJson.MIME, PlotlyJson.of(figure));
        if (withPicture) {
            data.put("image/png", Base64.getEncoder().encodeToString(png()));
        }
        return NotebookOutput.bundle(summary, data, summary);
    }
}
