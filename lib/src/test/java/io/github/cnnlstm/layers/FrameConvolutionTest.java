package io.github.cnnlstm.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fused per-frame layer must compute what DL4J's own conv → pool chain computes. */
class FrameConvolutionTest {

    /** The textbook DL4J chain: reshape, ConvolutionLayer, SubsamplingLayer, reshape back. */
    private static MultiLayerNetwork reference(ModelConfig c) {
        int n = c.size();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .inputPreProcessor(0, new RnnToCnnPreProcessor(n, n, 1))
                .layer(new ConvolutionLayer.Builder(c.kernelSize(), c.kernelSize())
                        .nIn(1)
                        .nOut(c.filters())
                        .stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(c.poolSize(), c.poolSize())
                        .stride(c.poolSize(), c.poolSize())
                        .convolutionMode(ConvolutionMode.Truncate)
                        .build())
                .layer(new LastTimeStep(new LSTM.Builder()
                        .nOut(c.lstmUnits())
                        .activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID)
                        .build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.recurrent((long) n * n, n))
                .build());
        net.init();
        return net;
    }

    @ParameterizedTest(name = "size {0}, {1} filters {3}×{3}, pool {4}×{4}, {2} units")
    @CsvSource({
        "7, 2, 5, 2, 2",
        "8, 3, 4, 2, 2",
        "50, 2, 50, 2, 2", // the default kernel and pooling
        "8, 2, 4, 3, 2",
        "9, 2, 4, 2, 3",
        "10, 3, 3, 3, 3",
        "7, 2, 3, 1, 1",
        "9, 1, 3, 4, 2",
        "12, 2, 3, 5, 4"
    })
    void sameParametersSameOutputsSameGradientsAsTheDl4jChain(int size, int filters, int units, int kernel, int pool) {
        ModelConfig c = ModelConfig.defaults()
                .withSize(size)
                .withFilters(filters)
                .withLstmUnits(units)
                .withKernelSize(kernel)
                .withPoolSize(pool);
        MultiLayerNetwork fused = CnnLstmModel.create(c).network();
        MultiLayerNetwork chain = reference(c);
        assertEquals(chain.numParams(), fused.numParams());
        chain.setParams(fused.params().dup());

        Nd4j.getRandom().setSeed(size);
        // real-valued inputs: no ties inside pooling windows, so gradients must agree exactly
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, (long) size * size, size).subi(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 4);
        y.putScalar(0, 1, 1);
        y.putScalar(1, 3, 1);
        y.putScalar(2, 0, 1);

        assertSameOutputsAndGradients(chain, fused, x, y);
    }

    @ParameterizedTest(name = "kernel {0}×{0}, pool {1}×{1}")
    @CsvSource({"2, 2", "3, 2", "3, 3"})
    void onRealLineVideosTooMostlyEmptyFrames(int kernel, int pool) {
        ModelConfig c = ModelConfig.defaults()
                .withSize(20)
                .withLstmUnits(8)
                .withKernelSize(kernel)
                .withPoolSize(pool);
        MultiLayerNetwork fused = CnnLstmModel.create(c).network();
        MultiLayerNetwork chain = reference(c);
        chain.setParams(fused.params().dup());
        var batch = new LineSequenceGenerator(20, 5).iterator(6, 6).next();
        assertSameOutputsAndGradients(chain, fused, batch.getFeatures(), batch.getLabels());
    }

    @Test
    void onTheCoursesVideosWithTheDefaultModel() {
        // 50×50 line videos change a few pooled features per frame: the LSTM's incremental path
        ModelConfig c = ModelConfig.defaults();
        MultiLayerNetwork fused = CnnLstmModel.create(c).network();
        MultiLayerNetwork chain = reference(c);
        chain.setParams(fused.params().dup());
        // positive convolution biases: the untouched windows then hold a nonzero constant
        fused.getLayer(0).getParam(FrameConvolutionParams.BIAS_KEY).assign(0.2);
        chain.getLayer(0).getParam("b").assign(0.2);
        var batch = new LineSequenceGenerator(50, 8).iterator(5, 5).next();
        assertSameOutputsAndGradients(chain, fused, batch.getFeatures(), batch.getLabels());
    }

    @Test
    void onABatchWhereOneVideoChangesEverywhere() {
        // one example of noise among line videos: the incremental path with many changes per step
        ModelConfig c = ModelConfig.defaults().withSize(20).withLstmUnits(8);
        MultiLayerNetwork fused = CnnLstmModel.create(c).network();
        MultiLayerNetwork chain = reference(c);
        chain.setParams(fused.params().dup());
        var batch = new LineSequenceGenerator(20, 9).iterator(8, 8).next();
        Nd4j.getRandom().setSeed(9);
        INDArray x = batch.getFeatures().dup();
        x.get(NDArrayIndex.point(3), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(Nd4j.rand(DataType.FLOAT, 400, 20).subi(0.3));
        assertSameOutputsAndGradients(chain, fused, x, batch.getLabels());
    }

    @Test
    void aTrainingPassAfterOthersOfOtherSizesGivesWhatAFreshNetworkGives() {
        // the LSTM keeps its training passes' arrays from batch to batch: nothing of an earlier pass,
        // of other parameters or another batch size, may remain in a later one. The course's videos:
        // the LSTM's incremental path, which reads W row by row
        ModelConfig c = ModelConfig.defaults();
        MultiLayerNetwork used = CnnLstmModel.create(c).network();
        INDArray start = used.params().dup();
        used.setParams(start.mul(0.9));
        var generator = new LineSequenceGenerator(50, 3);
        used.fit(generator.iterator(6, 6).next());
        used.fit(generator.iterator(3, 3).next());
        used.setParams(start);
        MultiLayerNetwork fresh = CnnLstmModel.create(c).network();
        fresh.setParams(start);
        var batch = new LineSequenceGenerator(50, 4).iterator(4, 4).next();
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {used, fresh}) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(fresh.score(), used.score());
        assertArrayEquals(
                fresh.gradient().gradient().toDoubleVector(),
                used.gradient().gradient().toDoubleVector());
    }

    private static void assertSameOutputsAndGradients(
            MultiLayerNetwork chain, MultiLayerNetwork fused, INDArray x, INDArray y) {
        assertTrue(chain.output(x, false).equalsWithEps(fused.output(x, false), 1e-5));
        fused.setInput(x);
        fused.setLabels(y);
        fused.computeGradientAndScore();
        chain.setInput(x);
        chain.setLabels(y);
        chain.computeGradientAndScore();
        assertEquals(chain.score(), fused.score(), 1e-5);
        double[] expected = chain.gradient().gradient().toDoubleVector();
        double[] actual = fused.gradient().gradient().toDoubleVector();
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, 1e-4 * scale + 1e-7);
    }

    @Test
    void theConvolutionGradientIsNotZero() {
        ModelConfig c = ModelConfig.defaults().withSize(8);
        MultiLayerNetwork net = CnnLstmModel.create(c).network();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 64, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 4);
        y.putScalar(0, 2, 1);
        y.putScalar(1, 1, 1);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        INDArray convGradient = net.gradient().gradient().get(NDArrayIndex.interval(0, 10));
        assertTrue(convGradient.norm2Number().doubleValue() > 0, convGradient.toString());
    }

    /** More filters than kernel pixels: the dead-filter redraw once failed for every such network. */
    @ParameterizedTest
    @CsvSource({"8, 4, 2", "12, 9, 3", "12, 20, 2", "20, 64, 5"})
    void buildsWithAsManyFiltersAsKernelPixelsOrMore(int size, int filters, int kernel) {
        ModelConfig c = ModelConfig.defaults()
                .withSize(size)
                .withFilters(filters)
                .withKernelSize(kernel)
                .withPoolSize(1)
                .withLstmUnits(3);
        MultiLayerNetwork net = CnnLstmModel.create(c).network();
        INDArray w = net.getLayer(0).getParam(FrameConvolutionLayer.WEIGHT_KEY);
        assertEquals(filters * kernel * kernel, w.length());
        double[] values = w.dup('c').data().asDouble();
        for (int f = 0; f < filters; f++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < kernel * kernel; j++) {
                max = Math.max(max, values[f * kernel * kernel + j]);
            }
            assertTrue(max > 0, "filter " + f + " can never fire");
        }
    }
}
