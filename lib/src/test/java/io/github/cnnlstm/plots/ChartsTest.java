package io.github.cnnlstm.plots;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.insights.EarlyAccuracy;
import io.github.cnnlstm.insights.Robustness;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.ProgressListener;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import io.github.cnnlstm.training.TrainingHistory;
import io.github.cnnlstm.training.TrainingProgress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Every chart of the course, through both renderers: its plotly JSON parses and holds the title,
 * the axis titles and every series with its data; its PNG decodes at the chart's size and is not
 * blank; its summary reads as the notebooks print it.
 */
class ChartsTest {
    /** Where the pictures go, for a person to look at. */
    static final Path PICTURES = Path.of("target", "chart-pictures");

    private static CnnLstmModel model;
    private static TrainingHistory history;

    @BeforeAll
    static void trainTinyModel() {
        model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        history = Trainer.train(model, TrainingConfig.defaults().withSequences(96));
    }

    private static EvaluationReport report() {
        return Evaluator.evaluate(model, new LineSequenceGenerator(8, 2), 40);
    }

    private static Table noise() {
        return Robustness.noiseCurve(model, new LineSequenceGenerator(8, 3), 20, 0, 0.01, 0.1);
    }

    private static LinkedHashMap<String, double[]> learning() {
        LinkedHashMap<String, double[]> bySeries = new LinkedHashMap<>();
        bySeries.put("CNN-LSTM", new double[] {0.61, 0.97, 1.0});
        bySeries.put("last frame", new double[] {0.40, Double.NaN, 0.491});
        bySeries.put("moving dot", new double[] {0.25, 0.3, Double.NaN});
        return bySeries;
    }

