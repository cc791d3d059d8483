package io.github.cnnlstm.plots;

import io.github.cnnlstm.training.TrainingHistory;
import io.github.cnnlstm.training.TrainingProgress;
import java.util.Locale;

/**
 * A live training display: a progress bar with speed and time left above the loss curve.
 * Each call to {@link #html} redraws the same plot, so a notebook can pass its output to
 * {@code updateDisplay} after every few batches.
 */
public final class TrainingView {
    private final String plotId = PlotlyHtml.newDivId();

    /** HTML shown before the first batch. */
    public String waiting() {
        return "<div style=\"font-family:monospace\">Starting training…</div>";
    }

    /** The progress bar and the loss curve so far. */
    public String html(TrainingProgress progress, TrainingHistory history) {
        String status = String.format(Locale.ROOT,
                "%,d / %,d sequences · %.1f seq/s · elapsed %s · left %s · loss %.4f%s",
                progress.sequencesDone(), progress.totalSequences(), progress.sequencesPerSecond(),
                TrainingProgress.clock(progress.elapsedSeconds()),
                progress.finished() ? "0:00" : TrainingProgress.clock(progress.etaSeconds()), progress.loss(),
                Double.isNaN(progress.accuracy()) ? ""
                        : String.format(Locale.ROOT, " · accuracy %.3f", progress.accuracy()));
        return String.format(Locale.ROOT,
                "<div style=\"font-family:monospace\"><progress value=\"%d\" max=\"%d\" style=\"width:60%%\"></progress>"
                        + " %.0f%%<br>%s</div>\n",
                progress.sequencesDone(), progress.totalSequences(), 100 * progress.fraction(), status)
                + PlotlyHtml.figure(LossCurve.figure(history), plotId);
    }
}
