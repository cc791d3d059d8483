package io.github.cnnlstm.model;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.layers.FusedLayers;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CnnLstmModelTest {

    @Test
    void theOriginalModelHas240814ParametersAndTheKerasShapes() {
        CnnLstmModel model = CnnLstmModel.create();
        assertEquals(240_814, model.parameterCount());
        ModelSummary summary = model.summary();
        assertEquals(240_814, summary.totalParameters());
        assertEquals(
                List.of(
                        "(batch, 50, 50, 50, 1)",
                        "(batch, 50, 49, 49, 2)",
                        "(batch, 50, 24, 24, 2)",
                        "(batch, 50, 1152)",
                        "(batch, 50)",
                        "(batch, 4)"),
                summary.rows().stream().map(ModelSummary.Row::outputShape).toList());
        assertEquals(
                List.of(0L, 10L, 0L, 0L, 240_600L, 204L),
                summary.rows().stream().map(ModelSummary.Row::parameters).toList());
        assertTrue(summary.toString().contains("Trainable parameters: 240,814"), summary.toString());
    }

    @Test
    void parameterCountFollowsTheConfiguration() {
        // conv 3·4+3; LSTM 4·20·(5·5·3 + 20) + 4·20; dense 20·4+4
        ModelConfig c = ModelConfig.defaults().withSize(11).withFilters(3).withLstmUnits(20);
        assertEquals(75, c.featuresPerFrame());
        assertEquals(15 + (4 * 20 * (75 + 20) + 80) + 84, CnnLstmModel.create(c).parameterCount());
        assertEquals(15 + (4 * 20 * (75 + 20) + 80) + 84, c.parameterCount());
        assertEquals(240_814, ModelConfig.defaults().parameterCount());
    }

    @Test
    void kernelAndPoolSizeShapeTheModel() {
        ModelConfig c = ModelConfig.defaults()
                .withSize(11)
                .withLstmUnits(5)
                .withKernelSize(3)
                .withPoolSize(3);
        CnnLstmModel model = CnnLstmModel.create(c);
        // conv 2·(9 + 1); features per frame ⌊9/3⌋²·2 = 18; LSTM 4·5·(18 + 5 + 1); dense 5·4 + 4
        assertEquals(18, c.featuresPerFrame());
        assertEquals(20 + 4 * 5 * 24 + 24, c.parameterCount());
        assertEquals(c.parameterCount(), model.parameterCount());
        ModelSummary summary = model.summary();
        assertEquals("(batch, 11, 9, 9, 2)", summary.rows().get(1).outputShape());
        assertTrue(
                summary.rows().get(1).description().contains("2×3×3"),
                summary.rows().get(1).description());
        assertEquals("(batch, 11, 3, 3, 2)", summary.rows().get(2).outputShape());
        assertTrue(
                summary.rows().get(2).description().contains("3×3"),
                summary.rows().get(2).description());
        double[][][] kernels = model.convolutionKernels();
        assertEquals(3, kernels[0].length);
        assertEquals(3, kernels[0][0].length);
        FeatureMaps maps = model.featureMaps(new LineSequenceGenerator(11, 3).sequence(0), 10);
        assertEquals(9, maps.afterConv()[0].length);
        assertEquals(3, maps.afterPool()[0].length);
    }

    @Test
    void kernelAndPoolSizeAreValidated() {
        assertMessage(() -> ModelConfig.defaults().withKernelSize(0), "kernelSize = 0", "1..16");
        assertMessage(() -> ModelConfig.defaults().withPoolSize(17), "poolSize = 17", "1..16");
        assertMessage(
                () -> ModelConfig.defaults().withSize(8).withKernelSize(5).withPoolSize(5),
                "kernelSize = 5",
                "size = 8",
                "kernelSize + poolSize <= size + 1");
        assertEquals(2, ModelConfig.defaults().kernelSize());
        assertEquals(2, ModelConfig.defaults().poolSize());
    }

    @Test
    void outputsAProbabilityPerDirectionForEverySequence() {
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        List<LineSequence> seqs = new LineSequenceGenerator(8, 1).sequences(5);
        INDArray out = model.output(SequenceTensors.features(seqs));
        assertArrayEquals(new long[] {5, 4}, out.shape());
        for (int i = 0; i < 5; i++) {
            assertEquals(1.0, out.getRow(i).sumNumber().doubleValue(), 1e-5);
        }
        List<Prediction> predictions = model.predict(seqs);
        for (int i = 0; i < 5; i++) {
            Prediction p = predictions.get(i);
            assertEquals(seqs.get(i).direction(), p.expected());
            for (Direction d : Direction.values()) {
                assertTrue(p.confidence() >= p.probability(d));
            }
        }
    }

    @Test
    void initialWeightsFollowKeras() {
        CnnLstmModel model = CnnLstmModel.create();
        var lstm = model.network().getLayer(1);
        INDArray rw = lstm.getParam("RW"); // [50, 200], orthonormal rows
        INDArray gram = rw.mmul(rw.transpose());
        assertTrue(gram.equalsWithEps(Nd4j.eye(50).castTo(gram.dataType()), 1e-4), "RW·RWᵀ = I");
        INDArray b = lstm.getParam("b");
        assertEquals(50.0, b.sumNumber().doubleValue(), 1e-6, "forget-gate biases 1, the others 0");
        double limit = Math.sqrt(6.0 / (50 + 1202)); // Xavier-uniform, DL4J's LSTM fans
        assertTrue(lstm.getParam("W").amaxNumber().doubleValue() <= limit);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2, 70}) // seeds whose first draw has a filter with all weights < 0 (70: both)
    void everyConvolutionFilterStartsAbleToFire(long seed) {
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSeed(seed));
        double limit = Math.sqrt(6.0 / 4); // He-uniform, fan-in 2×2
        for (double[][] filter : model.convolutionKernels()) {
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : filter) {
                for (double w : row) {
                    assertTrue(Math.abs(w) <= limit);
                    max = Math.max(max, w);
                }
            }
            assertTrue(max > 0, "a filter with no positive weight never fires on pixels ≥ 0");
        }
    }

    @Test
    void sameSeedSameInitialWeights() {
        ModelConfig c = ModelConfig.defaults().withSize(8);
        assertEquals(
                CnnLstmModel.create(c).network().params(),
                CnnLstmModel.create(c).network().params());
    }

    @Test
    void perFrameProbabilitiesEndWithTheModelsAnswer() {
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        List<LineSequence> seqs = new LineSequenceGenerator(8, 2).sequences(3);
        double[][][] perFrame = model.probabilitiesPerFrame(seqs);
        List<Prediction> last = model.predict(seqs);
        for (int i = 0; i < 3; i++) {
            assertEquals(8, perFrame[i].length);
            assertArrayEquals(last.get(i).probabilities(), perFrame[i][7], 1e-5);
        }
    }

    @Test
    void pairedLayersGiveTheDenseGradient() {
        // the model's network is paired (factored input gradient); a twin built from the same
        // configuration and weights is not (the full product): the same gradient, summed in another order
        ModelConfig c = ModelConfig.defaults().withSize(12).withLstmUnits(6);
        CnnLstmModel model = CnnLstmModel.create(c);
        MultiLayerNetwork paired = model.network();
        MultiLayerNetwork dense = new MultiLayerNetwork(CnnLstmModel.configuration(c, false));
        dense.init(paired.params().dup(), true);
        assertEquals(1, FusedLayers.pair(paired));
        List<LineSequence> videos = new LineSequenceGenerator(12, 5).sequences(7);
        double[] fromPaired = gradient(paired, videos);
        double[] fromDense = gradient(dense, videos);
        double largest = Arrays.stream(fromDense).map(Math::abs).max().orElse(0);
        assertTrue(largest > 1e-3, "a gradient to compare: " + largest);
        assertArrayEquals(fromDense, fromPaired, 1e-5 * largest);
    }

    private static double[] gradient(MultiLayerNetwork network, List<LineSequence> videos) {
        network.setInput(SequenceTensors.features(videos));
        network.setLabels(SequenceTensors.labels(videos));
        network.computeGradientAndScore();
        return network.gradient().gradient().toDoubleVector();
    }

    @Test
    void pairingNeedsAnInitialisedNetwork() {
        ModelConfig c = ModelConfig.defaults().withSize(8);
        assertMessage(
                () -> FusedLayers.pair(new MultiLayerNetwork(CnnLstmModel.configuration(c, false))),
                "not initialised",
                "init()");
        assertMessage(() -> FusedLayers.pair(null), "network", "null");
    }

    @Test
    void badInputIsRejectedWithTheValueAndWhatIsAllowed() {
        assertMessage(() -> ModelConfig.defaults().withSize(2), "size = 2", "4..128");
        assertMessage(() -> ModelConfig.defaults().withFilters(0), "filters = 0", "1..64");
        assertMessage(() -> ModelConfig.defaults().withLstmUnits(5000), "lstmUnits = 5000", "1..1024");
        assertMessage(() -> ModelConfig.defaults().withLearningRate(0), "learningRate = 0.0", "(0, 1]");
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        assertMessage(() -> model.predict(new LineSequenceGenerator(9, 1).sequence(0)), "size = 9", "expected 8");
        assertMessage(() -> model.output(Nd4j.zeros(2, 64, 7)), "[2, 64, 7]", "[examples, 64, 8]");
        assertMessage(() -> model.predict((LineSequence) null), "sequence", "null");
        assertMessage(() -> CnnLstmModel.create(null), "config", "null");
    }
}