    /** Every kind of chart, by a name for its picture file. */
    private static Map<String, Chart> allCharts() {
        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put("loss", LossCurve.chart(history));
        charts.put("confusion", ConfusionMatrixChart.chart(report()));
        charts.put(
                "early",
                InsightCharts.earlyAccuracy(EarlyAccuracy.measure(model, new LineSequenceGenerator(8, 3), 20)));
        double[][] belief = model.probabilitiesPerFrame(new LineSequenceGenerator(8, 3).sequences(1))[0];
        charts.put("belief", InsightCharts.belief(belief, Direction.UP, "Video 1: Up"));
        charts.put("belief-untitled-truth", InsightCharts.belief(belief, "one video"));
        charts.put("noise-log", InsightCharts.robustness(noise(), "probability that a pixel is noise", true));
        charts.put("noise-linear", InsightCharts.robustness(noise(), "probability that a pixel is noise"));
        charts.put(
                "learning",
                InsightCharts.learningCurves(
                        "Accuracy by training videos",
                        "training videos (thousands)",
                        new double[] {1, 2, 3},
                        learning()));
        return charts;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Chart chart) {
        return (Map<String, Object>) JsonParser.parse(chart.plotlyJson());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static Map<String, Object> layout(Chart chart) {
        return obj(json(chart).get("layout"));
    }

    static String title(Map<String, Object> withTitle) {
        return (String) obj(withTitle.get("title")).get("text");
    }

    /** The numbers as the JSON holds them: rounded to six digits, null for NaN. */
    static List<Object> expected(double[] values) {
        List<Object> out = new ArrayList<>();
        for (double v : values) {
            out.add(Double.isNaN(v) ? null : Json.round(v, 6));
        }
        return out;
    }

    @Test
    void everyChartsJsonParsesAndCarriesItsTitleAxisTitlesAndEverySeriesWithItsData() {
        for (Map.Entry<String, Chart> e : allCharts().entrySet()) {
            String name = e.getKey();
            Chart chart = e.getValue();
            Figure f = chart.figure();
            Map<String, Object> json = json(chart);
            assertEquals(List.of("data", "layout"), List.copyOf(json.keySet()), name);
            Map<String, Object> layout = obj(json.get("layout"));
            assertEquals(PlotlyJson.text(f.title()), title(layout), name);
            assertEquals(f.x().title(), title(obj(layout.get("xaxis"))), name);
            assertEquals(f.y().title(), title(obj(layout.get("yaxis"))), name);
            assertEquals((double) f.width(), layout.get("width"), name);
            assertEquals((double) f.height(), layout.get("height"), name);
            List<Object> traces = list(json.get("data"));
            assertFalse(traces.isEmpty(), name + " has no trace");
            for (int i = 0; i < f.series().size(); i++) {
                Figure.Series s = f.series().get(i);
                Map<String, Object> trace = obj(traces.get(i));
                assertEquals("scatter", trace.get("type"), name);
                assertEquals(s.name(), trace.get("name"), name);
                assertEquals(expected(s.x()), trace.get("x"), name + " " + s.name());
                assertEquals(expected(s.y()), trace.get("y"), name + " " + s.name());
                assertTrue(s.x().length > 0, name + " " + s.name() + " is empty");
            }
            if (f.heatMap() != null) {
                Map<String, Object> heat = obj(traces.get(traces.size() - 1));
                assertEquals("heatmap", heat.get("type"));
                List<Object> z = list(heat.get("z"));
                for (int r = 0; r < f.heatMap().rows().size(); r++) {
                    assertEquals(expected(f.heatMap().z()[r]), z.get(r), name + " row " + r);
                }
            }
        }
    }

    @Test
    void theSameChartGivesTheSameJsonAndPngEveryTime() {
        Chart a = LossCurve.chart(history);
        Chart b = LossCurve.chart(history);
        assertEquals(a.plotlyJson(), b.plotlyJson());
        assertArrayEquals(a.png(), b.png(), "the picture's bytes");
        assertFalse(a.plotlyJson().matches("(?s).*\"(uid|id)\".*"), "no ids in the figure");
    }

    @Test
    void everyPictureDecodesAtTheChartsSizeAndIsNotBlank() throws Exception {
        Files.createDirectories(PICTURES);
        for (Map.Entry<String, Chart> e : allCharts().entrySet()) {
            Chart chart = e.getValue();
            byte[] png = chart.png();
            Files.write(PICTURES.resolve(e.getKey() + ".png"), png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, e.getKey() + ": not a PNG");
            assertEquals(chart.figure().width(), image.getWidth(), e.getKey());
            assertEquals(chart.figure().height(), image.getHeight(), e.getKey());
            assertTrue(colours(image) > 8, e.getKey() + "'s picture is nearly blank");
            assertEquals(chart.summary(), chart.picture().description());
        }
        assertEquals(Figure.WIDTH, LossCurve.chart(history).picture().getWidth());
    }

    /** How many different colours an image holds. */
    static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void outsideTheKernelAChartsOutputAndShowAreItsSummary() {
        Chart chart = LossCurve.chart(history);
        assertEquals("Loss curve: " + history, chart.summary());
        assertEquals(chart.summary(), chart.toString());
        assertEquals(chart.summary(), chart.output(), "no JJava here: the output is the summary");
        assertEquals(chart.summary(), chart.show());
    }

    @Test
    void theLossCurveHasLossOnTheLeftAccuracyInPercentOnTheRightAndTheLegendBelow() {
        Chart chart = LossCurve.chart(history);
        Map<String, Object> layout = layout(chart);
        assertEquals("cross-entropy loss (nats)", title(obj(layout.get("yaxis"))));
        Map<String, Object> right = obj(layout.get("yaxis2"));
        assertEquals("accuracy (unseen batch, %)", title(right));
        assertEquals("y", right.get("overlaying"));
        assertEquals(".0%", right.get("tickformat"));
        assertEquals(List.of(0.0, 1.02), right.get("range"));
        List<Object> traces = list(json(chart).get("data"));
        assertEquals(3, traces.size());
        assertEquals(
                "loss (mean of " + LossCurve.SMOOTHING + ")", obj(traces.get(1)).get("name"));
        assertEquals("y2", obj(traces.get(2)).get("yaxis"));
        assertEquals("markers", obj(traces.get(2)).get("mode"));
        Map<String, Object> legend = obj(layout.get("legend"));
        assertEquals("h", legend.get("orientation"));
        assertEquals("container", legend.get("yref"), "legend at the bottom of the figure, below the plot");
        assertEquals(0.0, legend.get("y"));
    }

    @Test
    void theConfusionMatrixPrintsEveryCountOnASequentialScale() {
        EvaluationReport report = report();
        Chart chart = ConfusionMatrixChart.chart(report);
        assertEquals(report.confusionTable().print(), chart.summary());
        Map<String, Object> json = json(chart);
        Map<String, Object> heat = obj(list(json.get("data")).get(0));
        assertEquals(Direction.labels(), heat.get("x"));
        assertEquals(Direction.labels(), heat.get("y"));
        assertEquals(List.of(List.of(0.0, "#ffffff"), List.of(1.0, "#08306b")), heat.get("colorscale"));
        assertEquals(0.0, heat.get("zmin"));
        Map<String, Object> layout = obj(json.get("layout"));
        assertEquals("reversed", obj(layout.get("yaxis")).get("autorange"), "Down at the top, as the table");
        List<Object> annotations = list(layout.get("annotations"));
        int[][] m = report.confusionMatrix();
        assertEquals(16, annotations.size());
        for (Object o : annotations) {
            Map<String, Object> a = obj(o);
            int predicted = Direction.labels().indexOf((String) a.get("x"));
            int actual = Direction.labels().indexOf((String) a.get("y"));
            boolean mistake = predicted != actual && m[actual][predicted] > 0;
            String count = Integer.toString(m[actual][predicted]);
            assertEquals(mistake ? "<b>" + count + "</b>" : count, a.get("text"), a.toString());
        }
    }

    @Test
    void theEarlyAccuracyChartShowsChanceAndMarksNinetyAndNinetyNinePercent() {
        EarlyAccuracy early = EarlyAccuracy.measure(model, new LineSequenceGenerator(8, 3), 40);
        Chart chart = InsightCharts.earlyAccuracy(early);
        assertEquals("Accuracy by frames seen: " + early, chart.summary());
        Map<String, Object> layout = layout(chart);
        Map<String, Object> chance = obj(list(layout.get("shapes")).get(0));
        assertEquals(0.25, chance.get("y0"));
        assertEquals("dash", obj(chance.get("line")).get("dash"));
        List<String> texts = list(layout.get("annotations")).stream()
                .map(a -> (String) obj(a).get("text"))
                .toList();
        assertTrue(texts.contains("chance (25%)"), texts.toString());
        for (double t : new double[] {0.90, 0.99}) {
            int k = early.firstReaching(t);
            String label = (int) Math.round(100 * t) + "% from frame " + k;
            assertEquals(k > 0, texts.contains(label), label + " in " + texts);
            assertTrue(title(layout).contains(k < 0 ? (int) Math.round(100 * t) + "% never reached" : label));
        }
        assertEquals("frames seen (of 8)", title(obj(layout.get("xaxis"))));
        assertEquals(".0%", obj(layout.get("yaxis")).get("tickformat"));
    }

    @Test
    void noiseOnALogAxisDrawsLevelZeroAsALine() {
        Table noise = noise();
        Chart chart = InsightCharts.robustness(noise, "probability that a pixel is noise", true);
        assertEquals(noise.print(), chart.summary());
        Map<String, Object> layout = layout(chart);
        Map<String, Object> x = obj(layout.get("xaxis"));
        assertEquals("log", x.get("type"));
        assertEquals("probability that a pixel is noise (log scale)", title(x));
        assertEquals(List.of("1%", "10%"), x.get("ticktext"));
        assertEquals(
                List.of(0.01, 0.1), obj(list(json(chart).get("data")).get(0)).get("x"), "no 0 on a log axis");
        assertEquals(
                "level 0 (no damage) is the dotted line: a log axis has no 0",
                obj(obj(layout.get("title")).get("subtitle")).get("text"));
        Map<String, Object> clean = obj(list(layout.get("shapes")).get(0));
        assertEquals("dot", obj(clean.get("line")).get("dash"));
        assertTrue(
                ((String) obj(list(layout.get("annotations")).get(0)).get("text")).startsWith("no damage (level 0)"));

        Map<String, Object> linear = layout(InsightCharts.robustness(noise, "probability that a pixel is noise"));
        assertFalse(obj(linear.get("xaxis")).containsKey("type"));
        assertFalse(linear.containsKey("shapes"));

        Table negative =
                Table.create("bad", DoubleColumn.create("Noise", -0.1, 0.1), DoubleColumn.create("Accuracy", 1, 1));
        assertMessage(() -> InsightCharts.robustness(negative, "x", true), "level -0.1", ">= 0");
        Table zeros = Table.create("zeros", DoubleColumn.create("Noise", 0.0), DoubleColumn.create("Accuracy", 1.0));
        assertMessage(() -> InsightCharts.robustness(zeros, "x", true), "no level above 0");
    }

    @Test
    void learningCurvesDrawOneLinePerSeriesSkipUnmeasuredPointsAndSayWhereEachEnds() {
        Chart chart = InsightCharts.learningCurves(
                "Accuracy by training videos", "training videos (thousands)", new double[] {1, 2, 3}, learning());
        assertEquals(
                "Learning curves: CNN-LSTM 100.0% after 3; last frame 49.1% after 3; moving dot 30.0% after 2",
                chart.summary());
        Map<String, Object> json = json(chart);
        List<Object> traces = list(json.get("data"));
        assertEquals(3, traces.size());
        Map<String, Object> lastFrame = obj(traces.get(1));
        assertEquals("last frame", lastFrame.get("name"));
        assertEquals(List.of(1.0, 3.0), lastFrame.get("x"), "the unmeasured point is skipped");
        assertEquals(List.of(0.4, 0.491), lastFrame.get("y"));
        assertEquals("lines+markers", lastFrame.get("mode"));
        Map<String, Object> layout = obj(json.get("layout"));
        Map<String, Object> y = obj(layout.get("yaxis"));
        assertEquals("accuracy on fresh videos (%)", title(y));
        assertEquals(List.of(0.0, 1.02), y.get("range"));
        assertEquals(".0%", y.get("tickformat"));
        Map<String, Object> chance = obj(list(layout.get("shapes")).get(0));
        assertEquals(0.25, chance.get("y0"));
        assertEquals("dash", obj(chance.get("line")).get("dash"));
        assertEquals(
                "chance (4 classes)",
                obj(list(layout.get("annotations")).get(0)).get("text"));
        assertEquals("container", obj(layout.get("legend")).get("yref"), "legend under the plot");
        assertEquals("training videos (thousands)", title(obj(layout.get("xaxis"))));

        LinkedHashMap<String, double[]> percents = new LinkedHashMap<>();
        percents.put("CNN-LSTM", new double[] {61, 97, 100});
        assertMessage(
                () -> InsightCharts.learningCurves("t", "x", new double[] {1, 2, 3}, percents),
                "CNN-LSTM has 61.0",
                "fractions from 0 to 1");
        assertMessage(
                () -> InsightCharts.learningCurves("t", "x", new double[] {1, 2}, learning()),
                "CNN-LSTM has 3 values for 2 x values");
        LinkedHashMap<String, double[]> none = new LinkedHashMap<>();
        none.put("nothing yet", new double[] {Double.NaN});
        assertEquals(
                "Learning curves: nothing yet not measured",
                InsightCharts.learningCurves("t", "x", new double[] {1}, none).summary());
    }

    @Test
    void plotlyShowsALabelsOwnAngleBracketsAndAmpersands() {
        Chart chart = InsightCharts.belief(new double[][] {{0.25, 0.25, 0.25, 0.25}}, "a <b> & c");
        assertEquals("a &lt;b&gt; &amp; c", title(layout(chart)));
        assertEquals("Belief curve: a <b> & c", chart.summary(), "the summary is plain text");
    }

    @Test
    void aReferenceLineIsLabelledAboveItOrNearTheTopUnderIt() {
        for (boolean below : new boolean[] {false, true}) {
            Figure f = new Figure.Builder("t", Figure.Axis.of("x"), Figure.Axis.fraction("y"))
                    .add(Figure.Series.line("s", new double[] {1, 2}, new double[] {0.5, 0.6}))
                    .line(new Figure.ReferenceLine(below ? 1 : 0.25, "label", "#7f7f7f", Figure.Dash.DOT, below))
                    .build();
            Map<String, Object> label = obj(
                    list(obj(PlotlyJson.of(f).get("layout")).get("annotations")).get(0));
            assertEquals(below ? "top" : "bottom", label.get("yanchor"));
            assertEquals("label", label.get("text"));
        }
    }

    @Test
    void aSeriesOnTheRightNeedsARightAxis() {
        Figure.Builder f = new Figure.Builder("t", Figure.Axis.of("x"), Figure.Axis.of("y"))
                .add(Figure.Series.line("s", new double[] {1}, new double[] {1}).onRightAxis());
        assertMessage(f::build, "right axis");
        assertMessage(
                () -> Figure.Series.line("s", new double[] {1, 2}, new double[] {1}), "2 x values and 1 y values");
    }

    @Test
    void theTrainingViewShowsProgressAsHtmlAndTheLossCurveAsAChartWithItsPictureAtTheEnd() {
        TrainingView view = new TrainingView();
        String a = view.html(new TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history);
        assertTrue(a.contains("<progress value=\"32\" max=\"96\""), a);
        assertTrue(a.contains("measuring speed") && !a.contains("left 0"), "no time left while warming up: " + a);
        // while running, the display carries the text it shows if the cell stops (the stop watcher)
        assertTrue(a.contains("\"■ Stopped after 32 of 96 sequences (0:01)") && a.contains(".jp-InputArea-prompt"), a);
        assertFalse(a.contains("Plotly") || a.contains("plotly"), "no chart in the progress line: " + a);
        String done = view.html(new TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history);
        assertFalse(done.contains("Stopped"), "a finished run has nothing to watch: " + done);
        String c = view.html(new TrainingProgress(6, 9, 192, 288, 1, 1.0, 0.5, 6), history);
        assertTrue(c.contains("32.0 seq/s · left 0:03"), c);
        String stopped = view.stopped(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertTrue(
                stopped.contains("Stopped after 64 of 96 sequences") && stopped.contains("Run the cell again"),
                stopped);
        assertTrue(stopped.contains("<progress value=\"64\" max=\"96\""), stopped);
        assertTrue(
                a.contains("id=\"cnnlstm_training_")
                        && !new TrainingView()
                                .html(new TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history)
                                .equals(a),
                "each view's progress line has its own id");

        List<String> lines = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        ProgressListener listener = view.listener(
                (html, text) -> lines.add(text), (chart, last) -> charts.add(last + " " + chart.summary()));
        listener.onProgress(new TrainingProgress(1, 3, 32, 96, 1, 1.2, Double.NaN, 1), history);
        listener.onProgress(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        listener.onProgress(new TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history);
        assertEquals(2, lines.size(), "the second report falls within a second of the first; the last always shows");
        assertTrue(lines.get(1).startsWith("96 / 96 sequences"), lines.get(1));
        String mean =
                String.format(java.util.Locale.ROOT, "mean loss of the last 3 batches %.4f", history.recentLoss());
        assertEquals(
                List.of(
                        "false Loss curve: 32 of 96 sequences, " + mean,
                        "true Loss curve: 96 of 96 sequences, " + mean),
                charts,
                "only the last redraw carries the picture");
        listener.onStop(new TrainingProgress(2, 3, 64, 96, 1, 1.1, 0.5, 2), history);
        assertTrue(lines.get(2).startsWith("■ Stopped after 64 of 96"), lines.get(2));
        assertEquals(
                "true Loss curve: 64 of 96 sequences, stopped, " + mean,
                charts.get(2),
                "a stop keeps the curve so far, with its picture");
        assertMessage(() -> view.listener(null, (chart, last) -> {}), "progress");
        ProgressListener outside = new TrainingView().show();
        outside.onProgress(new TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history); // no kernel: nothing shown
        outside.onStop(new TrainingProgress(3, 3, 96, 96, 1, 1.0, 0.5, 3), history);
    }
}
