package io.github.cnnlstm.plots;

import static io.github.cnnlstm.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import io.github.cnnlstm.training.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PlotsTest {

    @Test
    void aFrameShowsExactlyThePixelsOfThePath() {
        LineSequence s = new LineSequenceGenerator(10, 4).sequence(0);
        BufferedImage image = FrameImages.frame(s, 4, 3);
        assertEquals(30, image.getWidth());
        int white = 0xFFFFFF;
        boolean[][] frame = s.frame(4);
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                int rgb = image.getRGB(c * 3 + 1, r * 3 + 1) & 0xFFFFFF;
                assertEquals(frame[r][c], rgb != white, "pixel " + r + "," + c);
            }
        }
        // the newest pixel stands out
        assertNotEquals(image.getRGB(s.col(3) * 3 + 1, s.row(3) * 3 + 1), image.getRGB(s.col(4) * 3 + 1, s.row(4) * 3 + 1));
    }

    @Test
    void stripsAndGridsHaveOnePanelPerFrameShown() {
        List<LineSequence> seqs = new LineSequenceGenerator(10, 4).sequences(3);
        BufferedImage strip = FrameImages.strip(seqs.get(0), 3, 2); // frames 1, 4, 7, 10
        BufferedImage grid = FrameImages.grid(seqs, 3, 2);
        assertEquals(strip.getWidth(), grid.getWidth());
        assertEquals(3 * strip.getHeight(), grid.getHeight());
        assertEquals(6 + 4 * (20 + 6), strip.getWidth());
        assertMessage(() -> FrameImages.strip(seqs.get(0), 0, 2), "step = 0", "1..10");
        assertMessage(() -> FrameImages.grid(seqs, 1, 40), "scale = 40", "1..16");
        assertMessage(() -> FrameImages.grid(List.of(), 1, 2), "empty");
    }

    @Test
    void setupEmbedsPlotlyFromTheClasspath() throws Exception {
        String html = PlotlyHtml.setupHtml();
        assertEquals(html, PlotlyHtml.setup(), "outside the kernel the bundle is the HTML itself");
        Matcher m = Pattern.compile("atob\\('([A-Za-z0-9+/=]+)'\\)").matcher(html);
        assertTrue(m.find());
        byte[] gz = Base64.getDecoder().decode(m.group(1));
        String js = new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(js.contains("plotly.js v" + PlotlyHtml.PLOTLY_VERSION), js.substring(0, 200));
        assertTrue(gz.length < js.length() / 2, "compressed " + gz.length + " of " + js.length());
        assertTrue(!html.contains("cdn."), "no CDN");
    }

    @Test
    void figuresDrawIntoTheirOwnDivOnceReady() {
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        TrainingHistory history = Trainer.train(model, TrainingConfig.defaults().withSequences(96));
        String curve = LossCurve.html(history);
        Matcher id = Pattern.compile("<div id=\"(cnnlstm_[0-9a-f]{32})\">").matcher(curve);
        assertTrue(id.find(), curve);
        assertTrue(curve.contains("getElementById('" + id.group(1) + "')"), curve);
        assertTrue(curve.contains("window.cnnLstmPlotly") && curve.contains("Plotly.newPlot"), curve);
        assertTrue(curve.contains("sequences seen"));
        assertMessage(() -> PlotlyHtml.figure(LossCurve.figure(history), "my-plot"), "divId = my-plot");

        String matrix = ConfusionMatrixChart.html(Evaluator.evaluate(model, new LineSequenceGenerator(8, 2), 20));
        assertTrue(matrix.contains("heatmap") && matrix.contains("\"Right\""), matrix);

        TrainingView view = new TrainingView();
        String a = view.html(new io.github.cnnlstm.training.TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history);
        String b = view.html(new io.github.cnnlstm.training.TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertTrue(a.contains("<progress value=\"32\" max=\"96\""), a);
        Matcher ia = Pattern.compile("<div id=\"(cnnlstm_[0-9a-f]{32})\">").matcher(a);
        Matcher ib = Pattern.compile("<div id=\"(cnnlstm_[0-9a-f]{32})\">").matcher(b);
        assertTrue(ia.find() && ib.find());
        assertEquals(ia.group(1), ib.group(1), "live updates redraw the same plot");
        assertTrue(a.contains("measuring speed") && !a.contains("left"), "no time left while warming up: " + a);
        // while running, the display carries the text it shows if the cell stops (see stopWatcher)
        assertTrue(a.contains("'■ Stopped after 32 of 96 sequences (0:01)") && a.contains(".jp-InputArea-prompt"), a);
        String done = view.html(new io.github.cnnlstm.training.TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history);
        assertFalse(done.contains("Stopped"), "a finished run has nothing to watch: " + done);
        String c = view.html(new io.github.cnnlstm.training.TrainingProgress(6, 9, 192, 288, 1, 1.0, 0.5, 6), history);
        assertTrue(c.contains("32.0 seq/s · left 0:03"), c);

        String stopped = view.stopped(new io.github.cnnlstm.training.TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2),
                history);
        assertTrue(stopped.contains("Stopped after 64 of 96 sequences") && stopped.contains("Run the cell again"),
                stopped);
        assertTrue(stopped.contains("<progress value=\"64\" max=\"96\""), stopped);
        Matcher is = Pattern.compile("<div id=\"(cnnlstm_[0-9a-f]{32})\">").matcher(stopped);
        assertTrue(is.find() && is.group(1).equals(ia.group(1)), "the stop keeps the loss curve in place");

        java.util.List<String> shown = new java.util.ArrayList<>();
        io.github.cnnlstm.training.ProgressListener listener = view.listener(shown::add);
        listener.onProgress(new io.github.cnnlstm.training.TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history);
        listener.onProgress(new io.github.cnnlstm.training.TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        listener.onStop(new io.github.cnnlstm.training.TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertEquals(2, shown.size(), "the second report falls within a second of the first; the stop always shows");
        assertTrue(shown.get(1).contains("Stopped after 64 of 96"), shown.get(1));
        assertMessage(() -> view.listener(null), "show");
    }
}
