package io.github.cnnlstm.insights;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.FeatureMaps;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.plots.FilterImages;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InsightsTest {
    private final CnnLstmModel model =
            CnnLstmModel.create(ModelConfig.defaults().withSize(8).withSeed(3));
    private final LineSequenceGenerator data = new LineSequenceGenerator(8, 21);

    @Test
    void theAnswerAfterKFramesIsTheAnswerToAVideoCutAfterKFrames() {
        List<LineSequence> seqs = data.sequences(6);
        double[][][] perFrame = model.probabilitiesPerFrame(seqs);
        INDArray full = SequenceTensors.features(seqs);
        for (int k = 1; k <= 8; k++) {
            INDArray cut = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, k))
                    .dup();
            INDArray out = model.network().output(cut, false);
            for (int i = 0; i < seqs.size(); i++) {
                assertArrayEquals(out.getRow(i).toDoubleVector(), perFrame[i][k - 1], 1e-5, "k=" + k);
            }
        }
    }

    @Test
    void earlyAccuracyEndsAtTheFullVideoAccuracy() {
        EarlyAccuracy early = EarlyAccuracy.measure(model, data, 150);
        assertEquals(8, early.frames());
        assertEquals(Evaluator.evaluate(model, data, 150).accuracy(), early.afterFrames(8), 1e-9);
        int k90 = early.firstReaching(0.0);
        assertEquals(1, k90);
        assertEquals(2, early.table(1, 8).rowCount());
        assertMessage(() -> early.afterFrames(0), "k = 0", "1..8");
        assertMessage(() -> early.afterFrames(9), "k = 9", "1..8");
        assertMessage(() -> early.firstReaching(1.5), "threshold = 1.5", "0.0..1.0");
    }

    @Test
    void perturbationsAddNoiseAndRemovePathPixels() {
        List<LineSequence> seqs = data.sequences(4);
        assertEquals(SequenceTensors.features(seqs), Perturbation.none().features(seqs));
        assertEquals(0.0, Perturbation.gaps(1, 1).features(seqs).sumNumber().doubleValue());
        INDArray all = Perturbation.noise(1, 1).features(seqs);
        assertEquals(all.length(), all.sumNumber().longValue());
        double clean = SequenceTensors.features(seqs).sumNumber().doubleValue();
        double noisy = Perturbation.noise(0.05, 1).features(seqs).sumNumber().doubleValue();
        double gappy = Perturbation.gaps(0.5, 1).features(seqs).sumNumber().doubleValue();
        assertTrue(noisy > clean && gappy < clean, clean + " " + noisy + " " + gappy);
        assertEquals(
                Perturbation.noise(0.05, 7).features(seqs),
                Perturbation.noise(0.05, 7).features(seqs));
        assertMessage(() -> Perturbation.noise(1.5, 1), "noise = 1.5", "0.0..1.0");
        assertMessage(() -> Perturbation.gaps(-0.1, 1), "gaps = -0.1", "0.0..1.0");
        assertMessage(() -> Robustness.noiseCurve(model, data, 10, 0.1, 2.0), "noise = 2.0");
    }

    @Test
    void undamagedRobustnessIsPlainAccuracy() {
        assertEquals(
                Evaluator.evaluate(model, data, 120).accuracy(),
                Robustness.accuracy(model, data, 120, Perturbation.none()),
                1e-9);
        assertEquals(3, Robustness.gapCurve(model, data, 20, 0, 0.5, 1).rowCount());
    }

    @Test
    void theGalleryStartsWithTheWorstExamples() {
        List<Gallery.Example> hardest = Gallery.hardest(model, data.sequences(50), 5);
        assertEquals(5, hardest.size());
        for (int i = 1; i < hardest.size(); i++) {
            assertTrue(trueProbability(hardest.get(i - 1)) <= trueProbability(hardest.get(i)));
        }
        double worstOverall = model.predict(data.sequences(50)).stream()
                .mapToDouble(p -> p.probability(p.expected()))
                .min()
                .orElseThrow();
        assertEquals(worstOverall, trueProbability(hardest.get(0)), 1e-12);
        assertMessage(() -> Gallery.hardest(model, data.sequences(5), 0), "n = 0");
    }

    @Test
    void featureMapsHaveTheShapesOfEachStage() {
        LineSequence s = data.sequence(0);
        FeatureMaps maps = model.featureMaps(s, 7);
        assertEquals(2, maps.afterConv().length);
        assertEquals(7, maps.afterConv()[0].length);
        assertEquals(3, maps.afterPool()[0].length);
        for (double[][] f : maps.afterConv()) {
            for (double[] row : f) {
                for (double v : row) {
                    assertTrue(v >= 0, "ReLU output is never negative");
                }
            }
        }
        BufferedImage image = FilterImages.featureMaps(maps, 4);
        assertTrue(image.getWidth() > 7 * 4 && image.getHeight() > 2 * 7 * 4);
        assertTrue(FilterImages.kernels(model).getWidth() > 0);
        assertMessage(() -> model.featureMaps(s, 8), "frame = 8", "0..7");
    }

    private static double trueProbability(Gallery.Example e) {
        return e.prediction().probability(e.prediction().expected());
    }
}
