package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.training.ProgressListener;
import io.github.cnnlstm.training.TrainingHistory;
import io.github.cnnlstm.training.TrainingProgress;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A live training display in two outputs, each redrawn in place while training runs: a progress
 * bar with speed and time left (HTML), and under it the loss curve ({@link LossCurve}, a chart).
 * Notebook use:
 *
 * <pre>{@code
 * Trainer.train(model, trainingConfig, history, new TrainingView().show());
 * }</pre>
 *
 * <p>Stopping training with ■ leaves "■ Stopped after N of M sequences" in the progress line.
 */
public final class TrainingView {
    /** Redraws per second at most: enough to look live, few enough not to slow training. */
    static final long REDRAW_MILLIS = 1_000;

    private static final AtomicLong NEXT_ID = new AtomicLong();

    /** The id of the progress line's element, which the stop watcher looks for. */
    private final String statusId = "cnnlstm_training_" + NEXT_ID.incrementAndGet();

    /** HTML shown before the first batch. */
    public String waiting() {
        return "<div style=\"font-family:monospace\">Starting training…</div>";
    }

    /**
     * Shows the progress line in the running notebook now, and returns a listener that redraws it
     * and the loss curve under it, in place, at most once a second, after the last batch, and once
     * more if training stops early. Outside JJava it shows nothing (the listener does nothing).
     */
    public ProgressListener show() {
        // display ids are not saved with the notebook; random ones cannot meet an old output's
        String progressId = "cnnlstm-progress-" + UUID.randomUUID();
        String chartId = "cnnlstm-loss-" + UUID.randomUUID();
        if (!NotebookOutput.display(progressBundle(waiting(), "Starting training…"), progressId)) {
            return ProgressListener.none(); // not in JJava: nothing to show
        }
        LiveChart chart = new LiveChart(chartId);
        return listener((html, text) -> NotebookOutput.update(progressId, progressBundle(html, text)), chart::show);
    }

    /** The loss chart's display: shown at the first report, then redrawn in place. */
    private static final class LiveChart {
        private final String id;
        private boolean shown;

        LiveChart(String id) {
            this.id = id;
        }

        void show(Chart chart, boolean last) {
            Object bundle = chart.output(last);
            if (!shown) {
                shown = NotebookOutput.display(bundle, id);
                return;
            }
            // JupyterLab's plotly renderer never redraws a chart it has drawn ("don't overwrite it"),
            // and JupyterLab hands an update to the same renderer while the shown MIME type stays the
            // same. An update to an empty block of the chart's height in between makes it build a new
            // renderer, without the page below jumping if a frame is painted in between.
            String blank = "<div style=\"height:" + chart.figure().height() + "px\"></div>";
            NotebookOutput.update(id, NotebookOutput.bundle(chart.summary(), Map.of("text/html", blank), blank));
            NotebookOutput.update(id, bundle);
        }
    }

    private static Object progressBundle(String html, String text) {
        return NotebookOutput.bundle(text, Map.of("text/html", html), html);
    }

    /**
     * The listener behind {@link #show()}: {@code progress} gets the progress line (HTML and its
     * text), {@code chart} the loss curve and whether it is the last redraw (the one the notebook
     * keeps, which carries the still picture).
     */
    ProgressListener listener(BiConsumer<String, String> progress, BiConsumer<Chart, Boolean> chart) {
        Check.notNull("progress", progress);
        Check.notNull("chart", chart);
        return ProgressListener.throttled(
                new ProgressListener() {
                    @Override
                    public void onProgress(TrainingProgress p, TrainingHistory history) {
                        progress.accept(html(p, history), status(p));
                        chart.accept(lossCurve(p, history, ""), p.finished());
                    }

                    @Override
                    public void onStop(TrainingProgress last, TrainingHistory history) {
                        // JJava drops what the training thread shows after ■ (see stopWatcher); a
                        // stop for another reason (an error) does show
                        progress.accept(stopped(last, history), stoppedText(last));
                        if (history.iterations() > 0) {
                            chart.accept(lossCurve(last, history, ", stopped"), true);
                        }
                    }
                },
                REDRAW_MILLIS);
    }

    /**
     * The loss curve so far. Its summary follows the progress: while training runs the history
     * reads "Interrupted" (not completed yet).
     */
    private static Chart lossCurve(TrainingProgress p, TrainingHistory history, String stopped) {
        return new Chart(
                LossCurve.figure(history),
                String.format(
                        Locale.ROOT,
                        "Loss curve: %,d of %,d sequences%s, mean loss of the last %d batches %.4f",
                        p.sequencesDone(),
                        p.totalSequences(),
                        stopped,
                        Math.min(history.iterations(), TrainingHistory.RECENT),
                        history.recentLoss()));
    }

    /** The progress line: a bar, sequences done, speed, time left, loss and accuracy. */
    public String html(TrainingProgress progress, TrainingHistory history) {
        String html = bar(progress, status(progress), " id=\"" + statusId + "\"");
        return progress.finished() ? html : html + stopWatcher(progress);
    }

    private static String status(TrainingProgress progress) {
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
        return String.format(
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
    }

    /**
     * JJava answers ■ at once and drops what the training thread displays after that, so the
     * kernel cannot redraw this display once stopped ({@link #listener}'s stop report arrives too
     * late). This script does it in the browser: when the cell is no longer running ("[*]" gone
     * from its prompt) and this display is still the current one, training was stopped. Outside
     * JupyterLab, or once the display is replaced, it does nothing. (Outputs a running kernel
     * sends are trusted, so it runs; a saved notebook that is not trusted does not run it, and has
     * nothing to watch.)
     */
    private String stopWatcher(TrainingProgress progress) {
        return "<script>\n(function () {\n"
                + "  var el = document.getElementById(" + Json.write(statusId) + ");\n"
                + "  var cell = el && el.closest('.jp-CodeCell');\n"
                + "  var prompt = cell && cell.querySelector('.jp-InputArea-prompt');\n"
                + "  if (!prompt) { return; }\n"
                + "  var timer = setInterval(function () {\n"
                + "    if (!document.body.contains(el)) { clearInterval(timer); return; }\n"
                + "    if (prompt.textContent.indexOf('*') < 0) {\n"
                + "      clearInterval(timer);\n"
                + "      el.classList.add('cnnlstm-training-stopped');\n"
                + "      el.lastChild.textContent = " + Json.write(stoppedText(progress)) + ";\n"
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

    /** The progress line once training was stopped before the end: how far it got and what to do. */
    public String stopped(TrainingProgress last, TrainingHistory history) {
        return bar(last, stoppedText(last), " id=\"" + statusId + "\" class=\"cnnlstm-training-stopped\"");
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
