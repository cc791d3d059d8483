package io.github.cnnlstm.model;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.layers.FrameConvolutionLayer;
import io.github.cnnlstm.layers.FusedLayers;
import io.github.cnnlstm.layers.LastStepLstmLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The CNN-LSTM video classifier, built with DL4J.
 *
 * <pre>
 *   frames [N × N × 1] ──► Conv2D(filters, k×k, ReLU) ──► MaxPool(p×p) ──► flatten    (per frame)
 *                      ──► LSTM(units), last step ──► Dense(4, softmax)               (per video)
 * </pre>
 *
 * <p>Keras wraps the per-frame layers in {@code TimeDistributed}. Here they are one DL4J layer,
 * {@link FrameConvolutionLayer}, which applies the same convolution, ReLU and pooling to every frame of
 * the sequence {@code [batch, pixels, frames]} and hands the LSTM {@code [batch, 1152, frames]}
 * (k = p = 2, the defaults).
 * It computes what DL4J's generic chain (reshape to {@code [batch × frames, 1, N, N]},
 * ConvolutionLayer, SubsamplingLayer, reshape back) computes, with the same parameters, several
 * times faster. The loss is categorical cross-entropy,
 * the right loss for a one-hot softmax (the four-class original compiled with binary
 * cross-entropy by mistake). Adam uses Keras's defaults (β1 0.9, β2 0.999, ε 1e-7). Weights start as in
 * Keras (Xavier-uniform LSTM and dense kernels, orthogonal recurrent kernel, zero biases but
 * forget-gate bias 1) except the convolution's kernels: He-uniform, U(±√(6/k²)), the ReLU counterpart
 * of Xavier, and a filter drawn with all weights ≤ 0 is drawn again, since on pixels that are never
 * negative it could never fire nor learn (see {@link io.github.cnnlstm.layers.FrameConvolutionLayer}). With Keras's init, 1 filter
 * in 16 starts dead; the two-filter model then trains slowly or not at all.
 */
public final class CnnLstmModel {
    /**
     * Sequences per forward pass when many are scored (evaluation, insights): large enough to be
     * efficient, small enough to stay light.
     */
    public static final int EVALUATION_BATCH = 100;

    private static final int CONV_LAYER = 0;
    private static final int LSTM_LAYER = 1;
    private static final int OUTPUT_LAYER = 2;

    private final ModelConfig config;
    private final MultiLayerNetwork network;

    private CnnLstmModel(ModelConfig config, MultiLayerNetwork network) {
        this.config = config;
        this.network = network;
        FusedLayers.pair(network); // the convolution takes its gradient from the LSTM in factored form
    }

