package io.github.cnnlstm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.layers.FrameConvolutionLayer;
import io.github.cnnlstm.layers.LastStepLstmLayer;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Numerical gradient checks, as DL4J checks its own layers: in double precision, every parameter's
 * analytic gradient against central differences of the loss (ε 1e-6, relative error at most 1e-3,
 * absolute differences below 1e-8 ignored). Sizes are small, and large parameter arrays are checked
 * on a random subset of their entries (every convolution parameter is checked), so the checks take
 * seconds.
 */
class GradientCheckTest {
    private static final double EPSILON = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-3;
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;
    /** Entries checked per parameter array at most: more than any convolution here has. */
    private static final int MAX_PER_PARAM = 40;

    private static DataType previousType;
    private static DataType previousFloatType;

    @BeforeAll
    static void doublePrecision() {
        previousType = Nd4j.dataType();
        previousFloatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousType, previousFloatType);
    }

    @ParameterizedTest(name = "kernel {0}×{0}, pool {1}×{1}")
    @CsvSource({"2, 2", "3, 2", "2, 3", "1, 1"})
    void frameConvolution(int kernel, int pool) {
        int size = 7;
        MultiLayerNetwork net = new MultiLayerNetwork(builder()
                .list()
                .layer(new FrameConvolutionLayer.Builder()
                        .size(size)
                        .filters(2)
                        .kernelSize(kernel)
                        .poolSize(pool)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(Direction.COUNT)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.recurrent((long) size * size, size))
                .build());
        net.init();
        // positive biases: few units sit at ReLU's kink, where finite differences are meaningless
        net.getLayer(0).getParam(FrameConvolutionLayer.BIAS_KEY).assign(0.1);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, Direction.COUNT, size);
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < size; t++) {
                labels.putScalar(e, (e + t) % Direction.COUNT, t, 1.0);
            }
        }
        assertGradientsMatch(net, input(3, size * size, size), labels);
    }

    @Test
    void lastStepLstm() {
        int inputs = 5;
        MultiLayerNetwork net = new MultiLayerNetwork(builder()
                .list()
                .layer(new LastStepLstmLayer.Builder().nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(Direction.COUNT)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.recurrent(inputs, 6))
                .build());
        net.init();
        assertGradientsMatch(net, Nd4j.randn(DataType.DOUBLE, 3, inputs, 6), labels(3));
    }

    @ParameterizedTest(name = "kernel {0}×{0}, pool {1}×{1}")
    @CsvSource({"2, 2", "3, 2"})
    void wholeModel(int kernel, int pool) {
        ModelConfig c = ModelConfig.defaults()
                .withSize(7)
                .withLstmUnits(3)
                .withKernelSize(kernel)
                .withPoolSize(pool);
        MultiLayerNetwork net =
                new MultiLayerNetwork(CnnLstmModel.configuration(c, false, DataType.DOUBLE, new NoOp()));
        net.init();
        net.getLayer(0).getParam(FrameConvolutionLayer.BIAS_KEY).assign(0.1);
        assertEquals(DataType.DOUBLE, net.output(input(2, 49, 7)).dataType());
        assertGradientsMatch(net, input(2, 49, 7), labels(2));
    }

    private static NeuralNetConfiguration.Builder builder() {
        return new NeuralNetConfiguration.Builder()
                .seed(12)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER_UNIFORM);
    }

    /** Real-valued pixels: no ties inside pooling windows. */
    private static INDArray input(int examples, int pixels, int frames) {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.DOUBLE, examples, pixels, frames);
    }

    private static INDArray labels(int examples) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, examples, Direction.COUNT);
        for (int e = 0; e < examples; e++) {
            y.putScalar(e, (3 * e + 1) % Direction.COUNT, 1.0);
        }
        return y;
    }

    private static void assertGradientsMatch(MultiLayerNetwork net, INDArray x, INDArray y) {
        assertEquals(DataType.DOUBLE, net.params().dataType());
        boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                .net(net)
                .input(x)
                .labels(y)
                .epsilon(EPSILON)
                .maxRelError(MAX_RELATIVE_ERROR)
                .minAbsoluteError(MIN_ABSOLUTE_ERROR)
                .subset(true)
                .maxPerParam(MAX_PER_PARAM)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(passed, "analytic gradients differ from numerical ones (see the log for which parameters)");
    }
}
