package io.github.cnnlstm.plots;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.insights.EarlyAccuracy;
import io.github.cnnlstm.insights.Robustness;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.FeatureMaps;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.model.Prediction;
import io.github.cnnlstm.training.ProgressListener;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import io.github.cnnlstm.training.TrainingHistory;
import io.github.cnnlstm.training.TrainingProgress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class PlotsTest {
    private static final Pattern DIV_ID = Pattern.compile("<div id=\"(cnnlstm_[0-9]+_[0-9a-f]{8})\">");
    private static CnnLstmModel model;
    private static TrainingHistory history;

    @BeforeAll
    static void trainTinyModel() {
        model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        history = Trainer.train(model, TrainingConfig.defaults().withSequences(96));
    }

    @Test
    void aFrameShowsExactlyThePixelsOfThePathInsideAVisibleBorder() {
        LineSequence s = new LineSequenceGenerator(10, 4).sequence(0);
        Picture image = FrameImages.frame(s, 4, 3);
        int left = 6;
        int top = 16; // caption above the frame
        assertEquals(30 + 2 * left, image.getWidth());
        int white = 0xFFFFFF;
        boolean[][] frame = s.frame(4);
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                int rgb = image.getRGB(left + c * 3 + 1, top + r * 3 + 1) & 0xFFFFFF;
                assertEquals(frame[r][c], rgb != white, "pixel " + r + "," + c);
            }
        }
        // the newest pixel stands out
        assertNotEquals(
                image.getRGB(left + s.col(3) * 3 + 1, top + s.row(3) * 3 + 1),
                image.getRGB(left + s.col(4) * 3 + 1, top + s.row(4) * 3 + 1));
        // a grey border runs all round, one pixel outside the frame, so a white frame has an edge
        for (int i = -1; i <= 30; i++) {
            assertBorder(image, left + i, top - 1);
            assertBorder(image, left + i, top + 30);
            assertBorder(image, left - 1, top + i);
            assertBorder(image, left + 30, top + i);
        }
        assertTrue(
                image.toString().contains("frame 5 of 10")
                        && image.toString().contains("true direction " + s.direction()),
                image.toString());
    }

    private static void assertBorder(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        int r = rgb >> 16;
        assertTrue(r < 160 && r == (rgb & 0xFF), "no grey border at " + x + "," + y + ": " + Integer.toHexString(rgb));
    }

    @Test
    void stripsAndGridsHaveOnePanelPerFrameShown() {
        List<LineSequence> seqs = new LineSequenceGenerator(10, 4).sequences(3);
        BufferedImage strip = FrameImages.strip(seqs.get(0), 3, 2); // frames 1, 4, 7, 10
        BufferedImage grid = FrameImages.grid(seqs, 3, 2);
        assertEquals(strip.getWidth(), grid.getWidth());
        assertEquals(3 * strip.getHeight(), grid.getHeight());
        assertEquals(6 + 4 * (20 + 6), strip.getWidth());
        assertTrue(strip.toString().contains("frames 1, 4, 7, 10"), strip.toString());
        assertMessage(() -> FrameImages.strip(seqs.get(0), 0, 2), "step = 0", "1..10");
        assertMessage(() -> FrameImages.grid(seqs, 1, 40), "scale = 40", "1..16");
        assertMessage(() -> FrameImages.grid(List.of(), 1, 2), "empty");
    }

    @Test
    void gridsWithPredictionsTitleEachRowWithTruthPredictionAndProbability() {
        LineSequenceGenerator generator = new LineSequenceGenerator(10, 4);
        List<LineSequence> seqs = List.of(generator.firstOf(Direction.LEFT), generator.firstOf(Direction.UP));
        Direction wrong = Direction.DOWN;
        List<Prediction> predictions = List.of(
                new Prediction(
                        seqs.get(0).direction(),
                        seqs.get(0).direction(),
                        one(seqs.get(0).direction(), 0.875)),
                new Prediction(seqs.get(1).direction(), wrong, one(wrong, 0.625)));
        Picture grid = FrameImages.grid(seqs, predictions, 3, 2);
        String text = grid.toString();
        assertTrue(
                text.contains("true " + seqs.get(0).direction() + " · predicted "
                        + seqs.get(0).direction() + " (p = 0.875)"),
                text);
        assertTrue(
                text.contains("true " + seqs.get(1).direction() + " · predicted " + wrong + " (p = 0.625) · WRONG"),
                text);
        assertEquals(FrameImages.grid(seqs, 3, 2).getHeight(), grid.getHeight());
        // the wrong row's title is red, the right one's is not
        int rowHeight = grid.getHeight() / 2;
        assertFalse(hasRed(grid, 0, 16), "right answer titled in red");
        assertTrue(hasRed(grid, rowHeight, rowHeight + 16), "wrong answer not titled in red");

        assertMessage(
                () -> FrameImages.grid(seqs, predictions.subList(0, 1), 3, 2), "predictions has 1", "sequences has 2");
        assertMessage(() -> FrameImages.grid(List.of(seqs.get(1), seqs.get(0)), predictions, 3, 2), "predictions[0]");
    }

    private static double[] one(Direction d, double p) {
        double[] probabilities = new double[Direction.COUNT];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = i == d.index() ? p : (1 - p) / (Direction.COUNT - 1);
        }
        return probabilities;
    }

    private static boolean hasRed(BufferedImage image, int fromY, int toY) {
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                if (r > 150 && g < 80) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theVideoIsAnAnimatedGifWithOneFramePerStepThatLoops() throws Exception {
        LineSequence s = new LineSequenceGenerator(12, 7).sequence(3);
        byte[] gif = FrameImages.gif(s, 3, 150);
        assertEquals("GIF89a", new String(gif, 0, 6, StandardCharsets.US_ASCII));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            assertEquals(12, reader.getNumImages(true));
            boolean loops = false;
            List<Integer> delays = new ArrayList<>();
            for (int f = 0; f < 12; f++) {
                IIOMetadataNode root =
                        (IIOMetadataNode) reader.getImageMetadata(f).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode)
                        root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int i = 0; i < apps.getLength(); i++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(i);
                    byte[] data = (byte[]) app.getUserObject();
                    loops |= "NETSCAPE".equals(app.getAttribute("applicationID"))
                            && data[0] == 1
                            && data[1] == 0
                            && data[2] == 0;
                }
            }
            assertTrue(loops, "no NETSCAPE2.0 loop-forever block");
            assertEquals(15, delays.get(0), "150 ms in hundredths");
            assertEquals(FrameImages.VIDEO_LAST_FRAME_MILLIS / 10, delays.get(11), "the last frame is held");
            // frame k shows k + 1 pixels, the newest red: check frames 1 and 12 against the path
            for (int f : new int[] {0, 11}) {
                BufferedImage frame = reader.read(f);
                int x0 = 6;
                int y0 = 32; // two caption lines above the frame
                boolean[][] expected = s.frame(f);
                for (int r = 0; r < 12; r++) {
                    for (int c = 0; c < 12; c++) {
                        int rgb = frame.getRGB(x0 + c * 3 + 1, y0 + r * 3 + 1) & 0xFFFFFF;
                        assertEquals(expected[r][c], rgb != 0xFFFFFF, "frame " + f + " pixel " + r + "," + c);
                    }
                }
                int newest = frame.getRGB(x0 + s.col(f) * 3 + 1, y0 + s.row(f) * 3 + 1);
                assertTrue(((newest >> 16) & 0xFF) > 150 && ((newest >> 8) & 0xFF) < 80, "newest pixel not red");
            }
        } finally {
            reader.dispose();
        }
        assertMessage(() -> FrameImages.gif(s, 3, 5), "frameMillis = 5", "20..5000");
        // outside the kernel the video is an <img> with the same GIF
        String html = (String) FrameImages.video(s, 3);
        assertTrue(html.contains("data:image/gif;base64,") && html.contains("growing " + s.direction()), html);
    }

    @Test
    void everyPictureDescribesItselfWithoutAnIdentityHash() {
        LineSequence s = new LineSequenceGenerator(10, 4).sequence(0);
        FeatureMaps maps = model.featureMaps(new LineSequenceGenerator(8, 1).sequence(0), 5);
        List<Picture> pictures = List.of(
                FrameImages.frame(s, 2, 2),
                FrameImages.strip(s, 3, 2),
                FrameImages.grid(List.of(s, s), 3, 2),
                FilterImages.kernels(model),
                FilterImages.featureMaps(maps, 4));
        for (Picture p : pictures) {
            String text = p.toString();
            assertFalse(text.contains("@"), text);
            assertFalse(text.contains("ColorModel"), text);
            assertTrue(text.startsWith("Image (" + p.getWidth() + "×" + p.getHeight() + " px): "), text);
            assertTrue(text.length() > 30, text);
        }
        assertTrue(
                FilterImages.kernels(model).toString().contains("filter 2: ["),
                FilterImages.kernels(model).toString());
    }

    @Test
    void poolingMapsAreDrawnAtTheirRealHalvedSizeNextToAColourBar() {
        LineSequence s = new LineSequenceGenerator(8, 1).sequence(0);
        FeatureMaps maps = model.featureMaps(s, 6);
        int scale = 4;
        Picture image = FilterImages.featureMaps(maps, scale);
        // grey map borders on the line just above the first row of maps: one run per map
        int y = 18 - 1;
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) == 0x808080) {
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }
        int conv = maps.afterConv()[0].length * scale;
        int pool = maps.afterPool()[0].length * scale;
        assertEquals(List.of(conv + 2, pool + 2), runs.subList(0, 2), "borders of the conv and pooled maps");
        assertEquals(7 * scale, conv);
        assertEquals(3 * scale, pool);
        String text = image.toString();
        assertTrue(text.matches(".*values 0 \\(white\\) to [0-9.]+ \\(dark blue\\).*"), text);
        assertEquals(java.awt.Color.WHITE, FilterImages.sequential(0));
        assertTrue(FilterImages.sequential(1).getBlue()
                > FilterImages.sequential(1).getRed() + 80);
    }

    @Test
    void setupEmbedsPlotlyFromTheClasspath() throws Exception {
        String html = PlotlyHtml.setupHtml();
        assertEquals(html, PlotlyHtml.setup(), "outside the kernel the bundle is the HTML itself");
        Matcher m = Pattern.compile("atob\\('([A-Za-z0-9+/=]+)'\\)").matcher(html);
        assertTrue(m.find());
        byte[] gz = Base64.getDecoder().decode(m.group(1));
        String js =
                new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(js.contains("plotly.js v" + PlotlyHtml.PLOTLY_VERSION), js.substring(0, 200));
        assertTrue(gz.length < js.length() / 2, "compressed " + gz.length + " of " + js.length());
        assertTrue(!html.contains("cdn."), "no CDN");
    }

    @Test
    void figuresDrawIntoTheirOwnDivOnceReady() {
        String curve = LossCurve.html(history);
        Matcher id = DIV_ID.matcher(curve);
        assertTrue(id.find(), curve);
        assertTrue(curve.contains("getElementById('" + id.group(1) + "')"), curve);
        assertTrue(curve.contains("window.cnnLstmPlotly") && curve.contains("Plotly.newPlot(target"), curve);
        assertTrue(curve.contains("sequences seen"));
        assertMessage(() -> PlotlyHtml.figure(LossCurve.figure(history), "my-plot"), "divId = my-plot");

        TrainingView view = new TrainingView();
        String a = view.html(new TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history);
        String b = view.html(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertTrue(a.contains("<progress value=\"32\" max=\"96\""), a);
        Matcher ia = Pattern.compile("<div id=\"(cnnlstm_[0-9]+)\">").matcher(a);
        Matcher ib = Pattern.compile("<div id=\"(cnnlstm_[0-9]+)\">").matcher(b);
        assertTrue(ia.find() && ib.find(), a);
        assertEquals(ia.group(1), ib.group(1), "live updates redraw the same plot");
        Matcher status = Pattern.compile("_status\"[^>]*>.*?<span>(.*?)</span>").matcher(a);
        assertTrue(status.find(), a);
        assertTrue(
                status.group(1).contains("measuring speed") && !status.group(1).contains("left"),
                "no time left while warming up: " + status.group(1));
        // while running, the display carries the text it shows if the cell stops (see stopWatcher)
        assertTrue(a.contains("'■ Stopped after 32 of 96 sequences (0:01)") && a.contains(".jp-InputArea-prompt"), a);
        String done = view.html(new TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history);
        assertFalse(done.contains("Stopped"), "a finished run has nothing to watch: " + done);
        assertFalse(a.contains("data:image/png"), "a live display is drawn by plotly: no still picture needed");
        assertTrue(done.contains("data:image/png"), "the last display, the one the notebook keeps, has its picture");
        String c = view.html(new TrainingProgress(6, 9, 192, 288, 1, 1.0, 0.5, 6), history);
        assertTrue(c.contains("32.0 seq/s · left 0:03"), c);

        String stopped = view.stopped(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertTrue(
                stopped.contains("Stopped after 64 of 96 sequences") && stopped.contains("Run the cell again"),
                stopped);
        assertTrue(stopped.contains("<progress value=\"64\" max=\"96\""), stopped);
        assertTrue(stopped.contains("data:image/png"), "a stopped display is kept too: it has its picture");
        Matcher is = Pattern.compile("<div id=\"(cnnlstm_[0-9]+)\">").matcher(stopped);
        assertTrue(is.find() && is.group(1).equals(ia.group(1)), "the stop keeps the loss curve in place");

        List<String> shown = new ArrayList<>();
        ProgressListener listener = view.listener(shown::add);
        listener.onProgress(new TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history);
        listener.onProgress(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        listener.onStop(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertEquals(2, shown.size(), "the second report falls within a second of the first; the stop always shows");
        assertTrue(shown.get(1).contains("Stopped after 64 of 96"), shown.get(1));
        assertMessage(() -> view.listener(null), "show");
    }

    @Test
    void divIdsAreDeterministicUniqueIdentifiers() {
        var figure = LossCurve.figure(history);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Matcher m = DIV_ID.matcher(PlotlyHtml.figure(figure));
            assertTrue(m.find());
            ids.add(m.group(1));
        }
        Set<String> unique = new HashSet<>(ids);
        assertEquals(3, unique.size(), "two charts of one kernel never share an id: " + ids);
        // the same figure at the same place in a run gets the same id: a counter plus its content hash
        long n0 = Long.parseLong(ids.get(0).split("_")[1]);
        for (int i = 0; i < 3; i++) {
            assertEquals("cnnlstm_" + (n0 + i) + "_" + ids.get(0).split("_")[2], ids.get(i));
        }
        Matcher other = DIV_ID.matcher(ConfusionMatrixChart.html(report()));
        assertTrue(other.find());
        assertNotEquals(ids.get(0).split("_")[2], other.group(1).split("_")[2], "the hash follows the content");
        String id = PlotlyHtml.newDivId();
        assertTrue(id.matches("cnnlstm_[0-9]+"), id);
        assertEquals("cnnlstm_" + (Long.parseLong(id.substring(8)) + 1), PlotlyHtml.newDivId());
    }

    @Test
    void everyChartCarriesItsStillPictureUntilPlotlyReplacesIt() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "chart-pictures");
        java.nio.file.Files.createDirectories(dir);
        List<String> charts = allCharts();
        for (int i = 0; i < charts.size(); i++) {
            String html = charts.get(i);
            // the chart's own div (a training view also has a status div, "…_status", before it)
            Matcher chartDiv =
                    Pattern.compile("<div id=\"cnnlstm_[0-9a-f_]+\">").matcher(html);
            int div = chartDiv.find() ? chartDiv.start() : -1;
            int fallback = html.indexOf("<div class=\"cnnlstm-chart-fallback\"><img src=\"data:image/png;base64,");
            int end = html.indexOf("</div></div>", div);
            assertTrue(div >= 0 && div < fallback && fallback < end, "no picture inside the chart's div: " + html);
            Matcher png = Pattern.compile(
                            "data:image/png;base64,([A-Za-z0-9+/=]+)\" width=\"(\\d+)\" height=\"(\\d+)\"[^>]*alt=\"([^\"]+)\"")
                    .matcher(html);
            assertTrue(png.find(), html);
            byte[] bytes = Base64.getDecoder().decode(png.group(1));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertEquals(Integer.parseInt(png.group(2)), image.getWidth());
            assertEquals(Integer.parseInt(png.group(3)), image.getHeight());
            assertTrue(colours(image) > 8, "chart " + i + "'s picture is nearly blank");
            assertFalse(png.group(4).isBlank(), "no alternative text");
            java.nio.file.Files.write(dir.resolve("chart-" + i + ".png"), bytes);
            assertTrue(html.contains(PlotlyHtml.PICTURE_CAPTION), html);
            int removal = html.indexOf("querySelectorAll('.cnnlstm-chart-fallback')");
            assertTrue(removal > 0 && removal < html.indexOf("Plotly.newPlot"), "fallback not removed before drawing");
        }
    }

    /** How many different colours an image holds. */
    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void everyChartScriptIsValidJavaScript() throws Exception {
        for (String html : allCharts()) {
            Matcher m = Pattern.compile("(?s)<script>(.*?)</script>").matcher(html);
            assertTrue(m.find(), html);
            java.nio.file.Path file = java.nio.file.Files.createTempFile("chart", ".js");
            try {
                java.nio.file.Files.writeString(file, m.group(1));
                Process node;
                try {
                    node = new ProcessBuilder("node", "--check", file.toString())
                            .redirectErrorStream(true)
                            .start();
                } catch (java.io.IOException e) {
                    org.junit.jupiter.api.Assumptions.abort("node is not installed: " + e.getMessage());
                    return;
                }
                String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, node.waitFor(), out + "\n" + m.group(1));
            } finally {
                java.nio.file.Files.delete(file);
            }
        }
    }

    @Test
    void theConfusionMatrixPrintsEveryCountOnASequentialScale() {
        EvaluationReport report = report();
        String html = ConfusionMatrixChart.html(report);
        int[][] m = report.confusionMatrix();
        for (int a = 0; a < 4; a++) {
            for (int p = 0; p < 4; p++) {
                String cell = "x: '" + Direction.ofIndex(p) + "', y: '" + Direction.ofIndex(a) + "', text: '"
                        + (a != p && m[a][p] > 0 ? "<b>" + m[a][p] + "</b>" : Integer.toString(m[a][p])) + "'";
                assertTrue(html.contains(cell), "no " + cell + " in " + html);
            }
        }
        assertTrue(html.contains("colorscale = [[0, '#ffffff'], [1, '#08306b']]"), html);
        assertTrue(html.contains("trace0.zmin = 0"), html);
        assertTrue(html.contains("title: 'true direction'") && html.contains("title: 'predicted direction'"), html);
    }

    @Test
    void theEarlyAccuracyChartShowsChanceAndMarksNinetyAndNinetyNinePercent() {
        EarlyAccuracy early = EarlyAccuracy.measure(model, new LineSequenceGenerator(8, 3), 40);
        String html = (String) InsightCharts.earlyAccuracy(early);
        assertTrue(html.contains("name: 'chance (25%)'") && html.contains("\"dash\" : \"dash\""), html);
        assertTrue(html.contains("y: [\"0.25\",\"0.25\"]"), html);
        for (double t : new double[] {0.90, 0.99}) {
            int k = early.firstReaching(t);
            String label = (int) Math.round(100 * t) + "% from frame " + k;
            assertEquals(k > 0, html.contains(label), label + " in " + html);
            assertTrue(html.contains(k < 0 ? (int) Math.round(100 * t) + "% never reached" : label), html);
        }
        assertTrue(html.contains("frames seen (of 8)") && html.contains("tickformat = '.0%'"), html);
    }

    @Test
    void noiseOnALogAxisDrawsLevelZeroAsALine() {
        Table noise = Robustness.noiseCurve(model, new LineSequenceGenerator(8, 3), 20, 0, 0.01, 0.1);
        String html = (String) InsightCharts.robustness(noise, "probability that a pixel is noise", true);
        assertTrue(html.contains("type: 'log'") && html.contains("(log scale)"), html);
        Matcher x = Pattern.compile("x: \\[([^\\]]*)\\]").matcher(html);
        assertTrue(x.find());
        assertFalse(x.group(1).contains("\"0.0\""), "0 on a log axis: " + x.group(1));
        assertTrue(
                html.contains(
                        "'Noise vs accuracy on 20 sequences' + '<br><sub>' + 'level 0 (no damage) is the dotted line"),
                html);
        assertTrue(html.contains("no damage (level 0)") && html.contains("\"dash\" : \"dot\""), html);
        assertTrue(html.contains("ticktext = ['1%', '10%']"), html);
        String linear = (String) InsightCharts.robustness(noise, "probability that a pixel is noise");
        assertFalse(linear.contains("type: 'log'"), linear);

        Table negative =
                Table.create("bad", DoubleColumn.create("Noise", -0.1, 0.1), DoubleColumn.create("Accuracy", 1, 1));
        assertMessage(() -> InsightCharts.robustness(negative, "x", true), "level -0.1", ">= 0");
        Table zeros = Table.create("zeros", DoubleColumn.create("Noise", 0.0), DoubleColumn.create("Accuracy", 1.0));
        assertMessage(() -> InsightCharts.robustness(zeros, "x", true), "no level above 0");
    }

    @Test
    void theLossCurveLegendSitsBelowThePlot() {
        String html = LossCurve.html(history);
        assertTrue(
                ((String) InsightCharts.earlyAccuracy(
                                EarlyAccuracy.measure(model, new LineSequenceGenerator(8, 3), 20)))
                        .contains("layout.legend = {orientation: 'h'"),
                "early-accuracy legend not below the axes");
        Matcher legend = Pattern.compile("layout.legend = \\{orientation: 'h'.*?y: (-[0-9.]+), yanchor: 'top'\\}")
                .matcher(html);
        assertTrue(legend.find(), "legend not below the axes: " + html);
        assertTrue(html.contains("cross-entropy loss (nats)"), html);
    }

    private static EvaluationReport report() {
        return Evaluator.evaluate(model, new LineSequenceGenerator(8, 2), 40);
    }

    private static List<String> allCharts() {
        EvaluationReport report = report();
        EarlyAccuracy early = EarlyAccuracy.measure(model, new LineSequenceGenerator(8, 3), 20);
        Table noise = Robustness.noiseCurve(model, new LineSequenceGenerator(8, 3), 20, 0, 0.01, 0.1);
        double[][] belief = model.probabilitiesPerFrame(new LineSequenceGenerator(8, 3).sequences(1))[0];
        List<String> charts = List.of(
                LossCurve.html(history),
                ConfusionMatrixChart.html(report),
                (String) ConfusionMatrixChart.chart(report),
                (String) InsightCharts.earlyAccuracy(early),
                (String) InsightCharts.belief(belief, "one video"),
                (String) InsightCharts.robustness(noise, "noise", true),
                (String) InsightCharts.robustness(noise, "noise"),
                new TrainingView().html(new TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history));
        return charts;
    }

    @Test
    void aBeliefCurveSaysInWordsWhatItShows() {
        double[][] p = {
            {0.25, 0.25, 0.25, 0.25}, // a tie: nobody leads
            {0.40, 0.20, 0.10, 0.30},
            {0.20, 0.10, 0.10, 0.60},
            {0.45, 0.05, 0.05, 0.45}, // a tie again
            {0.10, 0.05, 0.05, 0.80}
        };
        assertEquals(
                "Up leads from frame 5 on, passes one half at frame 3 and ends at 0.80;"
                        + " the highest any other direction reaches: Down 0.45 at frame 4",
                InsightCharts.beliefSummary(p, Direction.UP));
        assertEquals(
                "Down does not lead at the end, never passes one half and ends at 0.10;"
                        + " the highest any other direction reaches: Up 0.80 at frame 5",
                InsightCharts.beliefSummary(p, Direction.DOWN));
        // outside the kernel the chart is its HTML; the text above is its text/plain in a notebook
        assertTrue(((String) InsightCharts.belief(p, Direction.UP, "Video 1: Up")).contains("Video 1: Up"));
    }
}