    /** A new, untrained model with initial weights drawn from {@code config.seed()}. */
    public static CnnLstmModel create(ModelConfig config) {
        Check.notNull("config", config);
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(config, false));
        network.init();
        return new CnnLstmModel(config, network);
    }

    /** A new, untrained model with the original example's settings. */
    public static CnnLstmModel create() {
        return create(ModelConfig.defaults());
    }

    /**
     * Wraps an existing network, e.g. one trained or restored with DL4J's own tools, as the model
     * of {@code config}, and pairs its convolution with its LSTM ({@link FusedLayers#pair}). Only
     * its parameter count is checked; {@link
     * io.github.cnnlstm.persistence.ModelStore#load} builds its models with {@link #create} instead.
     *
     * @throws IllegalArgumentException if the network's parameter count is not {@code config}'s
     */
    public static CnnLstmModel wrap(ModelConfig config, MultiLayerNetwork network) {
        Check.notNull("config", config);
        Check.notNull("network", network);
        long expected = config.parameterCount();
        if (network.numParams() != expected) {
            throw new IllegalArgumentException(
                    "network has " + network.numParams() + " parameters but " + config + " needs " + expected);
        }
        return new CnnLstmModel(config, network);
    }

    static MultiLayerConfiguration configuration(ModelConfig c, boolean outputEveryFrame) {
        return configuration(c, outputEveryFrame, DataType.FLOAT, new Adam(c.learningRate(), 0.9, 0.999, 1e-7));
    }

    /** The network in another data type or with another updater (double and no updater for gradient checks). */
    static MultiLayerConfiguration configuration(
            ModelConfig c, boolean outputEveryFrame, DataType dataType, IUpdater updater) {
        int n = c.size();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new FrameConvolutionLayer.Builder()
                        .size(n)
                        .filters(c.filters())
                        .kernelSize(c.kernelSize())
                        .poolSize(c.poolSize())
                        .weightInit(WeightInit.RELU_UNIFORM)
                        .build());
        if (outputEveryFrame) {
            // Same parameters as the trained model, in DL4J's own LSTM (same layout), which emits
            // every step: a causal LSTM's output at frame k is its answer after frames 1..k.
            list.layer(new LSTM.Builder()
                            .nOut(c.lstmUnits())
                            .activation(Activation.TANH)
                            .gateActivationFunction(Activation.SIGMOID)
                            .forgetGateBiasInit(1.0)
                            .build())
                    .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(Direction.COUNT)
                            .activation(Activation.SOFTMAX)
                            .build());
        } else {
            list.layer(new LastStepLstmLayer.Builder()
                            .nOut(c.lstmUnits())
                            .forgetGateBiasInit(1.0)
                            .build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(Direction.COUNT)
                            .activation(Activation.SOFTMAX)
                            .build());
        }
        return list.setInputType(InputType.recurrent((long) n * n, n)).build();
    }

    public ModelConfig config() {
        return config;
    }

    /** Image side and frame count the model expects. */
    public int size() {
        return config.size();
    }

    /** The underlying DL4J network, for what this class does not wrap. */
    public MultiLayerNetwork network() {
        return network;
    }

    /** Number of trainable parameters (240,814 with the defaults). */
    public long parameterCount() {
        return network.numParams();
    }

    /** Layer-by-layer description with output shapes and parameter counts. */
    public ModelSummary summary() {
        int n = config.size();
        int conv = config.mapSide();
        int pool = config.pooledSide();
        int f = config.filters();
        List<ModelSummary.Row> rows = new ArrayList<>();
        rows.add(new ModelSummary.Row("input", "frames", shape(n, n, n, 1), 0));
        // The per-frame stages are one fused DL4J layer (FrameConvolutionLayer): its parameters are the conv's.
        int k = config.kernelSize();
        int p = config.poolSize();
        rows.add(new ModelSummary.Row(
                "conv",
                "TimeDistributed(Conv2D " + f + "×" + k + "×" + k + ", ReLU)",
                shape(n, conv, conv, f),
                network.getLayer(CONV_LAYER).numParams()));
        rows.add(new ModelSummary.Row(
                "pool", "TimeDistributed(MaxPool " + p + "×" + p + ")", shape(n, pool, pool, f), 0));
        rows.add(new ModelSummary.Row("flatten", "TimeDistributed(Flatten)", shape(n, config.featuresPerFrame()), 0));
        rows.add(new ModelSummary.Row(
                "lstm",
                "LSTM(" + config.lstmUnits() + "), last step",
                shape(config.lstmUnits()),
                network.getLayer(LSTM_LAYER).numParams()));
        rows.add(new ModelSummary.Row(
                "output",
                "Dense(4, softmax)",
                shape(Direction.COUNT),
                network.getLayer(OUTPUT_LAYER).numParams()));
        return new ModelSummary(rows, parameterCount());
    }

    private static String shape(int... dims) {
        StringBuilder sb = new StringBuilder("(batch");
        for (int d : dims) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    /** Class probabilities {@code [examples, 4]} for features {@code [examples, N*N, N]}. */
    public INDArray output(INDArray features) {
        checkFeatures(features);
        return network.output(features, false);
    }

    /** The prediction for one sequence. */
    public Prediction predict(LineSequence sequence) {
        Check.notNull("sequence", sequence);
        return predict(List.of(sequence)).get(0);
    }

    /** Predictions for several sequences, in order. */
    public List<Prediction> predict(List<LineSequence> sequences) {
        LineSequence.requireSameSize("sequences", sequences, config.size());
        INDArray features = SequenceTensors.features(sequences);
        INDArray probs = output(features);
        features.close();
        List<Prediction> result = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            double[] p = probs.getRow(i).toDoubleVector();
            result.add(new Prediction(sequences.get(i).direction(), Direction.mostProbable(p), p));
        }
        return result;
    }

    /**
     * Class probabilities after every frame, {@code [examples][frame][4]}: what the model would answer
     * had the video stopped at that frame. Uses a twin network with a copy of these weights that
     * emits the LSTM's output at every step instead of the last one; the twin is closed before
     * returning, so calling this in a loop holds one copy at a time.
     */
    public double[][][] probabilitiesPerFrame(List<LineSequence> sequences) {
        LineSequence.requireSameSize("sequences", sequences, config.size());
        MultiLayerNetwork twin = new MultiLayerNetwork(configuration(config, true));
        twin.init(network.params().dup(), false);
        try {
            INDArray features = SequenceTensors.features(sequences);
            INDArray out = twin.output(features, false); // [b, 4, frames]
            features.close();
            int frames = config.size();
            double[][][] result = new double[sequences.size()][frames][Direction.COUNT];
            for (int i = 0; i < sequences.size(); i++) {
                for (int c = 0; c < Direction.COUNT; c++) {
                    for (int t = 0; t < frames; t++) {
                        result[i][t][c] = out.getDouble(i, c, t);
                    }
                }
            }
            return result;
        } finally {
            twin.close(); // its copy of the weights, now rather than at some later garbage collection
        }
    }

    /** The two-dimensional kernels of the convolution, {@code [filter][row][col]}. */
    public double[][][] convolutionKernels() {
        INDArray w = network.getLayer(CONV_LAYER).getParam(FrameConvolutionLayer.WEIGHT_KEY); // [out, in=1, k, k]
        int side = config.kernelSize();
        double[][][] k = new double[config.filters()][side][side];
        for (int f = 0; f < config.filters(); f++) {
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    k[f][r][c] = w.getDouble(f, 0, r, c);
                }
            }
        }
        return k;
    }

    /**
     * The CNN's view of frame {@code frame} (0-based) of {@code sequence}: the feature maps after
     * convolution + ReLU and after pooling.
     */
    public FeatureMaps featureMaps(LineSequence sequence, int frame) {
        Check.notNull("sequence", sequence);
        Check.matches("sequence size", sequence.size(), config.size());
        Check.inRange("frame", frame, 0, config.size() - 1);
        INDArray features = SequenceTensors.features(List.of(sequence));
        var conv = network.getLayer(CONV_LAYER);
        double[][][] afterConv = FrameConvolutionLayer.convolutionMaps(
                features,
                conv.getParam(FrameConvolutionLayer.WEIGHT_KEY),
                conv.getParam(FrameConvolutionLayer.BIAS_KEY),
                0,
                frame);
        // pooled features of the frame, [filter · P² ] in (filter, row, col) order
        INDArray pooled =
                network.feedForwardToLayer(CONV_LAYER, features, false).get(1);
        int p = config.pooledSide();
        double[][][] afterPool = new double[config.filters()][p][p];
        for (int f = 0; f < config.filters(); f++) {
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    afterPool[f][r][c] = pooled.getDouble(0, (f * p + r) * p + c, frame);
                }
            }
        }
        return new FeatureMaps(afterConv, afterPool, config.poolSize());
    }

    /** Convolution biases, one per filter. */
    public double[] convolutionBiases() {
        return network.getLayer(CONV_LAYER)
                .getParam(FrameConvolutionLayer.BIAS_KEY)
                .toDoubleVector();
    }

    private void checkFeatures(INDArray features) {
        Check.notNull("features", features);
        int n = config.size();
        long[] s = features.shape();
        if (s.length != 3 || s[1] != (long) n * n || s[2] != n) {
            throw new IllegalArgumentException("features shape " + Arrays.toString(s)
                    + " does not match the model: expected [examples, " + n * n + ", " + n + "]");
        }
    }

    @Override
    public String toString() {
        return "CnnLstmModel[" + config + ", " + parameterCount() + " parameters]";
    }
}
