package io.github.cnnlstm.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.github.cnnlstm.persistence.ModelStore;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import io.github.cnnlstm.training.TrainingHistory;
import io.github.cnnlstm.training.TrainingProgress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration {@link ModelConfig} accepts builds, trains a batch, evaluates, predicts,
 * saves, loads and draws every figure: the corners of the accepted space (smallest and largest
 * size, kernel 1 and kernel = size, pool 1 and pool 16, a pooled side of 1, the most filters and
 * LSTM units, the smallest and largest learning rate) and seeded random points, all within a
 * memory budget that keeps the run short on two cores.
 */
class EveryConfigurationTest {
    /** Random points besides the corners. */
    static final int RANDOM_POINTS = 16;
    /** Parameters of the random points, at most: a few MB each of weights and Adam state. */
    static final long PARAMETER_BUDGET = 1L << 20;
    /** Multiply-adds of the convolution per video of the random points, at most. */
    static final long CONVOLUTION_BUDGET = 1L << 25;

    @TempDir
    static Path dir;

    static Stream<ModelConfig> configurations() {
        ModelConfig d = ModelConfig.defaults();
        Set<ModelConfig> all = new LinkedHashSet<>(List.of(
                // smallest size: kernel 1 and pool 1, kernel = size, pool = size (pooled side 1)
                config(4, 1, 1, 1, 1),
                config(4, 1, 4, 1, 1),
                config(4, 1, 1, 4, 1),
                config(4, 3, 2, 3, 5),
                // the most filters and LSTM units together, on the largest feature vector of size 4
                config(4, ModelConfig.MAX_FILTERS, 1, 1, ModelConfig.MAX_LSTM_UNITS),
                // kernel 16 = size; kernel and pool 16 with a pooled side of 1; the most filters with pool 16
                config(16, 2, 16, 1, 8),
                config(31, 3, 16, 16, 7),
                config(17, 1, 16, 2, 2),
                config(20, ModelConfig.MAX_FILTERS, 5, 16, 3),
                config(24, ModelConfig.MAX_FILTERS, 9, 16, 3),
                // largest size: kernel 1 and pool 1 (16,384 features), the largest windows, the most units
                config(128, 1, 1, 1, 2),
                config(128, 2, 16, 16, 16),
                config(128, 1, 1, 16, ModelConfig.MAX_LSTM_UNITS),
                // the learning rate's ends and seeds of either sign
                d.withSize(8).withLearningRate(1).withSeed(Long.MIN_VALUE),
                d.withSize(8).withLearningRate(Double.MIN_VALUE).withSeed(Long.MAX_VALUE)));
        Random random = new Random(19);
        List<ModelConfig> drawn = new ArrayList<>();
        while (drawn.size() < RANDOM_POINTS) {
            ModelConfig c = draw(random);
            if (c != null
                    && c.parameterCount() <= PARAMETER_BUDGET
                    && convolutionWork(c) <= CONVOLUTION_BUDGET
                    && all.add(c)) {
                drawn.add(c);
            }
        }
        return all.stream();
    }

    private static ModelConfig config(int size, int filters, int kernel, int pool, int units) {
        return new ModelConfig(size, filters, kernel, pool, units, ModelConfig.DEFAULT_LEARNING_RATE, 7);
    }

    /** A point of the space, every setting uniform in what the others leave allowed; null if refused. */
    private static ModelConfig draw(Random random) {
        int size = 4 + random.nextInt(128 - 4 + 1);
        int kernel = 1 + random.nextInt(Math.min(16, size));
        int pool = 1 + random.nextInt(Math.min(16, size - kernel + 1));
        // filters and units log-uniform, so small and large values both come up
        int filters = (int) Math.round(Math.exp(random.nextDouble() * Math.log(ModelConfig.MAX_FILTERS)));
        int units = (int) Math.round(Math.exp(random.nextDouble() * Math.log(ModelConfig.MAX_LSTM_UNITS)));
        double rate = Math.exp(-random.nextDouble() * 12);
        long seed = random.nextLong();
        try {
            return new ModelConfig(size, filters, kernel, pool, units, rate, seed);
        } catch (IllegalArgumentException tooManyParameters) {
            return null; // outside the accepted space: draw again
        }
    }

    /** Map side² × kernel side² × filters × frames. */
    private static long convolutionWork(ModelConfig c) {
        return (long) c.mapSide() * c.mapSide() * c.kernelSize() * c.kernelSize() * c.filters() * c.size();
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void buildsTrainsEvaluatesPredictsSavesLoadsAndDrawsEveryFigure(ModelConfig config) throws IOException {
        int n = config.size();
        CnnLstmModel model = CnnLstmModel.create(config);
        assertEquals(config.parameterCount(), model.parameterCount());
        TrainingConfig budget = new TrainingConfig(3, 3, 1, 5, 1);
        TrainingHistory history = Trainer.train(model, budget);
        assertTrue(history.completed() && history.iterations() == 1, history.toString());

        LineSequenceGenerator data = new LineSequenceGenerator(n, 11);
        List<LineSequence> videos = data.sequences(2);
        EvaluationReport report = Evaluator.evaluate(model, data, 2);
        List<Prediction> predictions = model.predict(videos);
        double[][][] perFrame = model.probabilitiesPerFrame(videos.subList(0, 1));
        assertEquals(n, perFrame[0].length);

        Path file = ModelStore.save(model, dir.resolve("model.zip"), "every configuration");
        CnnLstmModel loaded = ModelStore.load(file);
        assertEquals(config, loaded.config());
        List<Prediction> again = loaded.predict(videos);
        for (int i = 0; i < videos.size(); i++) {
            assertArrayEquals(predictions.get(i).probabilities(), again.get(i).probabilities(), 1e-6);
        }

        int scale = Math.max(1, 64 / n);
        FeatureMaps maps = model.featureMaps(videos.get(0), n - 1);
        List<BufferedImage> pictures = List.of(
                FrameImages.frame(videos.get(0), n - 1, scale),
                FrameImages.strip(videos.get(0), Math.max(1, n / 4), scale),
                FrameImages.grid(videos, predictions, Math.max(1, n / 4), scale),
                FilterImages.kernels(model),
                FilterImages.featureMaps(maps, scale),
                ArchitectureDiagram.draw(config));
        for (BufferedImage p : pictures) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(p, "png", png));
        }
        assertTrue(FrameImages.gif(videos.get(0), 1, 20).length > 0);
        EarlyAccuracy early = EarlyAccuracy.measure(model, data, 2);
        List<Chart> charts = List.of(
                LossCurve.chart(history),
                ConfusionMatrixChart.chart(report),
                InsightCharts.earlyAccuracy(early),
                InsightCharts.belief(perFrame[0], videos.get(0).direction(), "one video"),
                InsightCharts.robustness(Robustness.noiseCurve(model, data, 2, 0, 0.1), "noise", true),
                InsightCharts.robustness(Robustness.gapCurve(model, data, 2, 0.5), "gaps"));
        for (Chart chart : charts) {
            assertTrue(chart.summary().length() > 0);
            assertTrue(JsonParser.parse(chart.plotlyJson()) instanceof java.util.Map, chart.summary());
        }
        assertTrue(new TrainingView()
                .html(new TrainingProgress(1, 1, 3, 3, 1, 1.2, 0.5, 1), history)
                .contains("<progress"));
        model.network().close();
        loaded.network().close();
    }
}
