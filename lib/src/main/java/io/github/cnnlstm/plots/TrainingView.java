package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.training.ProgressListener;
import io.github.cnnlstm.training.TrainingHistory;
import io.github.cnnlstm.training.TrainingProgress;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A live training display: a progress bar with speed and time left above the loss curve.
 * Each call to {@link #html} redraws the same plot, so a notebook can pass its output to
 * {@code updateDisplay} after every few batches; {@link #listener} does exactly that, and also
 * shows when training was stopped.
 */
public final class TrainingView {
    /** Redraws per second at most: enough to look live, few enough not to slow training. */
    static final long REDRAW_MILLIS = 1_000;

    private final String plotId = PlotlyHtml.newDivId();

    /** HTML shown before the first batch. */
    public String waiting() {
        return "<div style=\"font-family:monospace\">Starting training…</div>";
    }

    /**
     * A progress listener that shows this view through {@code show} (in a notebook:
     * {@code html -> updateDisplay(id, html, "text/html")}) at most once a second, after the last
     * batch, and once more if training is stopped (a kernel that drops displays sent after a stop,
     * as JJava does, gets the stopped text from the display's own script instead).
     */
    public ProgressListener listener(Consumer<String> show) {
        Check.notNull("show", show);
        return ProgressListener.throttled(
                new ProgressListener() {
                    @Override
                    public void onProgress(TrainingProgress progress, TrainingHistory history) {
                        show.accept(html(progress, history));
                    }

                    @Override
                    public void onStop(TrainingProgress last, TrainingHistory history) {
                        show.accept(stopped(last, history));
                    }
                },
                REDRAW_MILLIS);
    }

    /** The progress bar and the loss curve so far. */
    public String html(TrainingProgress progress, TrainingHistory history) {
        // no speed or time left while warming up: the first batches are several times slower
        String speed = progress.finished()
                ? String.format(Locale.ROOT, "%.1f seq/s · left 0:00", progress.sequencesPerSecond())
                : progress.etaKnown()
                        ? String.format(
                                Locale.ROOT,
                                "%.1f seq/s · left %s",
                                progress.sequencesPerSecond(),
                                TrainingProgress.clock(progress.etaSeconds()))
                        : "measuring speed…";
        String status = String.format(
                Locale.ROOT,
                "%,d / %,d sequences · %s · elapsed %s · loss %.4f%s",
                progress.sequencesDone(),
                progress.totalSequences(),
                speed,
                TrainingProgress.clock(progress.elapsedSeconds()),
                progress.loss(),
                Double.isNaN(progress.accuracy())
                        ? ""
                        : String.format(Locale.ROOT, " · accuracy %.3f", progress.accuracy()));
        StyledFigure curve = (StyledFigure) LossCurve.figure(history);
        if (!progress.finished()) {
            // drawn live by plotly while training runs; only the last display, the one the notebook
            // keeps, needs the still picture (which costs about as much to draw as a batch to train)
            curve.withPicture(() -> null);
        }
        String html = bar(progress, status, " id=\"" + plotId + "_status\"") + PlotlyHtml.figure(curve, plotId);
        return progress.finished() ? html : html + stopWatcher(progress);
    }

    /**
     * JJava answers ■ at once and drops what the training thread displays after that, so the
     * kernel cannot redraw this display once stopped ({@link #listener}'s stop report arrives too
     * late). This script does it in the browser: when the cell is no longer running ("[*]" gone
     * from its prompt) and this display is still the current one, training was stopped. Outside
     * JupyterLab, or once the display is replaced, it does nothing.
     */
    private String stopWatcher(TrainingProgress progress) {
        return "<script>\n(function () {\n"
                + "  var el = document.getElementById('" + plotId + "_status');\n"
                + "  var cell = el && el.closest('.jp-CodeCell');\n"
                + "  var prompt = cell && cell.querySelector('.jp-InputArea-prompt');\n"
                + "  if (!prompt) { return; }\n"
                + "  var timer = setInterval(function () {\n"
                + "    if (!document.body.contains(el)) { clearInterval(timer); return; }\n"
                + "    if (prompt.textContent.indexOf('*') < 0) {\n"
                + "      clearInterval(timer);\n"
                + "      el.classList.add('cnnlstm-training-stopped');\n"
                + "      el.lastChild.textContent = " + StyledFigure.jsString(stoppedText(progress)) + ";\n"
                + "    }\n"
                + "  }, 500);\n"
                + "})();\n</script>\n";
    }

    private static String stoppedText(TrainingProgress last) {
        return String.format(
                Locale.ROOT,
                "■ Stopped after %,d of %,d sequences (%s) — nothing is saved. Run the cell again to train"
                        + " from the start.",
                last.sequencesDone(),
                last.totalSequences(),
                TrainingProgress.clock(last.elapsedSeconds()));
    }

    /**
     * What the display shows once training was stopped before the end: how far it got and what to
     * do, above the loss curve so far.
     */
    public String stopped(TrainingProgress last, TrainingHistory history) {
        String html = bar(last, stoppedText(last), " id=\"" + plotId + "_status\" class=\"cnnlstm-training-stopped\"");
        return history.iterations() == 0 ? html : html + PlotlyHtml.figure(LossCurve.figure(history), plotId);
    }

    private static String bar(TrainingProgress progress, String status, String attributes) {
        return String.format(
                Locale.ROOT,
                "<div%s style=\"font-family:monospace\"><progress value=\"%d\" max=\"%d\" style=\"width:60%%\">"
                        + "</progress> %.0f%%<br><span>%s</span></div>\n",
                attributes,
                progress.sequencesDone(),
                progress.totalSequences(),
                100 * progress.fraction(),
                status);
    }
}
